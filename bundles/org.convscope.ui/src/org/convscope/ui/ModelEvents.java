package org.convscope.ui;

/**
 * Topics of the workbench's event broker, the one mechanism by which Convscope's parts learn what
 * happened elsewhere. The event's {@code IEventBroker.DATA} is named per topic.
 */
public final class ModelEvents {

    /**
     * The active model changed: a model editor was activated (a model opened, or another model's
     * tab chosen), or the active one closed and another model editor took its place; data: the
     * {@link OpenModel}. The views show the active model, as Eclipse IDE views follow the active
     * editor; an editor of another kind (a channel grid) leaves them on the last model.
     */
    public static final String MODEL_ACTIVATED = "org/convscope/model/activated";
    /** The last model editor closed, so there is no active model; data: none ({@code Boolean.TRUE}). */
    public static final String MODELS_CLOSED = "org/convscope/model/closed";
    /** An activation run finished; data: the {@link ComputedActivations}. */
    public static final String ACTIVATIONS_COMPUTED = "org/convscope/activations/computed";
    /** A view is asked to work on a layer; data: the {@link LayerChoice}. */
    public static final String LAYER_CHOSEN = "org/convscope/layer/chosen";
    /** Input files were given for a model (the command line's images); data: the {@link InputChoice}. */
    public static final String INPUTS_CHOSEN = "org/convscope/inputs/chosen";

    private ModelEvents() {
    }
}
