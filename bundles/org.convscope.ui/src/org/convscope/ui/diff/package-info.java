/**
 * The compare-models editor: two models' graphs side by side, coloured by structural status and,
 * after a run, by divergence; a table of the matched layers; a matched layer's two outputs and
 * their difference. {@link org.convscope.ui.diff.DiffModel} holds the logic and runs without a
 * display.
 */
package org.convscope.ui.diff;
