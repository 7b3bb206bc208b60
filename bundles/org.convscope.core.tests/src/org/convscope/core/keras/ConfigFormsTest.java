package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.io.ModelFormat;
import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.RawModel;
import org.convscope.core.io.WeightStore;
import org.convscope.core.json.Json;
import org.convscope.core.model.InboundRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.junit.jupiter.api.Test;

/** The config dialects of Keras 1, 2, 3 and TensorFlow.js, written by hand in their own forms. */
class ConfigFormsTest {

    private static ModelGraph build(String json) throws Exception {
        return KerasModels.build(Json.parse(json));
    }

    private static Layer layer(ModelGraph g, String name) {
        return g.layer(name).orElseThrow();
    }

    static final String KERAS3 = """
            {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
             "config": {"name": "k3", "trainable": true,
              "layers": [
               {"module": "keras.layers", "class_name": "InputLayer", "registered_name": null, "name": "img",
                "config": {"batch_shape": [null, 8, 8, 3], "dtype": "float32", "sparse": false, "name": "img"},
                "inbound_nodes": []},
               {"module": "keras.layers", "class_name": "Conv2D", "registered_name": null, "name": "conv",
                "build_config": {"input_shape": [null, 8, 8, 3]},
                "config": {"name": "conv", "trainable": true,
                  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                            "registered_name": null},
                  "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
                  "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
                  "use_bias": true},
                "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8, 8, 3],
                   "dtype": "float32", "keras_history": ["img", 0, 0]}}], "kwargs": {}}]},
               {"module": "keras.layers", "class_name": "Add", "registered_name": null, "name": "add",
                "config": {"name": "add", "trainable": true},
                "inbound_nodes": [{"args": [[
                   {"class_name": "__keras_tensor__", "config": {"shape": [null, 8, 8, 4], "dtype": "float32",
                    "keras_history": ["conv", 0, 0]}},
                   {"class_name": "__keras_tensor__", "config": {"shape": [null, 8, 8, 4], "dtype": "float32",
                    "keras_history": ["conv", 0, 0]}}]], "kwargs": {}}]}
              ],
              "input_layers": ["img", 0, 0],
              "output_layers": ["add", 0, 0]}}
            """;

    @Test
    void keras3FunctionalWithDtypePoliciesAndKerasTensors() throws Exception {
        try (ModelGraph g = build(KERAS3)) {
            assertEquals(3, g.metadata().kerasMajor());
            assertEquals(ModelGraph.Kind.FUNCTIONAL, g.kind());
            assertEquals(List.of(new InboundRef("img", 0, 0)), g.inputs());
            assertEquals(TensorShape.of(null, 8, 8, 4), layer(g, "conv").outputShapes().get(0));
            assertEquals(112, layer(g, "conv").params());
            assertEquals(List.of(new InboundRef("conv", 0, 0), new InboundRef("conv", 0, 0)),
                    layer(g, "add").nodes().get(0).inbound());
            assertEquals(List.of(TensorShape.of(null, 8, 8, 4)), g.outputShapes());
        }
    }

    /** What the activation, Grad-CAM and filter tools can feed an image to. */
    @Test
    void theImageInputIsASingleInputOfRankFour() throws Exception {
        String sequence = """
                {"class_name": "Model", "config": {"name": "s",
                  "layers": [{"class_name": "InputLayer", "name": "a",
                    "config": {"batch_input_shape": [null, 32, 2], "name": "a"}, "inbound_nodes": []}],
                  "input_layers": [["a", 0, 0]], "output_layers": [["a", 0, 0]]}}
                """;
        try (ModelGraph image = build(KERAS3); ModelGraph notImage = build(sequence)) {
            assertEquals(Optional.of(TensorShape.of(null, 8, 8, 3)), image.imageInput());
            assertEquals(Optional.empty(), notImage.imageInput());
        }
    }

    @Test
    void keras2FunctionalWithNestedListsAndANestedModelCalledAsNodeOne() throws Exception {
        // Keras 2 counts a nested functional model's own node first: its call here is node 1.
        String json = """
                {"class_name": "Functional", "config": {"name": "outer",
                  "layers": [
                   {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 6], "name": "x"},
                    "inbound_nodes": []},
                   {"class_name": "Functional", "name": "inner", "config": {"name": "inner",
                      "layers": [
                        {"class_name": "InputLayer", "name": "i", "config": {"batch_input_shape": [null, 6]},
                         "inbound_nodes": []},
                        {"class_name": "Dense", "name": "d", "config": {"units": 3, "use_bias": true},
                         "inbound_nodes": [[["i", 0, 0, {}]]]}],
                      "input_layers": [["i", 0, 0]], "output_layers": [["d", 0, 0]]},
                    "inbound_nodes": [[["x", 0, 0, {}]]]},
                   {"class_name": "Dense", "name": "head", "config": {"units": 2},
                    "inbound_nodes": [[["inner", 1, 0, {}]]]}],
                  "input_layers": [["x", 0, 0]], "output_layers": [["head", 0, 0]]},
                 "keras_version": "2.13.1", "backend": "tensorflow"}
                """;
        try (ModelGraph g = build(json)) {
            Layer inner = layer(g, "inner");
            assertEquals(LayerCategory.MODEL, inner.category());
            assertEquals(1, inner.firstNodeIndex());
            assertEquals(TensorShape.of(null, 3), inner.node(1).outputShape());
            assertEquals(21, inner.params());
            assertEquals(TensorShape.of(null, 2), layer(g, "head").outputShapes().get(0));
            assertEquals(21 + 8, g.totalParams());
            assertEquals(List.of("inner", "d"), inner.model().orElseThrow().layer("d").orElseThrow().path());
        }
    }

    @Test
    void keras3ConstantsAmongTheArgumentsAreKeptWithTheirPlaces() throws Exception {
        // Keras 3 writes MobileNetV3's `relu6(x + 3.0) * (1 / 6)` as Add and Multiply calls whose
        // positional arguments mix a tensor and a number
        String tensor = """
                {"class_name": "__keras_tensor__", "config": {"shape": [null, 4], "keras_history": ["%s", 0, 0]}}""";
        String json = """
                {"class_name": "Functional", "config": {"name": "hard", "layers": [
                  {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 4]}, "inbound_nodes": []},
                  {"class_name": "Add", "name": "add", "config": {"name": "add"},
                   "inbound_nodes": [{"args": [%s, 3.0], "kwargs": {}}]},
                  {"class_name": "Multiply", "name": "multiply", "config": {"name": "multiply"},
                   "inbound_nodes": [{"args": [0.5, %s], "kwargs": {}}]}],
                 "input_layers": [["x", 0, 0]], "output_layers": [["multiply", 0, 0]]}}
                """.formatted(tensor.formatted("x"), tensor.formatted("add"));
        try (ModelGraph g = build(json)) {
            Layer add = layer(g, "add");
            assertEquals(List.of(new InboundRef("x", 0, 0)), add.nodes().get(0).inbound());
            List<?> args = (List<?>) add.nodes().get(0).arguments().get("args");
            assertEquals(2, args.size());
            assertEquals(3.0, args.get(1));
            List<?> margs = (List<?>) layer(g, "multiply").nodes().get(0).arguments().get("args");
            assertEquals(0.5, margs.get(0));
            assertEquals(TensorShape.of(null, 4), layer(g, "multiply").outputShapes().get(0));
        }
    }

    @Test
    void keras2TensorFlowOpsWithConstantsAndTensorsInKwargs() throws Exception {
        // tf.keras writes `1.0 - x` with the constant first, x among the kwargs; `x * 2.0` the other way
        String json = """
                {"class_name": "Functional", "config": {"name": "ops", "layers": [
                  {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 4]},
                   "inbound_nodes": []},
                  {"class_name": "TFOpLambda", "name": "tf.math.subtract", "config": {"function": "math.subtract"},
                   "inbound_nodes": [[["_CONSTANT_VALUE", -1, 1.0, {"y": ["x", 0, 0], "name": null}]]]},
                  {"class_name": "TFOpLambda", "name": "tf.math.multiply", "config": {"function": "math.multiply"},
                   "inbound_nodes": [[["tf.math.subtract", 0, 0, {"y": 2.0, "name": null}]]]},
                  {"class_name": "Dense", "name": "d", "config": {"units": 3},
                   "inbound_nodes": [[["tf.math.multiply", 0, 0, {}]]]}],
                 "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}}
                """;
        try (ModelGraph g = build(json)) {
            assertEquals(List.of(new InboundRef("x", 0, 0)), layer(g, "tf.math.subtract").nodes().get(0).inbound());
            Layer multiply = layer(g, "tf.math.multiply");
            assertEquals(List.of(new InboundRef("tf.math.subtract", 0, 0)), multiply.nodes().get(0).inbound());
            assertEquals(2.0, multiply.nodes().get(0).arguments().get("y"));
            assertEquals(LayerCategory.UNKNOWN, multiply.category());
            assertEquals(4, g.flatten().steps().size());
        }
    }

    @Test
    void keras1SequentialAsABareListWithOldNames() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "Convolution2D", "config": {"name": "convolution2d_1", "nb_filter": 4, "nb_row": 3,
                    "nb_col": 3, "border_mode": "same", "subsample": [2, 2], "dim_ordering": "tf", "bias": true,
                    "activation": "relu", "batch_input_shape": [null, 16, 16, 3], "trainable": true}},
                  {"class_name": "BatchNormalization", "config": {"name": "bn", "mode": 0, "axis": -1}},
                  {"class_name": "Flatten", "config": {"name": "flatten_1"}},
                  {"class_name": "Dropout", "config": {"name": "dropout_1", "p": 0.5}},
                  {"class_name": "Dense", "config": {"name": "dense_1", "output_dim": 10, "bias": true}}]}
                """;
        try (ModelGraph g = build(json)) {
            assertEquals(ModelGraph.Kind.SEQUENTIAL, g.kind());
            assertEquals("", g.name());
            Layer input = g.layers().get(0);
            assertEquals("convolution2d_1_input", input.name());
            assertEquals(LayerCategory.INPUT, input.category());
            assertEquals(TensorShape.of(null, 8, 8, 4), layer(g, "convolution2d_1").outputShapes().get(0));
            assertEquals(8, layer(g, "bn").trainableParams());
            assertEquals(8, layer(g, "bn").nonTrainableParams());
            assertEquals(TensorShape.of(null, 10), g.outputShapes().get(0));
            assertEquals(112 + 16 + 256 * 10 + 10, g.totalParams());
        }
    }

    @Test
    void keras1FunctionalMergeLayer() throws Exception {
        String json = """
                {"class_name": "Model", "config": {"name": "m",
                  "layers": [
                   {"class_name": "InputLayer", "name": "a", "config": {"batch_input_shape": [null, 4], "name": "a"},
                    "inbound_nodes": []},
                   {"class_name": "InputLayer", "name": "b", "config": {"batch_input_shape": [null, 6], "name": "b"},
                    "inbound_nodes": []},
                   {"class_name": "Merge", "name": "merge_1", "config": {"name": "merge_1", "mode": "concat",
                    "concat_axis": -1, "mode_type": "raw"}, "inbound_nodes": [[["a", 0, 0], ["b", 0, 0]]]}],
                  "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["merge_1", 0, 0]]}}
                """;
        try (ModelGraph g = build(json)) {
            assertEquals(TensorShape.of(null, 10), layer(g, "merge_1").outputShapes().get(0));
            assertEquals(LayerCategory.MERGE, layer(g, "merge_1").category());
            assertEquals(2, g.inputShapes().size());
        }
    }

    @Test
    void tfjsCamelCaseKeysAreRead() throws Exception {
        String json = """
                {"modelTopology": {"kerasVersion": "tfjs-layers 4.22.0", "modelConfig": {"className": "Sequential",
                  "config": {"name": "tfjs", "layers": [
                   {"className": "Conv2D", "config": {"name": "c", "filters": 2, "kernelSize": [3, 3],
                     "batchInputShape": [null, 5, 5, 1], "useBias": false, "padding": "valid"}},
                   {"className": "GlobalAveragePooling2D", "config": {"name": "g"}}]}}}}
                """;
        try (ModelGraph g = build(json)) {
            assertEquals(TensorShape.of(null, 3, 3, 2), layer(g, "c").outputShapes().get(0));
            assertEquals(18, layer(g, "c").params());
            assertEquals(TensorShape.of(null, 2), g.outputShapes().get(0));
        }
    }

    @Test
    void unknownClassOpensAsUnknownWithItsConfig() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "in"}},
                  {"class_name": "MyCustomLayer", "module": null, "registered_name": "Custom>MyCustomLayer",
                   "config": {"name": "custom", "factor": 3}},
                  {"class_name": "Dense", "config": {"name": "after", "units": 2}}]}}
                """;
        try (ModelGraph g = build(json)) {
            Layer custom = layer(g, "custom");
            assertEquals(LayerCategory.UNKNOWN, custom.category());
            assertEquals(3L, custom.config().get("factor"));
            assertFalse(custom.outputShapes().get(0).isKnown());
            assertEquals(Layer.UNKNOWN_PARAMS, custom.params());
            assertTrue(custom.problem().isPresent());
            // the Dense after it cannot know its input width either
            assertFalse(layer(g, "after").outputShapes().get(0).isKnown());
            assertFalse(g.paramsKnown());
            List<UnsupportedLayerException> unsupported = KerasModels.unsupportedLayers(g);
            assertEquals(1, unsupported.size());
            assertEquals("custom", unsupported.get(0).layer());
            assertEquals("MyCustomLayer", unsupported.get(0).kerasClass());
        }
    }

    @Test
    void keras3RecordedShapesFillInAfterALambda() throws Exception {
        String json = """
                {"module": "keras", "class_name": "Functional", "config": {"name": "f",
                  "layers": [
                   {"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [null, 4]}, "inbound_nodes": []},
                   {"class_name": "Lambda", "name": "lam", "config": {"name": "lam",
                     "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAAC"}},
                     "output_shape": null},
                    "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 4],
                      "keras_history": ["in", 0, 0]}}], "kwargs": {}}]},
                   {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2},
                    "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 8],
                      "keras_history": ["lam", 0, 0]}}], "kwargs": {}}]}],
                  "input_layers": [["in", 0, 0]], "output_layers": [["d", 0, 0]]}}
                """;
        try (ModelGraph g = build(json)) {
            // the Lambda's own inference knows nothing; Keras recorded what it produced
            assertEquals(TensorShape.of(null, 8), layer(g, "lam").outputShapes().get(0));
            assertEquals(18, layer(g, "d").params());
            assertTrue(KerasModels.unsupportedLayers(g).isEmpty());
        }
    }

    @Test
    void cyclicConnectionsAreABadFile() {
        String json = """
                {"class_name": "Functional", "config": {"name": "loop",
                  "layers": [
                   {"class_name": "InputLayer", "name": "in", "config": {"batch_input_shape": [null, 4]},
                    "inbound_nodes": []},
                   {"class_name": "Add", "name": "a", "config": {}, "inbound_nodes": [[["in", 0, 0, {}], ["b", 0, 0, {}]]]},
                   {"class_name": "Dense", "name": "b", "config": {"units": 4}, "inbound_nodes": [[["a", 0, 0, {}]]]}],
                  "input_layers": [["in", 0, 0]], "output_layers": [["b", 0, 0]]}}
                """;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> build(json));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertTrue(e.getMessage().contains("a, b"), e.getMessage());
    }

    @Test
    void badConnectionsAreABadFile() {
        String unknown = """
                {"class_name": "Functional", "config": {"name": "m", "layers": [
                   {"class_name": "InputLayer", "name": "in", "config": {"batch_input_shape": [null, 4]},
                    "inbound_nodes": []},
                   {"class_name": "Dense", "name": "d", "config": {"units": 4}, "inbound_nodes": [[["ghost", 0, 0, {}]]]}],
                  "input_layers": [["in", 0, 0]], "output_layers": [["d", 0, 0]]}}
                """;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> build(unknown));
        assertTrue(e.getMessage().contains("ghost"), e.getMessage());
        String missingCall = unknown.replace("[\"ghost\", 0, 0, {}]", "[\"in\", 3, 0, {}]");
        assertThrows(ModelFormatException.class, () -> build(missingCall));
        String noLayers = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\"}}";
        assertThrows(ModelFormatException.class, () -> build(noLayers));
        assertThrows(ModelFormatException.class, () -> build("{\"layers\": []}"));
        String duplicate = unknown.replace("\"name\": \"d\"", "\"name\": \"in\"").replace("ghost", "in");
        assertThrows(ModelFormatException.class, () -> build(duplicate));
    }

    @Test
    void weightsOnlyFileNeedsItsArchitecture() {
        RawModel raw = new RawModel(Path.of("w.weights.h5"), ModelFormat.WEIGHTS_H5, "HDF5 weights", null, Map.of(),
                WeightStore.empty());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasModels.build(raw));
        assertTrue(e.getMessage().startsWith("w.weights.h5: "), e.getMessage());
    }

    @Test
    void frozenLayersCountAsNonTrainable() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "in"}},
                  {"class_name": "Dense", "config": {"name": "frozen", "units": 2, "trainable": false}},
                  {"class_name": "Dense", "config": {"name": "free", "units": 2}}]}}
                """;
        try (ModelGraph g = build(json)) {
            assertEquals(0, layer(g, "frozen").trainableParams());
            assertEquals(10, layer(g, "frozen").nonTrainableParams());
            assertFalse(layer(g, "frozen").trainable());
            assertEquals(6, g.trainableParams());
            assertEquals(10, g.nonTrainableParams());
        }
    }

    @Test
    void sequentialWithoutInputShapeLeavesShapesUnknown() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "Dense", "config": {"name": "d1", "units": 2}},
                  {"class_name": "Dense", "config": {"name": "d2", "units": 3}}]}}
                """;
        try (ModelGraph g = build(json)) {
            assertFalse(layer(g, "d1").outputShapes().get(0).isKnown());
            assertEquals(Layer.UNKNOWN_PARAMS, layer(g, "d1").params());
            assertFalse(g.paramsKnown());
        }
    }

    @Test
    void kerasMajorComesFromTheVersionOrTheConfigForm() {
        assertEquals(1, KerasModels.kerasMajor("1.2.2", null));
        assertEquals(2, KerasModels.kerasMajor("2.13.1", null));
        assertEquals(3, KerasModels.kerasMajor(null, Map.of("module", "keras", "class_name", "Functional")));
        assertEquals(2, KerasModels.kerasMajor("tfjs-layers 4.22.0", Map.of("class_name", "Sequential")));
    }
}
