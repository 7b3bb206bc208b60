package org.convscope.ui;

/**
 * What a model-bound view computes with: made for one open model, closed (its native memory freed)
 * when another model opens or the view closes.
 */
public interface ModelProvider extends AutoCloseable {

    /** @return the model this provider computes for */
    OpenModel model();

    /** Frees the provider's engine; results already handed out stay usable. */
    @Override
    void close();
}
