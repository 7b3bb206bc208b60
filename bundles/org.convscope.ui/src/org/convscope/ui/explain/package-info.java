/**
 * The Explain view: several attribution methods side by side over several images, each map with
 * the numbers that say how far to trust it, exported as the command line's {@code explain} writes
 * them. {@link org.convscope.ui.explain.ExplainProvider} holds the work and is usable without a
 * display.
 */
package org.convscope.ui.explain;
