/**
 * The light and dark palettes of everything Convscope paints itself, and which one is active: the
 * platform's CSS theme decides, and painters follow it.
 */
package org.convscope.ui.theme;
