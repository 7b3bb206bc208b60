/**
 * The channel-grid editor: one layer's channels for one input as the core's renderer draws them,
 * with zoom, pan, hover read-out, the enlarged channel and export. {@link org.convscope.ui.grid.GridModel}
 * holds the logic and runs without a display; {@link org.convscope.ui.grid.ZoomCanvas} is the
 * zoomable picture that the compare editor reuses.
 */
package org.convscope.ui.grid;
