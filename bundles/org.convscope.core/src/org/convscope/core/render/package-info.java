/**
 * Turns activations into pictures without any UI toolkit: the channel grid of a layer (every
 * channel a tile, as in F. Chollet's {@code display_grid}, with no channel dropped and no NaN), a
 * single channel enlarged with its colour bar, heat-map overlays, and matplotlib's colour maps.
 *
 * <p>The output is an ARGB {@link org.convscope.core.render.RgbImage} plus the geometry and
 * statistics a view needs to map a pixel back to a channel and a value.
 */
package org.convscope.core.render;
