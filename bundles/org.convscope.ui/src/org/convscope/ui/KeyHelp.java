package org.convscope.ui;

/**
 * A key a control handles itself rather than through a command binding, listed beside the control's
 * key handling so that the Keys page (Help &gt; Keys) reads the same table the handler is written
 * against.
 *
 * @param keys   the key or gesture as a person types it ({@code F}, {@code Ctrl+Wheel})
 * @param action what it does
 */
public record KeyHelp(String keys, String action) {
}
