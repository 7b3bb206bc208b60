package org.convscope.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.diff.Difference;
import org.convscope.core.diff.LayerMatch;
import org.convscope.core.diff.MatchStatus;
import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.CancelledException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.Fixtures;
import org.convscope.engine.testing.EngineFixtures;
import org.junit.jupiter.api.Test;

/**
 * Two models run on the same inputs and compared layer by layer, against what TensorFlow computes
 * for the same comparison ({@code fixtures/diff/make_diff_fixtures.py}): a model against itself,
 * against a copy with one layer's weights perturbed, against its quantised TensorFlow.js exports,
 * against a fine-tuned copy with an extra layer and one with another head.
 */
class ModelDiffTest {

    private static final Path BASE = Fixtures.dir().resolve("models/sequential_convnet.keras");
    private static final List<Path> INPUTS = List.of(dir().resolve("inputs.npy"));

    private static Path dir() {
        return EngineFixtures.dir().resolve("diff");
    }

    private static ModelDiff diff(Path a, Path b, List<Path> inputs) throws IOException {
        try (ModelGraph x = KerasModels.open(a); ModelGraph y = KerasModels.open(b)) {
            return ModelDiff.compute(x, a, y, b, inputs, ModelDiff.DEFAULT_THRESHOLD, ProgressMonitor.NULL);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected(String comparison) throws IOException {
        try (Reader r = Files.newBufferedReader(dir().resolve("expected.json"))) {
            return (Map<String, Object>) ((Map<String, Object>) Json.parse(r)).get(comparison);
        }
    }

    /**
     * The layers TensorFlow compared, each within 1e-4 of its numbers (the engine equals
     * TensorFlow's outputs within 1e-6 on these models); B's first diverging layer, and the
     * outputs' agreement, exactly as TensorFlow's.
     */
    @SuppressWarnings("unchecked")
    private static void assertAsTensorFlow(String comparison, ModelDiff d) throws IOException {
        Map<String, Object> want = expected(comparison);
        Map<String, LayerDivergence> got = new LinkedHashMap<>();
        d.activations().orElseThrow().forEach(l -> got.put(l.layer(), l));
        for (Object o : (List<Object>) want.get("activations")) {
            Map<String, Object> row = (Map<String, Object>) o;
            LayerDivergence l = got.get(row.get("layer"));
            String what = comparison + " " + row;
            assertTrue(l != null, what + ": not compared: " + got.keySet());
            assertEquals(((Number) row.get("max_abs")).doubleValue(), l.maxAbs(), 1e-4, what + " " + l);
            assertEquals(((Number) row.get("rel")).doubleValue(), l.rel(), 1e-4, what + " " + l);
            assertEquals(((Number) row.get("cosine")).doubleValue(), l.cosine(), 1e-4, what + " " + l);
        }
        assertEquals(want.get("first_divergence"), d.firstDivergence().map(LayerDivergence::layer).orElse(null),
                comparison + " " + d.activations());
        Map<String, Object> outputs = (Map<String, Object>) want.get("outputs");
        OutputAgreement g = d.outputs().orElseThrow();
        assertEquals(((Number) outputs.get("top1_agreement")).doubleValue(), g.top1Agreement(), 1e-9, comparison);
        assertEquals(((Number) outputs.get("top5_overlap")).doubleValue(), g.top5Overlap(), 1e-9, comparison);
        assertEquals(4, g.inputs());
    }

    @Test
    void aModelAgainstItselfIsTheSameAndDoesNotDiverge() throws IOException {
        ModelDiff d = diff(BASE, BASE, INPUTS);
        assertTrue(d.structure().identical());
        List<LayerDivergence> layers = d.activations().orElseThrow();
        // the input, then every layer: the Keras model's 8
        assertEquals(9, layers.size(), layers.toString());
        for (LayerDivergence l : layers) {
            assertEquals(0, l.maxAbs(), l.toString());
            assertEquals(0, l.rel(), l.toString());
            assertEquals(1, l.cosine(), 1e-12, l.toString());
        }
        assertTrue(d.firstDivergence().isEmpty());
        assertEquals(new OutputAgreement(1, 1, 4), d.outputs().orElseThrow());
        assertTrue(d.notCompared().isEmpty(), d.notCompared().toString());
        assertTrue(d.skipped().isEmpty());
    }

    /** One model's .h5, .keras and Keras 2 .h5: the same structure, weights and activations. */
    @Test
    void theFilesOfOneModelComputeTheSame() throws IOException {
        Path h5 = Fixtures.dir().resolve("models/sequential_convnet.h5");
        for (String other : List.of("sequential_convnet.keras", "sequential_convnet.keras2.h5")) {
            ModelDiff d = diff(h5, Fixtures.dir().resolve("models").resolve(other), INPUTS);
            assertTrue(d.structure().identical(), other);
            assertEquals(9, d.activations().orElseThrow().size(), other);
            assertTrue(d.activations().orElseThrow().stream().allMatch(l -> l.maxAbs() == 0), other);
            assertTrue(d.firstDivergence().isEmpty(), other);
        }
    }

    @Test
    void thePerturbedLayerIsTheFirstDivergenceAndTheLayersBeforeItAreEqual() throws IOException {
        ModelDiff d = diff(BASE, dir().resolve("perturbed.h5"), INPUTS);
        for (LayerMatch m : d.structure().matches()) {
            if (m.aName().equals("conv2d_1")) {
                assertEquals(MatchStatus.CHANGED, m.status());
                assertEquals(List.of("weights.kernel"), m.differences().stream().map(Difference::field).toList());
            } else {
                assertEquals(MatchStatus.SAME, m.status(), m.toString());
            }
        }
        assertAsTensorFlow("perturbed", d);
        List<LayerDivergence> layers = d.activations().orElseThrow();
        List<String> order = layers.stream().map(LayerDivergence::layer).toList();
        assertEquals(List.of("input_layer", "conv2d", "max_pooling2d", "conv2d_1", "activation", "flatten", "dropout",
                "dense", "dense_1"), order);
        for (LayerDivergence l : layers.subList(0, 3)) {
            assertEquals(0, l.maxAbs(), "before the perturbed layer: " + l);
        }
        assertEquals("conv2d_1", d.firstDivergence().orElseThrow().layer());
    }

    /**
     * A model against its TensorFlow.js exports: uint8 quantisation diverges from the first layer
     * on; uint16 and float16 stay under the threshold everywhere.
     */
    @Test
    void aQuantisedExportDivergesPerLayerAsInTensorFlow() throws IOException {
        for (String q : List.of("uint8", "uint16", "float16")) {
            ModelDiff d = diff(BASE, Fixtures.dir().resolve("tfjs/sequential_convnet_" + q + "/model.json"), INPUTS);
            assertAsTensorFlow("tfjs_" + q, d);
            for (LayerDivergence l : d.activations().orElseThrow()) {
                if (!l.layer().equals("input_layer")) {
                    assertTrue(l.rel() > 0, q + " " + l);
                }
            }
        }
        ModelDiff uint8 = diff(BASE, Fixtures.dir().resolve("tfjs/sequential_convnet_uint8/model.json"), INPUTS);
        assertEquals("conv2d", uint8.firstDivergence().orElseThrow().layer());
    }

    @Test
    void aFineTunedCopyWithAnExtraLayerHasItOnlyInB() throws IOException {
        ModelDiff d = diff(BASE, dir().resolve("finetuned.keras"), INPUTS);
        List<LayerMatch> onlyB = d.structure().matches().stream().filter(m -> m.status() == MatchStatus.ONLY_B)
                .toList();
        assertEquals(List.of(new LayerMatch(null, "extra_dense", MatchStatus.ONLY_B, List.of())), onlyB);
        assertEquals(0, d.structure().count(MatchStatus.ONLY_A));
        LayerMatch head = d.structure().matches().stream().filter(m -> "dense_1".equals(m.aName())).findFirst()
                .orElseThrow();
        assertEquals("dense_1", head.bName());
        // two .keras archives, which store weights by position only
        assertEquals(List.of("weights.0", "weights.1"),
                head.differences().stream().map(Difference::field).toList());
        assertAsTensorFlow("finetuned", d);
        assertEquals("dense_1", d.firstDivergence().orElseThrow().layer());
    }

    /** Another head under another name: matched by position, and its outputs not comparable. */
    @Test
    void anotherHeadMatchesByPosition() throws IOException {
        ModelDiff d = diff(BASE, dir().resolve("newhead.keras"), INPUTS);
        LayerMatch head = d.structure().matches().stream().filter(m -> "dense_1".equals(m.aName())).findFirst()
                .orElseThrow();
        assertEquals("head", head.bName());
        assertEquals(MatchStatus.CHANGED, head.status());
        assertTrue(head.differences().contains(new Difference("config.units", 10L, 3L)), head.toString());
        assertTrue(head.differences().contains(new Difference("params", 170L, 51L)), head.toString());
        assertEquals(0, d.structure().count(MatchStatus.ONLY_A) + d.structure().count(MatchStatus.ONLY_B));
        assertEquals(List.of("dense_1: not compared: the outputs differ in shape, (4, 10) and (4, 3)",
                "outputs: not compared: the final outputs differ in shape, (4, 10) and (4, 3)"), d.notCompared());
        assertTrue(d.outputs().isEmpty());
        assertEquals(0, d.activations().orElseThrow().stream().mapToDouble(LayerDivergence::rel).max().orElseThrow());
    }

    @Test
    void modelsTakingOtherInputsCompareStructureAndSayWhyNotActivations() throws IOException {
        Path sequence = Fixtures.dir().resolve("models/conv1d_sequence.keras");
        ModelDiff d = diff(BASE, sequence, INPUTS);
        assertEquals("activations not compared: sequential_convnet.keras takes (None, 16, 16, 3) and"
                + " conv1d_sequence.keras takes (None, 32, 2)", d.skipped().orElseThrow());
        assertTrue(d.activations().isEmpty());
        assertFalse(d.structure().matches().isEmpty());
        assertNull(d.json().get("activations"));
    }

    /** The editor runs it in a job: a cancelled monitor stops it between steps. */
    @Test
    void aCancelledMonitorStopsIt() throws IOException {
        ProgressMonitor cancelled = new ProgressMonitor() {

            @Override
            public void begin(String task, int totalWork) {
                // nothing to show
            }

            @Override
            public void worked(int work) {
                // nothing to show
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        try (ModelGraph x = KerasModels.open(BASE); ModelGraph y = KerasModels.open(BASE)) {
            assertThrows(CancelledException.class, () -> ModelDiff.compute(x, BASE, y, BASE, INPUTS,
                    ModelDiff.DEFAULT_THRESHOLD, cancelled));
        }
    }

    /** The JSON keys the issue names, in a fixed order; without inputs, no activations. */
    @Test
    @SuppressWarnings("unchecked")
    void theJsonHasTheKeysTheIssueNames() throws IOException {
        Map<String, Object> json = diff(BASE, dir().resolve("perturbed.h5"), INPUTS).json();
        assertEquals(List.of("matches", "weights", "activations", "first_divergence", "outputs"),
                List.copyOf(json.keySet()));
        Map<String, Object> match = (Map<String, Object>) ((List<Object>) json.get("matches")).get(0);
        assertEquals(List.of("a_name", "b_name", "status", "differences"), List.copyOf(match.keySet()));
        Map<String, Object> weight = (Map<String, Object>) ((List<Object>) json.get("weights")).get(0);
        assertEquals(List.of("layer", "b_layer", "weight", "a_shape", "b_shape", "max_abs", "rel"),
                List.copyOf(weight.keySet()));
        Map<String, Object> layer = (Map<String, Object>) ((List<Object>) json.get("activations")).get(0);
        assertEquals(List.of("layer", "max_abs", "rel", "cosine"), List.copyOf(layer.keySet()));
        assertEquals(List.of("top1_agreement", "top5_overlap"),
                List.copyOf(((Map<String, Object>) json.get("outputs")).keySet()));
        assertEquals("conv2d_1", json.get("first_divergence"));

        Map<String, Object> structural = diff(BASE, BASE, List.of()).json();
        assertNull(structural.get("activations"));
        assertNull(structural.get("first_divergence"));
        assertNull(structural.get("outputs"));
        assertTrue(structural.containsKey("activations"));
    }
    /**
     * One layer of both models for the first input, as the compare-models editor opens it: equal
     * before the perturbed layer, different at it by no more than over the whole batch.
     */
    @Test
    void layerOutputsOfThePerturbedCopyForTheFirstInput() throws IOException {
        Path b = dir().resolve("perturbed.h5");
        try (ModelGraph x = KerasModels.open(BASE); ModelGraph y = KerasModels.open(b)) {
            Path input = INPUTS.get(0);
            List<Tensor> before = ModelDiff.layerOutputs(x, BASE, y, b, input, "conv2d", "conv2d");
            assertEquals(1, before.get(0).dim(0), "batch item 0 only");
            assertArrayEquals(before.get(0).data(), before.get(1).data());
            List<Tensor> at = ModelDiff.layerOutputs(x, BASE, y, b, input, "conv2d_1", "conv2d_1");
            assertArrayEquals(at.get(0).shape(), at.get(1).shape());
            double max = 0;
            for (int i = 0; i < at.get(0).size(); i++) {
                max = Math.max(max, Math.abs(at.get(0).data()[i] - at.get(1).data()[i]));
            }
            double batchMax = ((Number) ((Map<?, ?>) ((List<?>) expected("perturbed").get("activations")).get(2))
                    .get("max_abs")).doubleValue();
            assertTrue(max > 0 && max <= batchMax + 1e-4, max + " against the batch's " + batchMax);
            try (ModelGraph other = KerasModels.open(Fixtures.dir().resolve("models/conv1d_sequence.keras"))) {
                AnalysisException e = assertThrows(AnalysisException.class, () -> ModelDiff.layerOutputs(x, BASE,
                        other, Path.of("conv1d_sequence.keras"), input, "conv2d", "conv2d"));
                assertTrue(e.getMessage().contains("conv1d_sequence.keras"), e.getMessage());
            }
        }
    }
}
