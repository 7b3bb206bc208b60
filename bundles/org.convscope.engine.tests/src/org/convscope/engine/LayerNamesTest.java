package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.Compare;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layer names as Keras's {@code model.summary()} lists them, on a model whose layers are nested
 * models ({@code base} holding {@code stem}; {@code heads} with two outputs), checked against
 * TensorFlow's outputs (make_nested_names_fixture.py).
 */
class LayerNamesTest {

    private static final Path DIR = EngineFixtures.dir().resolve("nested_names");

    private static ModelGraph model;
    private static LayerNames names;

    @BeforeAll
    static void open() throws IOException {
        model = KerasModels.open(DIR.resolve("model.keras"));
        names = LayerNames.of(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void namesAreKerasNamesWithTheirNestedModelsInOrder() {
        assertEquals(List.of("image", "base", "base/base_in", "base/stem", "base/stem/stem_in",
                "base/stem/stem_conv", "base/stem/stem_relu", "base/block_conv", "base/out_relu", "heads",
                "heads/heads_in", "heads/avg", "heads/max", "concat", "predictions"), names.names());
    }

    @Test
    void aNestedModelStandsForTheNodeOfItsOutput() {
        assertEquals("base/out_relu", names.node("base"));
        assertEquals("base/stem/stem_relu", names.node("base/stem"), "a nested model in a nested model");
        assertEquals("base/block_conv", names.node("base/block_conv"));
        assertEquals("image", names.node("base/base_in"), "an inner input is what feeds it");
        assertEquals(List.of("heads/avg", "heads/max"), names.nodes("heads"));
    }

    @Test
    void oneTensorOfANestedModelWithSeveralOutputsMustBeNamed() {
        AnalysisException e = assertThrows(AnalysisException.class, () -> names.node("heads"));
        assertEquals("heads is a nested model with 2 outputs (heads/avg, heads/max); take one of them",
                e.getMessage());
    }

    @Test
    void theEngineComputesWhatTensorFlowComputesForEachName() throws IOException {
        Tensor x = NpyFloats.read(DIR.resolve("x0.npy"));
        try (Network net = Engine.open(model)) {
            check(net, x, "base", "act_base.npy");
            check(net, x, "base/stem", "act_base_stem.npy");
            check(net, x, "predictions", "act_predictions.npy");
            List<String> heads = names.nodes("heads");
            ForwardResult r = net.forward(x, heads);
            for (int i = 0; i < heads.size(); i++) {
                Tensor expected = NpyFloats.read(DIR.resolve("act_heads_" + i + ".npy"));
                assertTrue(Compare.maxAbsDiff(r.output(heads.get(i)), expected) <= Compare.bound(expected),
                        "heads output " + i);
            }
            Tensor base = net.forward(x, List.of(names.node("base"))).output(names.node("base"));
            Tensor last = net.forward(x, List.of("base/out_relu")).output("base/out_relu");
            assertArrayEquals(last.data(), base.data(), 0f, "base is its last layer's output");
            assertTrue(Arrays.stream(asDoubles(base)).anyMatch(v -> v > 0), "a test that can fail");
        }
    }

    @Test
    void theEngineNoLongerTakesANestedModelWithSeveralOutputsForItsFirst() throws IOException {
        Tensor x = NpyFloats.read(DIR.resolve("x0.npy"));
        try (Network net = Engine.open(model)) {
            assertThrows(AnalysisException.class, () -> net.forward(x, List.of("heads")));
        }
    }

    private static void check(Network net, Tensor x, String name, String reference) throws IOException {
        Tensor expected = NpyFloats.read(DIR.resolve(reference));
        String node = names.node(name);
        Tensor got = net.forward(x, List.of(node)).output(node);
        assertArrayEquals(expected.shape(), got.shape(), name);
        double diff = Compare.maxAbsDiff(got, expected);
        assertTrue(diff <= Compare.bound(expected), name + ": max|Δ| " + diff);
    }

    private static double[] asDoubles(Tensor t) {
        double[] d = new double[t.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.data()[i];
        }
        return d;
    }

    @Test
    void anUnknownNameGetsTheClosestNamesFirst() {
        NoSuchLayerException e = assertThrows(NoSuchLayerException.class, () -> names.nodes("bse"));
        assertEquals("base", e.suggestions().get(0));
        assertEquals("no layer 'bse'; did you mean " + String.join(", ", e.suggestions()) + "?", e.getMessage());
        assertEquals("base/out_relu", names.suggestions("out_relu").get(0), "the name inside a nested model");
        assertEquals(List.of("base/stem/stem_conv", "base/stem/stem_in"), names.suggestions("stem_cnv"));
        assertEquals(List.of("base/stem/stem_conv"), names.suggestions("stem_convv"));
        assertEquals(List.of("base/stem/stem_in", "base/stem/stem_conv", "base/stem/stem_relu", "base/stem"),
                names.suggestions("STEM_"), "prefixes of the last part first, case ignored, the nearest first");
        assertEquals(List.of("predictions"), names.suggestions("prediction"));
    }

    @Test
    void aNameFarFromAllGetsNoSuggestion() {
        NoSuchLayerException e = assertThrows(NoSuchLayerException.class, () -> names.node("xyzzy_quux"));
        assertEquals(List.of(), e.suggestions());
        assertEquals("no layer 'xyzzy_quux'", e.getMessage());
    }

    @Test
    void aBigModelGetsFiveSuggestionsInAFixedOrder() {
        List<String> big = new ArrayList<>();
        for (int b = 1; b <= 16; b++) {
            for (String part : List.of("expand", "expand_BN", "expand_relu", "depthwise", "depthwise_BN",
                    "depthwise_relu", "project", "project_BN", "add")) {
                big.add("base/block_" + b + "_" + part);
            }
        }
        big.add("base/out_relu");
        List<String> s = LayerNames.closest("block_3_expnd", big, LayerNames.MAX_SUGGESTIONS);
        assertEquals(5, s.size());
        assertEquals("base/block_3_expand", s.get(0));
        assertEquals(s, LayerNames.closest("block_3_expnd", big, LayerNames.MAX_SUGGESTIONS));
        assertEquals(List.of("base/block_1_add", "base/block_2_add", "base/block_3_add", "base/block_4_add",
                "base/block_5_add"), LayerNames.closest("block_", big, 5), "a prefix of many: the shortest first");
        assertEquals("base/out_relu", LayerNames.closest("out_relu", big, 5).get(0));
    }

    @Test
    void editsCountInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, LayerNames.edits("base", "base"));
        assertEquals(1, LayerNames.edits("bse", "base"));
        assertEquals(1, LayerNames.edits("base", "bose"));
        assertEquals(3, LayerNames.edits("", "abc"));
        assertEquals(3, LayerNames.edits("kitten", "sitting"));
    }
}
