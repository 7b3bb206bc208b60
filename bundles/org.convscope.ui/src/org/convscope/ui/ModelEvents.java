package org.convscope.ui;

/**
 * Topics of the workbench's event broker, the one mechanism by which Convscope's parts learn what
 * happened elsewhere. The event's {@code IEventBroker.DATA} is named per topic.
 */
public final class ModelEvents {

    /** A model was opened and is now the current one; data: the {@link OpenModel}. */
    public static final String MODEL_OPENED = "org/convscope/model/opened";
    /** An activation run finished; data: the {@link ComputedActivations}. */
    public static final String ACTIVATIONS_COMPUTED = "org/convscope/activations/computed";
    /** A view is asked to work on a layer; data: the {@link LayerChoice}. */
    public static final String LAYER_CHOSEN = "org/convscope/layer/chosen";
    /** Input files were given for a model (the command line's images); data: the {@link InputChoice}. */
    public static final String INPUTS_CHOSEN = "org/convscope/inputs/chosen";

    private ModelEvents() {
    }
}
