package org.convscope.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.convscope.core.tensor.Tensor;

/**
 * An executable model. A request builds, and reads the weights of, only the layers its outputs
 * depend on, and later requests reuse them: the first layer of a large model costs the first layer.
 * Activations are cached per input, so asking again for the same input — another layer of it, or
 * the same one — costs no computation. Close it to free the native memory
 * it holds (weights, cached graphs). Calls are serialized; one network serves one thread at a time.
 */
public interface Network extends AutoCloseable {

    /** @return the model's name */
    String name();

    /** @return every node's name in execution order, inputs first */
    List<String> layerNames();

    /** @return the input layers' names, in the order inputs are given */
    List<String> inputNames();

    /**
     * Layers the engine cannot build for inputs of the given shapes, without running anything:
     * name → reason. Layers after them are listed with the earlier layer as cause.
     *
     * @param inputShapes one shape per input, batch axis included
     */
    Map<String, LayerFailure> check(List<int[]> inputShapes);

    /**
     * The output shape of every layer that can be built for inputs of the given shapes, without
     * running anything — e.g. to size a filter-pattern objective or to find the last 4-D layer for
     * Grad-CAM.
     *
     * @param inputShapes one shape per input, batch axis included
     * @return layer name → output shape, batch axis included (taken from the first input), in
     *         execution order
     */
    Map<String, int[]> outputShapes(List<int[]> inputShapes);

    /**
     * {@link #outputShapes} of one layer and the layers it depends on, building (and loading the
     * weights of) nothing after it: filter patterns of an early layer of a large model do not load
     * its classifier.
     *
     * @param inputShapes one shape per input, batch axis included
     * @return layer name → output shape, batch axis included, in execution order; {@code layer} is
     *         missing when it cannot be built (see {@link #check})
     */
    Map<String, int[]> outputShapes(List<int[]> inputShapes, String layer);

    /**
     * Runs the model (once per distinct input) and returns the requested layers' outputs.
     *
     * @param inputs one tensor per input layer, batch axis first (NHWC for images)
     * @param layers layer names; empty means all
     */
    ForwardResult forward(List<Tensor> inputs, Collection<String> layers);

    /** {@link #forward(List, Collection)} for a model with one input. */
    default ForwardResult forward(Tensor input, Collection<String> layers) {
        return forward(List.of(input), layers);
    }

    /**
     * {@link #forward(List, Collection)} for inputs that will not come again, such as a batch of
     * masked or perturbed copies of an image: the activation cache is neither read nor filled, so
     * the inputs are not kept and what the cache holds for other inputs stays.
     */
    ForwardResult forwardOnce(List<Tensor> inputs, Collection<String> layers);

    /**
     * Differentiates {@code objective} with respect to inputs and intermediate outputs.
     *
     * @param inputs    one tensor per input layer
     * @param objective the scalar to differentiate (kept per batch item)
     * @param wrt       input layer names and/or layer names before the objective's layer
     */
    GradientResult gradients(List<Tensor> inputs, Objective objective, Collection<String> wrt);

    /**
     * Runs the model from {@code layer} on: {@code layer}'s output is taken to be
     * {@code replacement} instead of what the inputs give (e.g. the activation with one channel
     * zeroed, once per batch item, for ablation). Other tensors the rest of the model reads (a skip
     * connection from before {@code layer}) come from {@code inputs}, repeated over the
     * replacement's batch.
     *
     * @param inputs      one tensor per input layer, batch 1
     * @param layer       the layer whose output is replaced
     * @param replacement its new value, shape (M, …) as the layer's output with any batch M
     * @param output      a layer after {@code layer}
     * @return {@code output}'s value for each of the M replacements
     */
    Tensor forwardReplacing(List<Tensor> inputs, String layer, Tensor replacement, String output);

    /**
     * Runs {@code work} with some layers' weights replaced, in place, and puts the originals back
     * when it ends, however it ends: the graphs, buffers and kernels already made stay, and only
     * what was made from those layers' weights (e.g. a kernel with a batch normalization folded
     * in) is made again. For the model-randomisation check, which would otherwise open a copy of
     * the model per randomised layer. Other threads' calls wait until {@code work} ends; the
     * activations cached of those layers and of the layers after them are dropped, before and after.
     *
     * @param replace layer name → what makes its new weights (in the order and shapes of its own)
     *                from its current ones
     * @param work    what to compute with them, on this thread, through this network
     * @return what {@code work} returned, or empty, with nothing done, when this network cannot
     *         replace those weights in place (a layer it builds from a copy of its weights, such
     *         as a dilated or grouped convolution, or shapes that do not match): then open a
     *         network on a spec with the weights replaced instead
     */
    <T> Optional<T> withWeights(Map<String, UnaryOperator<List<Tensor>>> replace, Supplier<T> work);

    /**
     * Drops the cached activations (the graphs, the weights and the buffers kept for the next call
     * stay).
     */
    void clearCache();

    /**
     * Frees the native buffers calls keep for the next call of the same shapes (one set per batch
     * shape, e.g. a quarter of a GB for filter patterns of VGG16). A network frees them by itself a
     * few seconds after its last call; call this to free them at once when a loop is over. The
     * cached activations, graphs and weights stay.
     */
    void releaseWorkMemory();

    /** Frees everything native the network holds. */
    @Override
    void close();
}
