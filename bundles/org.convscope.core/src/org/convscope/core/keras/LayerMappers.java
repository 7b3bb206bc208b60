package org.convscope.core.keras;

import java.util.HashMap;
import java.util.Map;

import org.convscope.core.model.LayerCategory;

/**
 * The registry of layer mappers by Keras class name. Adding a layer class is one
 * {@code register} line; Keras 1 names and tfjs spellings are registered as aliases.
 */
final class LayerMappers {

    private static final Map<String, LayerMapper> MAPPERS = new HashMap<>();

    static {
        register(new InputMapper(), "InputLayer");

        for (int rank = 1; rank <= 3; rank++) {
            register(new ConvMapper(rank), "Conv" + rank + "D", "Convolution" + rank + "D");
            register(new PoolMapper(rank), "MaxPooling" + rank + "D", "AveragePooling" + rank + "D",
                    "MaxPool" + rank + "D", "AvgPool" + rank + "D");
            register(new GlobalPoolMapper(rank), "GlobalAveragePooling" + rank + "D",
                    "GlobalMaxPooling" + rank + "D", "GlobalAvgPool" + rank + "D", "GlobalMaxPool" + rank + "D");
            register(new PaddingMapper(rank, false), "ZeroPadding" + rank + "D");
            register(new PaddingMapper(rank, true), "Cropping" + rank + "D");
            register(new UpSamplingMapper(rank), "UpSampling" + rank + "D");
            register(new ConvTransposeMapper(rank), "Conv" + rank + "DTranspose", "Convolution" + rank + "DTranspose");
            register(new IdentityMapper(LayerCategory.DROPOUT), "SpatialDropout" + rank + "D");
        }
        register(new ConvMapper(1), "AtrousConvolution1D");
        register(new ConvMapper(2), "AtrousConvolution2D");
        register(new ConvTransposeMapper(2), "Deconvolution2D");
        register(new DepthwiseConvMapper(1), "DepthwiseConv1D");
        register(new DepthwiseConvMapper(2), "DepthwiseConv2D");
        register(new SeparableConvMapper(1), "SeparableConv1D", "SeparableConvolution1D");
        register(new SeparableConvMapper(2), "SeparableConv2D", "SeparableConvolution2D");

        register(new DenseMapper(), "Dense");
        register(new EmbeddingMapper(), "Embedding");
        register(new RecurrentMapper(1, 1), "SimpleRNN");
        register(new RecurrentMapper(3, 1), "GRU");
        register(new RecurrentMapper(4, 2), "LSTM");

        register(new FlattenMapper(), "Flatten");
        register(new ReshapeMapper(), "Reshape");
        register(new PermuteMapper(), "Permute");
        register(new RepeatVectorMapper(), "RepeatVector");

        register(new IdentityMapper(LayerCategory.DROPOUT), "Dropout", "GaussianNoise", "GaussianDropout",
                "AlphaDropout", "ActivityRegularization");
        register(new IdentityMapper(LayerCategory.ACTIVATION), "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
                "ThresholdedReLU");
        register(new PReLUMapper(), "PReLU");
        register(new IdentityMapper(LayerCategory.NORMALIZATION), "Rescaling", "UnitNormalization");
        register(new BatchNormMapper(), "BatchNormalization");
        register(new LayerNormMapper(), "LayerNormalization", "GroupNormalization");
        register(new NormalizationMapper(), "Normalization");

        register(new ElementwiseMapper(), "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum");
        register(new ConcatenateMapper(), "Concatenate");
        register(new DotMapper(), "Dot");
        register(new Keras1MergeMapper(), "Merge");

        register(new LambdaMapper(), "Lambda");
        register(new IdentityMapper(LayerCategory.LAYER), "Identity", "Masking");
        register(new ResizeMapper(), "Resizing", "CenterCrop");
        register(new AttentionMapper(), "MultiHeadAttention");

        // Layers keras.applications defines for its own architectures.
        register(new ElementwiseMapper(), "CustomScaleLayer");
        register(new LayerScaleMapper(), "LayerScale");
        register(new IdentityMapper(LayerCategory.DROPOUT), "StochasticDepth");
        register(new WrapperMapper(false), "TimeDistributed");
        register(new WrapperMapper(true), "Bidirectional");
    }

    private LayerMappers() {
    }

    private static void register(LayerMapper mapper, String... classNames) {
        for (String name : classNames) {
            if (MAPPERS.put(name, mapper) != null) {
                throw new IllegalStateException("two mappers for " + name);
            }
        }
    }

    /**
     * @param kerasClass a Keras class name
     * @return its mapper, or null if Convscope does not know the class
     */
    static LayerMapper find(String kerasClass) {
        return MAPPERS.get(kerasClass);
    }
}
