package org.convscope.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.convscope.core.io.WeightRef;

/**
 * One Keras layer of a {@link ModelGraph}: its name, Keras class, category, config, weights,
 * parameter counts and calls. A nested model is a layer whose {@link #model()} is present.
 * Instances are immutable; weights are looked up on first use only.
 */
public final class Layer {

    /** Parameter count when it could not be inferred (no input shape and no weights). */
    public static final long UNKNOWN_PARAMS = -1;

    private final String name;
    private final String kerasClass;
    private final LayerCategory category;
    private final Map<String, Object> config;
    private final List<String> path;
    /** The path joined, made once: the workbench looks layers up by it all the time. */
    private final String id;
    private final List<Node> nodes;
    private final int firstNodeIndex;
    private final long trainableParams;
    private final long nonTrainableParams;
    private final boolean trainable;
    private final ModelGraph model;
    private final String problem;
    private final Supplier<List<WeightRef>> weightSource;
    private volatile List<WeightRef> weights;

    private Layer(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.kerasClass = Objects.requireNonNull(b.kerasClass, "kerasClass");
        this.category = Objects.requireNonNull(b.category, "category");
        this.config = b.config;
        this.path = List.copyOf(b.path == null ? List.of(b.name) : b.path);
        this.id = path.size() == 1 ? path.get(0) : String.join("/", path);
        this.nodes = List.copyOf(b.nodes);
        this.firstNodeIndex = b.firstNodeIndex;
        this.trainableParams = b.trainableParams;
        this.nonTrainableParams = b.nonTrainableParams;
        this.trainable = b.trainable;
        this.model = b.model;
        this.problem = b.problem;
        this.weightSource = b.weights;
        if ((trainableParams < 0) != (nonTrainableParams < 0)) {
            throw new IllegalArgumentException(name + ": parameter counts must be both known or both unknown");
        }
    }

    /**
     * @param name       the layer name, unique in its model
     * @param kerasClass the Keras class name, e.g. {@code Conv2D}
     * @return a builder
     */
    public static Builder builder(String name, String kerasClass) {
        return new Builder(name, kerasClass);
    }

    /** @return the layer name, unique within its model */
    public String name() {
        return name;
    }

    /** @return the Keras class name as the file gives it, e.g. {@code Conv2D} */
    public String kerasClass() {
        return kerasClass;
    }

    /** @return the category for colouring */
    public LayerCategory category() {
        return category;
    }

    /** @return the layer's config as the file gives it (plain JSON values), never executed */
    public Map<String, Object> config() {
        return config;
    }

    /** @return layer names from the top model down to this layer, e.g. {@code [sequential, dense]} */
    public List<String> path() {
        return path;
    }

    /** @return the path joined with {@code /}, unique in the top model */
    public String id() {
        return id;
    }

    /** @return the calls of this layer in Keras's order; an input layer has one call without inputs */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * @return Keras's index of the first call in {@link #nodes()}: 1 for a nested functional model
     *         whose internal node Keras counts first, else 0
     */
    public int firstNodeIndex() {
        return firstNodeIndex;
    }

    /**
     * @param kerasNodeIndex a node index as an {@link InboundRef} gives it
     * @return that call
     * @throws IndexOutOfBoundsException if the layer has no such call
     */
    public Node node(int kerasNodeIndex) {
        int i = kerasNodeIndex - firstNodeIndex;
        if (i < 0 || i >= nodes.size()) {
            throw new IndexOutOfBoundsException(name + " has no node " + kerasNodeIndex);
        }
        return nodes.get(i);
    }

    /** @return the output shapes of the first call, or an empty list if the layer is never called */
    public List<TensorShape> outputShapes() {
        return nodes.isEmpty() ? List.of() : nodes.get(0).outputShapes();
    }

    /** @return the number of trainable parameters, or {@link #UNKNOWN_PARAMS} */
    public long trainableParams() {
        return trainableParams;
    }

    /** @return the number of non-trainable parameters, or {@link #UNKNOWN_PARAMS} */
    public long nonTrainableParams() {
        return nonTrainableParams;
    }

    /** @return all parameters, or {@link #UNKNOWN_PARAMS} */
    public long params() {
        return trainableParams < 0 ? UNKNOWN_PARAMS : trainableParams + nonTrainableParams;
    }

    /** @return false if the layer, or a model holding it, is frozen */
    public boolean trainable() {
        return trainable;
    }

    /** @return the nested model, if this layer is one */
    public Optional<ModelGraph> model() {
        return Optional.ofNullable(model);
    }

    /**
     * @return why something about this layer could not be understood (an unknown Keras class, a
     *         shape that could not be inferred), if so
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * The layer's own weights (not those of layers nested in it), in Keras's order. The first call
     * asks the weight file; the list is then kept.
     *
     * @return the weights, empty if the file holds none for this layer
     */
    public List<WeightRef> weights() {
        List<WeightRef> w = weights;
        if (w == null) {
            synchronized (this) {
                w = weights;
                if (w == null) {
                    w = weightSource == null ? List.of() : List.copyOf(weightSource.get());
                    weights = w;
                }
            }
        }
        return w;
    }

    @Override
    public String toString() {
        return name + " (" + kerasClass + ")";
    }

    /** Collects what a {@link Layer} needs; each setter returns the builder. */
    public static final class Builder {

        private final String name;
        private final String kerasClass;
        private LayerCategory category = LayerCategory.UNKNOWN;
        private Map<String, Object> config = Map.of();
        private List<String> path;
        private final List<Node> nodes = new ArrayList<>();
        private int firstNodeIndex;
        private long trainableParams;
        private long nonTrainableParams;
        private boolean trainable = true;
        private ModelGraph model;
        private String problem;
        private Supplier<List<WeightRef>> weights;

        private Builder(String name, String kerasClass) {
            this.name = name;
            this.kerasClass = kerasClass;
        }

        /** @param c the category @return this */
        public Builder category(LayerCategory c) {
            this.category = c;
            return this;
        }

        /** @param c the config, kept as an unmodifiable copy @return this */
        public Builder config(Map<String, Object> c) {
            this.config = Collections.unmodifiableMap(new LinkedHashMap<>(c));
            return this;
        }

        /** @param p layer names from the top model down to this layer @return this */
        public Builder path(List<String> p) {
            this.path = p;
            return this;
        }

        /** @param n a call, appended @return this */
        public Builder node(Node n) {
            this.nodes.add(n);
            return this;
        }

        /** @param i Keras's index of the first call @return this */
        public Builder firstNodeIndex(int i) {
            this.firstNodeIndex = i;
            return this;
        }

        /**
         * @param trainableCount    trainable parameters, or {@link Layer#UNKNOWN_PARAMS}
         * @param nonTrainableCount non-trainable parameters, or {@link Layer#UNKNOWN_PARAMS}
         * @return this
         */
        public Builder params(long trainableCount, long nonTrainableCount) {
            this.trainableParams = trainableCount;
            this.nonTrainableParams = nonTrainableCount;
            return this;
        }

        /** @param t whether the layer is trainable @return this */
        public Builder trainable(boolean t) {
            this.trainable = t;
            return this;
        }

        /** @param m the nested model this layer is @return this */
        public Builder model(ModelGraph m) {
            this.model = m;
            return this;
        }

        /** @param p what could not be understood, or null @return this */
        public Builder problem(String p) {
            this.problem = p;
            return this;
        }

        /** @param w where the weights come from when first asked @return this */
        public Builder weights(Supplier<List<WeightRef>> w) {
            this.weights = w;
            return this;
        }

        /** @return the layer */
        public Layer build() {
            return new Layer(this);
        }
    }
}
