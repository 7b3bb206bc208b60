package org.convscope.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Two models' layers matched and compared without running them: a model against itself and
 * against its other files (same), against its quantised TensorFlow.js exports (the weights
 * differ, by what quantisation loses), and layers matched by position when names differ.
 */
class StructureDiffTest {

    private static final List<String> MODELS = List.of("sequential_convnet", "functional_branches",
            "nested_sequential", "shared_layer", "two_inputs_two_outputs", "batchnorm_separable", "conv1d_sequence",
            "extra_layers");

    private static StructureDiff diff(Path a, Path b) throws IOException {
        try (ModelGraph x = KerasModels.open(a); ModelGraph y = KerasModels.open(b)) {
            return StructureDiff.compare(x, y);
        }
    }

    private static Path model(String file) {
        return Fixtures.dir().resolve("models").resolve(file);
    }

    @Test
    void aModelAgainstItselfIsTheSameEverywhere() throws IOException {
        StructureDiff d = diff(model("sequential_convnet.keras"), model("sequential_convnet.keras"));
        assertTrue(d.identical());
        assertEquals(9, d.count(MatchStatus.SAME), d.matches().toString());
        assertEquals(8, d.weights().size());
        for (WeightDifference w : d.weights()) {
            assertEquals(0, w.maxAbs(), w.toString());
            assertEquals(0, w.rel(), w.toString());
        }
    }

    /** .h5 against .keras, and Keras 3 against Keras 2 files of the same model: nothing differs. */
    @Test
    void theFormatsOfOneModelAreTheSame() throws IOException {
        for (String m : MODELS) {
            for (String other : List.of(".keras", ".keras2.h5")) {
                StructureDiff d = diff(model(m + ".h5"), model(m + other));
                assertTrue(d.identical(), m + other + ": " + changed(d));
                assertTrue(d.weights().stream().allMatch(WeightDifference::same), m + other);
                assertFalse(d.weights().isEmpty(), m);
            }
        }
    }

    @Test
    void theTensorFlowJsFloatExportIsTheSame() throws IOException {
        for (String m : List.of("functional_branches", "nested_sequential")) {
            StructureDiff d = diff(model(m + ".h5"), Fixtures.dir().resolve("tfjs").resolve(m).resolve("model.json"));
            assertTrue(d.identical(), m + ": " + changed(d));
        }
    }

    /**
     * Quantisation changes the weights only, and by at most half a step of its grid (uint8: the
     * range over 255).
     */
    @Test
    void aQuantisedExportDiffersInItsWeightsOnly() throws IOException {
        for (String q : List.of("uint8", "uint16", "float16")) {
            StructureDiff d = diff(model("sequential_convnet.h5"),
                    Fixtures.dir().resolve("tfjs/sequential_convnet_" + q + "/model.json"));
            assertEquals(0, d.count(MatchStatus.ONLY_A) + d.count(MatchStatus.ONLY_B), q);
            for (LayerMatch m : d.matches()) {
                boolean weighted = List.of("conv2d", "conv2d_1", "dense", "dense_1").contains(m.aName());
                assertEquals(weighted ? MatchStatus.CHANGED : MatchStatus.SAME, m.status(), q + " " + m);
                assertTrue(m.differences().stream().allMatch(f -> f.field().startsWith("weights.")), q + " " + m);
            }
            for (WeightDifference w : d.weights()) {
                assertTrue(w.compared() && w.maxAbs() > 0, q + " " + w);
                double bound = q.equals("uint8") ? 0.5 / 255 * 2 : q.equals("uint16") ? 0.5 / 65535 * 2 : 1e-3;
                assertTrue(w.maxAbs() <= bound, q + " " + w);
                assertTrue(w.rel() < (q.equals("uint8") ? 2e-2 : 1e-3), q + " " + w);
            }
        }
    }

    /**
     * The Keras 1 file of the model names its layers convolution2d_1, maxpooling2d_1, ...: those
     * match by position. Names come first, though: its first Dense is called dense_1, the name of
     * the Keras 3 model's last, so those two match (changed), and the rest of the head is left over.
     */
    @Test
    void layersWithOtherNamesMatchByPosition() throws IOException {
        StructureDiff d = diff(model("sequential_convnet.h5"), model("sequential_convnet.keras1.h5"));
        Map<String, String> pairs = d.pairs();
        assertEquals("convolution2d_1", pairs.get("conv2d"), pairs.toString());
        assertEquals("maxpooling2d_1", pairs.get("max_pooling2d"), pairs.toString());
        assertEquals("convolution2d_2", pairs.get("conv2d_1"), pairs.toString());
        assertEquals("dropout_1", pairs.get("dropout"), pairs.toString());
        assertEquals("dense_1", pairs.get("dense_1"), pairs.toString());
        LayerMatch conv = d.matches().stream().filter(m -> "conv2d".equals(m.aName())).findFirst().orElseThrow();
        assertEquals(MatchStatus.SAME, conv.status(), conv.toString());
        LayerMatch head = d.matches().stream().filter(m -> "dense_1".equals(m.aName())).findFirst().orElseThrow();
        assertEquals(MatchStatus.CHANGED, head.status());
        assertTrue(head.differences().contains(new Difference("config.units", 10L, 16L)), head.toString());
        assertTrue(head.differences().contains(new Difference("params", 170L, 6288L)), head.toString());
        assertEquals(List.of("dense"), d.matches().stream().filter(m -> m.status() == MatchStatus.ONLY_A)
                .map(LayerMatch::aName).toList());
        assertEquals(List.of("dense_2"), d.matches().stream().filter(m -> m.status() == MatchStatus.ONLY_B)
                .map(LayerMatch::bName).toList());
    }

    private static List<LayerMatch> changed(StructureDiff d) {
        return d.matches().stream().filter(m -> m.status() != MatchStatus.SAME).toList();
    }
}
