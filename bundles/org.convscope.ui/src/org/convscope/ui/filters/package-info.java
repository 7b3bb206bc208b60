/**
 * The Filters view: the patterns a layer's filters respond to, by gradient ascent, filled into a
 * grid as they finish. {@link org.convscope.ui.filters.FiltersProvider} holds the work and is
 * usable without a display; the view only wires widgets to it.
 */
package org.convscope.ui.filters;
