/**
 * The model graph: view model, ELK layout, painting, hit testing, find and export. Everything but
 * the painter, canvas and actions runs without a display.
 */
package org.convscope.ui.graph;
