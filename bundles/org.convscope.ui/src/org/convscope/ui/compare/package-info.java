/**
 * The compare editor: one layer for two or more inputs side by side on one shared scale, the
 * difference A − B, and the channels ranked by how differently they respond.
 * {@link org.convscope.ui.compare.CompareModel} holds the logic and runs without a display.
 */
package org.convscope.ui.compare;
