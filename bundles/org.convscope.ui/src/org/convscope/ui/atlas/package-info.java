/**
 * The Channel Atlas: a scan store ({@code convscope scan}) opened read-only in an editor, every
 * channel of a layer a tile of its strongest examples' crops and cached feature visualisation,
 * sorted and filtered, with a channel's examples large and its activation over them on a click.
 * {@link org.convscope.ui.atlas.Atlas} holds the store's numbers and the sorting without a
 * display; {@link org.convscope.ui.atlas.AtlasOpener} opens stores, from the File menu, a drop or
 * the graph's menu.
 */
package org.convscope.ui.atlas;
