package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.junit.jupiter.api.Test;

/** The shape and parameter arithmetic of the layer mappers, checked against values Keras gives. */
class ShapeInferenceTest {

    @SuppressWarnings("unchecked")
    private static LayerConfig config(String cls, String json) throws Exception {
        return new LayerConfig(cls, (Map<String, Object>) Json.parse(json));
    }

    private static TensorShape out(String cls, String json, TensorShape... in) throws Exception {
        List<TensorShape> shapes = LayerMappers.find(cls).outputShapes(config(cls, json), Arrays.asList(in));
        assertEquals(1, shapes.size());
        return shapes.get(0);
    }

    private static Params params(String cls, String json, TensorShape... in) throws Exception {
        return LayerMappers.find(cls).params(config(cls, json), Arrays.asList(in));
    }

    private static TensorShape s(Integer... dims) {
        return TensorShape.of(dims);
    }

    @Test
    void convolutionLengthFollowsPaddingStrideAndDilation() {
        assertEquals(26, Spatial.convLength(28, 3, 1, 1, "valid"));
        assertEquals(28, Spatial.convLength(28, 3, 1, 1, "same"));
        assertEquals(13, Spatial.convLength(28, 3, 2, 1, "valid"));
        assertEquals(14, Spatial.convLength(28, 3, 2, 1, "same"));
        assertEquals(15, Spatial.convLength(29, 3, 2, 1, "same"));
        // dilation 2 makes a 3-tap kernel span 5
        assertEquals(24, Spatial.convLength(28, 3, 1, 2, "valid"));
        assertEquals(28, Spatial.convLength(28, 3, 1, 2, "causal"));
        assertEquals(30, Spatial.convLength(28, 3, 1, 1, "full"));
        assertEquals(null, Spatial.convLength(null, 3, 1, 1, "valid"));
        assertThrows(ShapeException.class, () -> Spatial.convLength(2, 3, 1, 1, "valid"));
        assertThrows(ShapeException.class, () -> Spatial.convLength(8, 3, 1, 1, "reflect"));
    }

    @Test
    void transposedConvolutionLengthIsKerasDeconvOutputLength() {
        assertEquals(16, Spatial.deconvLength(8, 3, 2, 1, "same", null));
        assertEquals(17, Spatial.deconvLength(8, 3, 2, 1, "valid", null));
        assertEquals(18, Spatial.deconvLength(8, 4, 2, 1, "valid", null));
        assertEquals(16, Spatial.deconvLength(8, 3, 2, 1, "same", 1));
    }

    @Test
    void conv2dShapesAndParams() throws Exception {
        String c = "{\"filters\": 32, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\"}";
        assertEquals(s(null, 112, 112, 32), out("Conv2D", c, s(null, 224, 224, 3)));
        assertEquals(new Params(896, 0), params("Conv2D", c, s(null, 224, 224, 3)));
        String noBias = "{\"filters\": 8, \"kernel_size\": 3, \"use_bias\": false}";
        assertEquals(new Params(216, 0), params("Conv2D", noBias, s(null, 16, 16, 3)));
        String grouped = "{\"filters\": 8, \"kernel_size\": 3, \"groups\": 2}";
        assertEquals(new Params(9 * 2 * 8 + 8, 0), params("Conv2D", grouped, s(null, 16, 16, 4)));
    }

    @Test
    void channelsFirstMovesTheChannelAxis() throws Exception {
        String c = "{\"filters\": 6, \"kernel_size\": 5, \"data_format\": \"channels_first\"}";
        assertEquals(s(null, 6, 24, 20), out("Conv2D", c, s(null, 3, 28, 24)));
        assertEquals(new Params(5 * 5 * 3 * 6 + 6, 0), params("Conv2D", c, s(null, 3, 28, 24)));
        assertEquals(s(null, 3, 14, 12),
                out("MaxPooling2D", "{\"data_format\": \"channels_first\"}", s(null, 3, 28, 24)));
    }

    @Test
    void keras1ConvolutionNames() throws Exception {
        String c = "{\"nb_filter\": 4, \"nb_row\": 3, \"nb_col\": 3, \"border_mode\": \"valid\", "
                + "\"subsample\": [1, 1], \"dim_ordering\": \"tf\", \"bias\": true}";
        assertEquals(s(null, 14, 14, 4), out("Convolution2D", c, s(null, 16, 16, 3)));
        assertEquals(new Params(112, 0), params("Convolution2D", c, s(null, 16, 16, 3)));
        String th = "{\"nb_filter\": 4, \"nb_row\": 3, \"nb_col\": 3, \"dim_ordering\": \"th\"}";
        assertEquals(s(null, 4, 14, 14), out("Convolution2D", th, s(null, 3, 16, 16)));
        assertEquals(s(null, 8), out("Dense", "{\"output_dim\": 8}", s(null, 3)));
        assertEquals(new Params(24, 0), params("Dense", "{\"output_dim\": 8, \"bias\": false}", s(null, 3)));
    }

    @Test
    void conv1dWithDilationAndCausalPadding() throws Exception {
        String c = "{\"filters\": 4, \"kernel_size\": [5], \"dilation_rate\": [2], \"padding\": \"valid\"}";
        assertEquals(s(null, 24, 4), out("Conv1D", c, s(null, 32, 2)));
        assertEquals(new Params(5 * 2 * 4 + 4, 0), params("Conv1D", c, s(null, 32, 2)));
        assertEquals(s(null, 32, 4), out("Conv1D", c.replace("valid", "causal"), s(null, 32, 2)));
    }

    @Test
    void depthwiseSeparableAndTransposedConvolutions() throws Exception {
        String dw = "{\"kernel_size\": 3, \"depth_multiplier\": 2, \"padding\": \"same\", \"use_bias\": false}";
        assertEquals(s(null, 16, 16, 16), out("DepthwiseConv2D", dw, s(null, 16, 16, 8)));
        assertEquals(new Params(144, 0), params("DepthwiseConv2D", dw, s(null, 16, 16, 8)));
        String sep = "{\"filters\": 16, \"kernel_size\": 3, \"padding\": \"same\"}";
        assertEquals(s(null, 16, 16, 16), out("SeparableConv2D", sep, s(null, 16, 16, 16)));
        // depthwise 3*3*16 + pointwise 16*16 + bias 16, as Keras counts it
        assertEquals(new Params(144 + 256 + 16, 0), params("SeparableConv2D", sep, s(null, 16, 16, 16)));
        String tr = "{\"filters\": 4, \"kernel_size\": 3, \"strides\": 2, \"padding\": \"same\"}";
        assertEquals(s(null, 16, 16, 4), out("Conv2DTranspose", tr, s(null, 8, 8, 8)));
        assertEquals(new Params(3 * 3 * 8 * 4 + 4, 0), params("Conv2DTranspose", tr, s(null, 8, 8, 8)));
    }

    @Test
    void unfixedDimensionsStayUnfixed() throws Exception {
        String c = "{\"filters\": 8, \"kernel_size\": 3}";
        assertEquals(s(null, null, null, 8), out("Conv2D", c, s(null, null, null, 3)));
        assertEquals(Params.UNKNOWN, params("Conv2D", c, s(null, null, null, null)));
        assertEquals(s(null, null), out("Flatten", "{}", s(null, null, 4)));
        assertEquals(TensorShape.unknown(), out("Dense", "{\"units\": 3}", TensorShape.unknown()));
    }

    @Test
    void poolingPaddingCroppingUpsampling() throws Exception {
        assertEquals(s(null, 55, 55, 64), out("MaxPooling2D",
                "{\"pool_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"valid\"}", s(null, 112, 112, 64)));
        assertEquals(s(null, 8, 8, 4), out("AveragePooling2D", "{\"pool_size\": 2, \"strides\": null}",
                s(null, 16, 16, 4)));
        assertEquals(s(null, 14, 2), out("MaxPooling1D", "{\"pool_size\": [2]}", s(null, 28, 2)));
        assertEquals(s(null, 230, 230, 3),
                out("ZeroPadding2D", "{\"padding\": [[3, 3], [3, 3]]}", s(null, 224, 224, 3)));
        assertEquals(s(null, 225, 225, 3),
                out("ZeroPadding2D", "{\"padding\": [[0, 1], [0, 1]]}", s(null, 224, 224, 3)));
        assertEquals(s(null, 18, 20, 3), out("ZeroPadding2D", "{\"padding\": [1, 2]}", s(null, 16, 16, 3)));
        assertEquals(s(null, 12, 14, 3), out("Cropping2D", "{\"cropping\": [[2, 2], [1, 1]]}", s(null, 16, 16, 3)));
        assertEquals(s(null, 32, 48, 3), out("UpSampling2D", "{\"size\": [2, 3]}", s(null, 16, 16, 3)));
        assertEquals(s(null, 17, 2), out("ZeroPadding1D", "{\"padding\": [3, 4]}", s(null, 10, 2)));
        assertEquals(s(null, 16, 2), out("ZeroPadding1D", "{\"padding\": 3}", s(null, 10, 2)));
    }

    @Test
    void globalPoolingWithAndWithoutKeepdims() throws Exception {
        assertEquals(s(null, 64), out("GlobalAveragePooling2D", "{}", s(null, 7, 7, 64)));
        assertEquals(s(null, 1, 1, 64), out("GlobalMaxPooling2D", "{\"keepdims\": true}", s(null, 7, 7, 64)));
        assertEquals(s(null, 64, 1, 1), out("GlobalAveragePooling2D",
                "{\"keepdims\": true, \"data_format\": \"channels_first\"}", s(null, 64, 7, 7)));
        assertEquals(s(null, 2), out("GlobalAveragePooling1D", "{}", s(null, 30, 2)));
    }

    @Test
    void reshapePermuteFlatten() throws Exception {
        assertEquals(s(null, 1, 1, 16), out("Reshape", "{\"target_shape\": [1, 1, 16]}", s(null, 16)));
        assertEquals(s(null, 4, 6), out("Reshape", "{\"target_shape\": [4, -1]}", s(null, 2, 12)));
        assertEquals(s(null, 3, 16, 8), out("Permute", "{\"dims\": [3, 1, 2]}", s(null, 16, 8, 3)));
        assertEquals(s(null, 392), out("Flatten", "{}", s(null, 7, 7, 8)));
    }

    @Test
    void impossibleReshapeIsAShapeError() {
        assertThrows(ShapeException.class, () -> out("Reshape", "{\"target_shape\": [5]}", s(null, 16)));
        assertThrows(ShapeException.class, () -> out("Permute", "{\"dims\": [1, 1]}", s(null, 2, 3)));
    }

    @Test
    void mergesBroadcastAsKerasDoes() throws Exception {
        // squeeze-and-excitation: (h, w, c) * (1, 1, c)
        assertEquals(s(null, 7, 7, 32), out("Multiply", "{}", s(null, 7, 7, 32), s(null, 1, 1, 32)));
        assertEquals(s(null, 8), out("Add", "{}", s(null, 8), s(null, 8), s(null, 8)));
        assertEquals(s(null, null, 8), out("Add", "{}", s(null, null, 8), s(null, 1, 8)));
        assertThrows(ShapeException.class, () -> out("Subtract", "{}", s(null, 3), s(null, 4)));
        assertEquals(s(null, 7, 7, 96), out("Concatenate", "{\"axis\": -1}", s(null, 7, 7, 64), s(null, 7, 7, 32)));
        assertEquals(s(null, 10, 4), out("Concatenate", "{\"axis\": 1}", s(null, 4, 4), s(null, 6, 4)));
        assertEquals(s(null, null), out("Concatenate", "{}", s(null, 4), s(null, null)));
        assertEquals(s(null, 1), out("Dot", "{\"axes\": 1}", s(null, 5), s(null, 5)));
        assertEquals(s(null, 3, 4), out("Dot", "{\"axes\": [2, 1]}", s(null, 3, 5), s(null, 5, 4)));
    }

    @Test
    void keras1MergeFollowsItsMode() throws Exception {
        assertEquals(s(null, 12), out("Merge", "{\"mode\": \"concat\", \"concat_axis\": -1}", s(null, 4), s(null, 8)));
        assertEquals(s(null, 4), out("Merge", "{\"mode\": \"sum\"}", s(null, 4), s(null, 4)));
        assertFalse(out("Merge", "{\"mode\": [\"lambda code\"]}", s(null, 4), s(null, 4)).isKnown());
    }

    @Test
    void normalisationParameters() throws Exception {
        assertEquals(new Params(128, 128), params("BatchNormalization", "{\"axis\": -1}", s(null, 8, 8, 64)));
        // InceptionV3's BatchNormalization(scale=False): beta only is trained
        assertEquals(new Params(32, 64), params("BatchNormalization", "{\"axis\": 3, \"scale\": false}",
                s(null, 8, 8, 32)));
        assertEquals(new Params(24, 24), params("BatchNormalization", "{\"axis\": [1]}", s(null, 12, 5, 5)));
        assertEquals(new Params(32, 0), params("LayerNormalization", "{\"axis\": [-1]}", s(null, 10, 16)));
        assertEquals(new Params(16, 0), params("LayerNormalization", "{\"axis\": -1, \"rms_scaling\": true}",
                s(null, 10, 16)));
        // EfficientNet's Normalization: mean and variance per channel and a count, none trained
        assertEquals(new Params(0, 7), params("Normalization", "{\"axis\": -1, \"mean\": null}", s(null, 4, 4, 3)));
        assertEquals(Params.NONE, params("Normalization", "{\"axis\": -1, \"mean\": [1, 2, 3]}", s(null, 4, 4, 3)));
        assertEquals(new Params(16 * 16 * 3 / 16 / 16, 0), params("PReLU", "{\"shared_axes\": [1, 2]}",
                s(null, 16, 16, 3)));
        assertEquals(new Params(8 * 3, 0), params("PReLU", "{}", s(null, 8, 3)));
    }

    @Test
    void recurrentAndEmbeddingParameters() throws Exception {
        assertEquals(new Params(4 * (8 * (3 + 8) + 8), 0), params("LSTM", "{\"units\": 8}", s(null, 10, 3)));
        assertEquals(new Params(3 * (8 * (3 + 8) + 16), 0), params("GRU", "{\"units\": 8, \"reset_after\": true}",
                s(null, 10, 3)));
        assertEquals(s(null, 10, 8), out("SimpleRNN", "{\"units\": 8, \"return_sequences\": true}", s(null, 10, 3)));
        assertEquals(new Params(1000 * 16, 0), params("Embedding", "{\"input_dim\": 1000, \"output_dim\": 16}",
                s(null, 20)));
        assertEquals(s(null, 20, 16), out("Embedding", "{\"input_dim\": 1000, \"output_dim\": 16}", s(null, 20)));
    }

    @Test
    void wrappersApplyTheirInnerLayer() throws Exception {
        String td = "{\"layer\": {\"class_name\": \"Dense\", \"config\": {\"units\": 4}}}";
        assertEquals(s(null, 10, 4), out("TimeDistributed", td, s(null, 10, 3)));
        assertEquals(new Params(16, 0), params("TimeDistributed", td, s(null, 10, 3)));
        String tdConv = "{\"layer\": {\"class_name\": \"Conv2D\", \"config\": {\"filters\": 2, \"kernel_size\": 3}}}";
        assertEquals(s(null, 5, 6, 6, 2), out("TimeDistributed", tdConv, s(null, 5, 8, 8, 1)));
        String bi = "{\"merge_mode\": \"concat\", \"layer\": {\"class_name\": \"LSTM\", "
                + "\"config\": {\"units\": 8, \"return_sequences\": true}}}";
        assertEquals(s(null, 10, 16), out("Bidirectional", bi, s(null, 10, 3)));
        assertEquals(new Params(2 * 4 * (8 * (3 + 8) + 8), 0), params("Bidirectional", bi, s(null, 10, 3)));
        assertEquals(s(null, 10, 8), out("Bidirectional", bi.replace("concat", "sum"), s(null, 10, 3)));
    }

    @Test
    void preprocessingAndAttention() throws Exception {
        assertEquals(s(null, 224, 200, 3), out("Resizing", "{\"height\": 224, \"width\": 200}", s(null, 64, 64, 3)));
        assertEquals(s(null, 32, 32, 3), out("CenterCrop", "{\"height\": 32, \"width\": 32}", s(null, 40, 48, 3)));
        String mha = "{\"num_heads\": 2, \"key_dim\": 4}";
        assertEquals(s(null, 10, 16), out("MultiHeadAttention", mha, s(null, 10, 16), s(null, 12, 16)));
        // query, key, value kernels 16x2x4 with biases 2x4 each, output kernel 2x4x16 with bias 16
        assertEquals(new Params(3 * (16 * 8 + 8) + 8 * 16 + 16, 0),
                params("MultiHeadAttention", mha, s(null, 10, 16), s(null, 12, 16)));
    }

    @Test
    void layersOfKerasApplicationsOwn() throws Exception {
        // InceptionResNetV2: x + scale * residual; ConvNeXt: a trained factor per channel
        assertEquals(s(null, 35, 35, 320), out("CustomScaleLayer", "{\"scale\": 0.17}", s(null, 35, 35, 320),
                s(null, 35, 35, 320)));
        assertEquals(new Params(96, 0), params("LayerScale", "{\"projection_dim\": 96}", s(null, 56, 56, 96)));
        assertEquals(s(null, 56, 56, 96), out("StochasticDepth", "{\"drop_path_rate\": 0.1}", s(null, 56, 56, 96)));
    }

    @Test
    void lambdaShapeIsKnownOnlyWhenStatedAsAList() throws Exception {
        assertFalse(out("Lambda", "{\"function\": \"4wEAAAAAAAAA\", \"output_shape\": null}", s(null, 4)).isKnown());
        assertFalse(out("Lambda", "{\"output_shape\": [\"4wEAAAA\", null, null], \"output_shape_type\": \"lambda\"}",
                s(null, 4)).isKnown());
        assertEquals(s(null, 2, 2), out("Lambda", "{\"output_shape\": [2, 2]}", s(null, 4)));
        assertEquals(LayerCategory.LAYER, LayerMappers.find("Lambda").category());
    }

    @Test
    void identityLayersKeepTheShapeAndHaveTheirCategory() throws Exception {
        for (String cls : List.of("Dropout", "SpatialDropout2D", "GaussianNoise", "Activation", "ReLU", "LeakyReLU",
                "ELU", "Softmax", "Rescaling")) {
            assertEquals(s(null, 4, 4, 2), out(cls, "{}", s(null, 4, 4, 2)), cls);
            assertEquals(Params.NONE, params(cls, "{}", s(null, 4, 4, 2)), cls);
        }
        assertEquals(LayerCategory.DROPOUT, LayerMappers.find("SpatialDropout1D").category());
        assertEquals(LayerCategory.ACTIVATION, LayerMappers.find("ReLU").category());
        assertEquals(LayerCategory.POOL, LayerMappers.find("GlobalMaxPooling1D").category());
        assertEquals(LayerCategory.MERGE, LayerMappers.find("Minimum").category());
        assertEquals(LayerCategory.NORMALIZATION, LayerMappers.find("BatchNormalization").category());
        assertEquals(LayerCategory.SHAPE, LayerMappers.find("Cropping2D").category());
    }
}
