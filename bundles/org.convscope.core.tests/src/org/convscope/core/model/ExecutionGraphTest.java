package org.convscope.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ExecutionGraph.Step;
import org.convscope.core.model.ExecutionGraph.TensorId;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** {@link ModelGraph#flatten()}: nested models inlined, shared layers kept, topological order. */
class ExecutionGraphTest {

    private static List<String> ids(ExecutionGraph g) {
        return g.steps().stream().map(Step::layerId).toList();
    }

    /** Every step reads only tensors made by earlier steps. */
    private static void assertTopological(ExecutionGraph g) {
        for (Step s : g.steps()) {
            for (TensorId t : s.inputs()) {
                assertTrue(t.step() < s.index(), s.layerId() + " reads a later step");
            }
            assertEquals(g.steps().indexOf(s), s.index());
        }
    }

    @Test
    void nestedSequentialIsInlinedAndItsInputWiredToTheOuterTensor() throws Exception {
        try (ModelGraph m = KerasModels.open(Fixtures.file("models/nested_sequential.keras"))) {
            ExecutionGraph g = m.flatten();
            assertTopological(g);
            assertEquals(List.of("image", "feature_extractor/base_conv", "feature_extractor/base_bn",
                    "feature_extractor/base_relu", "feature_extractor/base_pool", "gap", "dropout", "head"), ids(g));
            Step conv = g.steps().get(1);
            assertEquals(List.of(new TensorId(0, 0)), conv.inputs());
            assertEquals(List.of("feature_extractor", "base_conv"), conv.layer().path());
            // the nested model and its input layer are aliases of real tensors
            assertEquals(g.outputsOf("feature_extractor/base_pool"), g.outputsOf("feature_extractor"));
            Layer innerInput = m.layer("feature_extractor").orElseThrow().model().orElseThrow().layers().get(0);
            assertEquals(LayerCategory.INPUT, innerInput.category());
            assertEquals(List.of(new TensorId(0, 0)), g.outputsOf(innerInput.id()));
            assertEquals(List.of(new TensorId(0, 0)), g.inputs());
            assertEquals(List.of(new TensorId(7, 0)), g.outputs());
            assertEquals(TensorShape.of(null, 8, 8, 8), g.shapeOf(g.outputsOf("feature_extractor").get(0)));
        }
    }

    @Test
    void sharedLayerIsOneLayerAppliedAtTwoSteps() throws Exception {
        try (ModelGraph m = KerasModels.open(Fixtures.file("models/shared_layer.keras"))) {
            ExecutionGraph g = m.flatten();
            assertTopological(g);
            List<Step> shared = g.steps().stream().filter(s -> s.layerId().equals("shared_conv")).toList();
            assertEquals(2, shared.size());
            assertSame(shared.get(0).layer(), shared.get(1).layer());
            assertEquals(0, shared.get(0).call());
            assertEquals(1, shared.get(1).call());
            assertEquals(TensorShape.of(null, 16, 16, 4), shared.get(0).outputShapes().get(0));
            assertEquals(TensorShape.of(null, 8, 8, 4), shared.get(1).outputShapes().get(0));
            Set<TensorId> inputs = new HashSet<>(shared.get(0).inputs());
            inputs.addAll(shared.get(1).inputs());
            assertEquals(2, inputs.size(), "the two calls read different tensors");
        }
    }

    @Test
    void twoInputsTwoOutputsAndANestedFunctionalModel() throws Exception {
        try (ModelGraph m = KerasModels.open(Fixtures.file("models/two_inputs_two_outputs.keras"))) {
            ExecutionGraph g = m.flatten();
            assertTopological(g);
            assertEquals(2, g.inputs().size());
            assertEquals(2, g.outputs().size());
            assertEquals("image", g.steps().get(g.inputs().get(0).step()).layerId());
            assertEquals("meta", g.steps().get(g.inputs().get(1).step()).layerId());
            assertTrue(ids(g).contains("meta_encoder/enc_dense"));
            assertTrue(ids(g).stream().noneMatch(id -> id.equals("meta_encoder") || id.equals("meta_encoder/meta_in")));
            Step encDense = g.steps().stream().filter(s -> s.layerId().equals("meta_encoder/enc_dense")).findFirst()
                    .orElseThrow();
            assertEquals(g.inputs().get(1), encDense.inputs().get(0));
            assertEquals(List.of(TensorShape.of(null, 4), TensorShape.of(null, 1)),
                    g.outputs().stream().map(g::shapeOf).toList());
        }
    }

    @Test
    void aNestedModelCalledTwiceIsInlinedTwiceWithItsLayersShared() throws Exception {
        String json = """
                {"class_name": "Functional", "config": {"name": "siamese", "layers": [
                  {"class_name": "InputLayer", "name": "a", "config": {"batch_shape": [null, 4]}, "inbound_nodes": []},
                  {"class_name": "InputLayer", "name": "b", "config": {"batch_shape": [null, 4]}, "inbound_nodes": []},
                  {"class_name": "Sequential", "name": "tower", "config": {"name": "tower", "layers": [
                    {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "t_in"}},
                    {"class_name": "Dense", "config": {"name": "t_dense", "units": 3}}]},
                   "inbound_nodes": [[["a", 0, 0, {}]], [["b", 0, 0, {}]]]},
                  {"class_name": "Subtract", "name": "diff", "config": {},
                   "inbound_nodes": [[["tower", 0, 0, {}], ["tower", 1, 0, {}]]]}],
                 "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["diff", 0, 0]]}}
                """;
        try (ModelGraph m = KerasModels.build(Json.parse(json))) {
            assertEquals(15, m.totalParams(), "the tower's weights count once");
            ExecutionGraph g = m.flatten();
            assertTopological(g);
            List<Step> dense = g.steps().stream().filter(s -> s.layerId().equals("tower/t_dense")).toList();
            assertEquals(2, dense.size());
            assertSame(dense.get(0).layer(), dense.get(1).layer());
            assertEquals(List.of(g.inputs().get(0)), dense.get(0).inputs());
            assertEquals(List.of(g.inputs().get(1)), dense.get(1).inputs());
            Step diff = g.steps().get(g.steps().size() - 1);
            assertEquals(List.of(new TensorId(dense.get(0).index(), 0), new TensorId(dense.get(1).index(), 0)),
                    diff.inputs());
        }
    }

    @Test
    void cyclesAreRejected() {
        Node fromB = new Node(List.of(new InboundRef("b", 0, 0)), List.of(), List.of(TensorShape.unknown()), Map.of());
        Node fromA = new Node(List.of(new InboundRef("a", 0, 0)), List.of(), List.of(TensorShape.unknown()), Map.of());
        Layer a = Layer.builder("a", "Dense").category(LayerCategory.LAYER).node(fromB).build();
        Layer b = Layer.builder("b", "Dense").category(LayerCategory.LAYER).node(fromA).build();
        ModelMetadata meta = new ModelMetadata(null, "", null, null, 3);
        ModelGraph g = new ModelGraph("loop", "Functional", ModelGraph.Kind.FUNCTIONAL, meta, List.of(a, b), List.of(),
                List.of(new InboundRef("b", 0, 0)), null);
        CyclicGraphException e = assertThrows(CyclicGraphException.class, g::flatten);
        assertEquals(List.of("a", "b"), e.layers());
    }

    @Test
    void connectionsToMissingLayersOrCallsAreRefused() {
        ModelMetadata meta = new ModelMetadata(null, "", null, null, 3);
        Node in = new Node(List.of(), List.of(), List.of(TensorShape.of(null, 2)), Map.of());
        Layer input = Layer.builder("in", "InputLayer").category(LayerCategory.INPUT).node(in).build();
        assertThrows(IllegalArgumentException.class, () -> new ModelGraph("m", "Functional",
                ModelGraph.Kind.FUNCTIONAL, meta, List.of(input), List.of(), List.of(new InboundRef("x", 0, 0)), null));
        assertThrows(IllegalArgumentException.class, () -> new ModelGraph("m", "Functional",
                ModelGraph.Kind.FUNCTIONAL, meta, List.of(input), List.of(), List.of(new InboundRef("in", 1, 0)),
                null));
        assertThrows(IllegalArgumentException.class, () -> new ModelGraph("m", "Functional",
                ModelGraph.Kind.FUNCTIONAL, meta, List.of(input, input), List.of(), List.of(), null));
    }

    @Test
    void shapesPrintAsKerasPrintsThem() {
        assertEquals("(None, 28, 28, 1)", TensorShape.of(null, 28, 28, 1).toString());
        assertEquals("(None,)", TensorShape.of((Integer) null).toString());
        assertEquals("?", TensorShape.unknown().toString());
        assertEquals(-1, TensorShape.unknown().rank());
        assertEquals(784L, TensorShape.of(null, 28, 28, 1).count(1));
        assertEquals(null, TensorShape.of(null, null, 28).count(1));
        assertThrows(IllegalStateException.class, () -> TensorShape.unknown().dims());
        assertThrows(IllegalArgumentException.class, () -> TensorShape.of(null, -2));
    }
}
