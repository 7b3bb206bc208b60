package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.testing.ChainFixture;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture model's forward pass runs on {@link GraphRunner}, never falling back to
 * SameDiff's {@code output()}, and gives the same values on a second call, which runs on the
 * arrays the first one gave back to the pool. (That the values equal TensorFlow's is
 * ModelFidelityTest's part.)
 */
class GraphRunnerTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureModelRunsOnTheRunner() throws IOException {
        Path dir = EngineFixtures.dir().resolve("models");
        try (Stream<Path> models = Files.list(dir)) {
            return models.map(Path::getFileName).map(Path::toString).sorted().toList().stream()
                    .map(name -> DynamicTest.dynamicTest(name, () -> check(name, dir.resolve(name))));
        }
    }

    /**
     * Asked for the model's output only, the runner folds each batch normalization into the
     * convolution before it; the output stays within rounding of the unfolded pass's (all layers
     * asked for, so no convolution's output may be folded away).
     */
    @Test
    void batchNormalizationFoldsIntoTheConvolution() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models").resolve("batchnorm_separable");
        Path model = coreModel("batchnorm_separable");
        Tensor x = NpyFloats.read(refs.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(model);
                Network whole = Engine.open(graph);
                Network last = Engine.open(graph)) {
            List<String> layers = whole.layerNames();
            String output = layers.get(layers.size() - 1);
            Tensor unfolded = whole.forward(x, layers).output(output);
            assertEquals(0, ((SameDiffNetwork) whole).folds(), "folds with every layer asked for");
            Tensor foldedOut = last.forward(x, List.of(output)).output(output);
            assertTrue(((SameDiffNetwork) last).folds() > 0, "no batch normalization folded");
            float[] a = unfolded.data();
            float[] b = foldedOut.data();
            double largest = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff <= 1e-5 * largest, "folded output off by " + diff + " of " + largest);
        }
    }

    /**
     * Once oneDNN holds its copy of a convolution's kernel with the batch normalization folded in,
     * the runner frees its own folded kernel; a batch of another size, for which oneDNN has no
     * primitive yet, folds it again: each image's output stays that of the batch of one.
     */
    @Test
    void aFoldedKernelIsFreedOnceOneDnnHoldsIt() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models").resolve("batchnorm_separable");
        Tensor x = NpyFloats.read(refs.resolve("x0.npy"));
        int item = x.size() / x.dim(0);
        int[] shape = x.shape();
        shape[0] = 1;
        Tensor one = new Tensor(Arrays.copyOf(x.data(), item), shape.clone());
        shape[0] = 2;
        float[] twice = new float[2 * item];
        System.arraycopy(one.data(), 0, twice, 0, item);
        System.arraycopy(one.data(), 0, twice, item, item);
        try (ModelGraph graph = KerasModels.open(coreModel("batchnorm_separable")); Network net = Engine.open(graph)) {
            List<String> layers = net.layerNames();
            String output = layers.get(layers.size() - 1);
            SameDiffNetwork sd = (SameDiffNetwork) net;
            float[] alone = net.forward(one, List.of(output)).output(output).data();
            assertTrue(sd.folds() > 0, "no batch normalization folded");
            // libnd4j, where oneDNN's presets do not load, reads the folded kernels at every run
            assertEquals(Dnnl.available(), sd.foldedKernelBytes() == 0, "folded kernels kept beside oneDNN's");
            float[] both = net.forward(new Tensor(twice, shape), List.of(output)).output(output).data();
            assertEquals(Dnnl.available(), sd.foldedKernelBytes() == 0, "folded kernels kept after a new shape");
            assertEquals(2 * alone.length, both.length);
            assertWithin(alone, Arrays.copyOf(both, alone.length), "first image of two");
            assertWithin(alone, Arrays.copyOfRange(both, alone.length, both.length), "second image of two");
        }
    }

    /**
     * Each layer asked for alone: its convolutions run on oneDNN directly (where the presets load)
     * with the ReLU or ReLU6 after them fused in and the batch normalization folded, and the
     * output equals TensorFlow's within 1e-4 of the largest value.
     */
    @TestFactory
    Stream<DynamicTest> layersAskedAloneEqualTensorFlowWithRectifiersFused() {
        return Stream.of("batchnorm_separable", "sequential_convnet")
                .map(name -> DynamicTest.dynamicTest(name, () -> eachLayerAlone(name)));
    }

    private static void eachLayerAlone(String name) throws IOException {
        Path refs = EngineFixtures.dir().resolve("models").resolve(name);
        Path model = coreModel(name);
        Tensor x = NpyFloats.read(refs.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            for (String layer : net.layerNames()) {
                Path expected = refs.resolve("act_" + layer + ".npy");
                if (!Files.exists(expected)) {
                    continue;
                }
                float[] want = NpyFloats.read(expected).data();
                float[] got = net.forward(x, List.of(layer)).output(layer).data();
                assertEquals(want.length, got.length, name + " " + layer);
                double largest = 0;
                double diff = 0;
                for (int i = 0; i < want.length; i++) {
                    largest = Math.max(largest, Math.abs(want[i]));
                    diff = Math.max(diff, Math.abs(want[i] - got[i]));
                }
                assertTrue(diff <= 1e-4 * largest, name + " " + layer + ": off by " + diff + " of " + largest);
            }
            SameDiffNetwork sd = (SameDiffNetwork) net;
            assertTrue(sd.fusedRectifiers() > 0, name + ": no rectifier fused");
            assertEquals(Dnnl.available(), sd.directConvolutions() > 0, name + ": oneDNN's primitives");
            assertFalse(sd.forwardFellBack(), name + ": a forward pass took SameDiff's output()");
        }
    }

    /**
     * A tail run again and again on replacements of one shape (Ablation-CAM's channel batches) is fed
     * through arrays kept from call to call: the kept bytes do not grow, and each call computes on
     * its own replacement, not on what an earlier one left in a kept array.
     */
    @Test
    void aTailRunBatchAfterBatchReusesItsFedArrays() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models").resolve("batchnorm_separable");
        Path model = coreModel("batchnorm_separable");
        Tensor x = NpyFloats.read(refs.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            List<String> layers = net.layerNames();
            String output = layers.get(layers.size() - 1);
            String cut = "se_excite";
            int item = x.size() / x.dim(0);
            Tensor one = new Tensor(Arrays.copyOf(x.data(), item), withBatch(x.shape(), 1));
            Tensor a = net.forward(one, List.of(cut)).output(cut);
            Tensor zeros = new Tensor(new float[a.size() * 3], withBatch(a.shape(), 3));
            float[] doubled = new float[a.size() * 3];
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] = 2 * a.data()[i % a.size()];
            }
            Tensor twice = new Tensor(doubled, withBatch(a.shape(), 3));
            Tensor first = net.forwardReplacing(List.of(one), cut, twice, output);
            long kept = sd.pooledBytes();
            Tensor second = net.forwardReplacing(List.of(one), cut, zeros, output);
            Tensor third = net.forwardReplacing(List.of(one), cut, twice, output);
            assertEquals(kept, sd.pooledBytes(), "bytes kept grew from call to call");
            assertArrayEquals(first.data(), third.data());
            assertFalse(Arrays.equals(first.data(), second.data()), "a call read an earlier replacement");
        }
    }

    /** @return the core tests' fixture model {@code name}.keras */
    private static Path coreModel(String name) {
        return EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models/" + name + ".keras")
                .normalize();
    }

    private static int[] withBatch(int[] shape, int n) {
        int[] s = shape.clone();
        s[0] = n;
        return s;
    }

    /**
     * gradients_strided adds a separable convolution's output to an earlier activation ({@code skip
     * = sep + s2}): the pointwise convolution adds it inside (oneDNN's sum post-op), writing into
     * {@code s2}'s array when nothing else reads it ({@code skip} asked for alone) and into a copy
     * of it when {@code s2} is asked for too; twice each (the second call on the kept arrays), the
     * sum equals TensorFlow's within 1e-4 of the largest value and {@code s2} stays TensorFlow's.
     */
    @Test
    void residualAddsRunInsideTheConvolution() throws IOException {
        Tensor x = ChainFixture.npy("gradients_strided", "x");
        float[] skip = ChainFixture.npy("gradients_strided", "act_skip").data();
        float[] s2 = ChainFixture.npy("gradients_strided", "act_s2").data();
        for (List<String> asked : List.of(List.of("skip"), List.of("skip", "s2"))) {
            try (Network net = Engine.open(ChainFixture.spec("gradients_strided"))) {
                for (int call = 0; call < 2; call++) {
                    ForwardResult r = net.forward(x, asked);
                    net.clearCache();
                    assertWithin(skip, r.output("skip").data(), asked + " call " + call);
                    if (asked.contains("s2")) {
                        assertWithin(s2, r.output("s2").data(), "s2, call " + call);
                    }
                }
                assertEquals(Dnnl.available() ? 1 : 0, ((SameDiffNetwork) net).fusedResiduals(),
                        asked + ": residual adds fused");
            }
        }
    }

    private static void assertWithin(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        double largest = 0;
        double diff = 0;
        for (int i = 0; i < want.length; i++) {
            largest = Math.max(largest, Math.abs(want[i]));
            diff = Math.max(diff, Math.abs(want[i] - got[i]));
        }
        assertTrue(diff <= 1e-4 * largest, what + ": off by " + diff + " of " + largest);
    }

    /** The arrays kept between calls are freed by releaseWorkMemory, and the next call still computes. */
    @Test
    void releaseWorkMemoryFreesThePools() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models").resolve("batchnorm_separable");
        Path model = coreModel("batchnorm_separable");
        Tensor x = NpyFloats.read(refs.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            List<String> layers = net.layerNames();
            String output = layers.get(layers.size() - 1);
            int[] shape = net.outputShapes(List.of(x.shape())).get(output);
            Objective top = Objective.unit(output, shape[1], new int[x.shape()[0]]);
            Tensor before = net.gradients(List.of(x), top, List.of(net.inputNames().get(0)))
                    .gradient(net.inputNames().get(0));
            net.forward(x, List.of(output));
            SameDiffNetwork sd = (SameDiffNetwork) net;
            assertTrue(sd.pooledBytes() > 0, "nothing kept between calls");
            net.releaseWorkMemory();
            assertEquals(0, sd.pooledBytes(), "bytes kept after releaseWorkMemory");
            Tensor after = net.gradients(List.of(x), top, List.of(net.inputNames().get(0)))
                    .gradient(net.inputNames().get(0));
            assertArrayEquals(before.data(), after.data());
        }
    }

    private static void check(String name, Path refs) throws IOException {
        Path model = coreModel(name);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; Files.exists(refs.resolve("x" + i + ".npy")); i++) {
            inputs.add(NpyFloats.read(refs.resolve("x" + i + ".npy")));
        }
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            List<String> layers = net.layerNames();
            ForwardResult first = net.forward(inputs, layers);
            ForwardResult second = net.forward(inputs, layers);
            for (String l : layers) {
                if (first.failures().containsKey(l)) {
                    continue;
                }
                assertArrayEquals(first.output(l).data(), second.output(l).data(), name + " " + l);
            }
            assertFalse(((SameDiffNetwork) net).forwardFellBack(), name + ": a forward pass took SameDiff's output()");
        }
    }
}
