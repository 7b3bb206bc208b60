package org.convscope.ui;

/**
 * A request to a view to work on one layer, posted on {@link ModelEvents#LAYER_CHOSEN} (the graph's
 * context menu opens a view with the layer under the pointer).
 *
 * @param viewId  the id of the view asked
 * @param layerId the layer's id in the open model
 */
public record LayerChoice(String viewId, String layerId) {
}
