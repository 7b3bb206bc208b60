/**
 * Convscope's preferences: the defaults (colour map, tiles per row, preprocessing, scale) that the
 * Activation view and the grid and compare editors start from, and the recent input images.
 */
package org.convscope.ui.prefs;
