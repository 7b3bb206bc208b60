package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.GradientResult;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.testing.ChainFixture;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradients through the engine's own backward pass against TensorFlow's (fixtures/backward, made by
 * make_backward_fixtures.py), within 1e-4 of the largest reference value: with respect to the input
 * and to layers together, and to each alone (a layer alone takes the cut graph fed from the forward
 * pass). Batch normalization, residual adds, concatenation, depthwise and separable convolutions,
 * strided and padded convolutions, pooling of every kind, dense layers, a nested model and the
 * layers of the "ops" chain; none of them may fall back to SameDiff's backward pass.
 */
class BackwardFidelityTest {

    private static final double RELATIVE = 1e-4;

    @TestFactory
    Stream<DynamicTest> fixtureModelsMatchTensorFlow() {
        return Stream.of("batchnorm_separable", "functional_branches", "nested_sequential")
                .map(name -> DynamicTest.dynamicTest(name, () -> model(name)));
    }

    @Test
    void opsChainMatchesTensorFlow() throws IOException {
        try (Network net = Engine.open(ChainFixture.spec("backward/ops"))) {
            check(net, ChainFixture.npy("backward/ops", "x"), EngineFixtures.dir().resolve("backward").resolve("ops"));
        }
    }

    private static void model(String name) throws IOException {
        Path model = EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models/" + name + ".keras")
                .normalize();
        Tensor x = NpyFloats.read(EngineFixtures.dir().resolve("models").resolve(name).resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            check(net, x, EngineFixtures.dir().resolve("backward").resolve(name));
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(Network net, Tensor x, Path refs) throws IOException {
        Map<String, Object> doc;
        try (Reader r = Files.newBufferedReader(refs.resolve("objective.json"))) {
            doc = (Map<String, Object>) Json.parse(r);
        }
        String layer = (String) doc.get("layer");
        int[] units = ((List<Number>) doc.get("units")).stream().mapToInt(Number::intValue).toArray();
        Map<String, String> files = (Map<String, String>) doc.get("gradients");
        int[] out = net.outputShapes(List.of(x.shape())).get(layer);
        Objective objective = Objective.unit(layer, out[1], units);
        String input = net.inputNames().get(0);
        List<String> all = new ArrayList<>();
        files.keySet().forEach(k -> all.add(k.equals("input") ? input : k));
        GradientResult together = net.gradients(List.of(x), objective, all);
        Tensor perItem = NpyFloats.read(refs.resolve("per_item.npy"));
        assertClose(new Tensor(together.objectivePerItem(), perItem.shape()), perItem, refs, "per item");
        for (Map.Entry<String, String> e : files.entrySet()) {
            String wrt = e.getKey().equals("input") ? input : e.getKey();
            Tensor expected = NpyFloats.read(refs.resolve(e.getValue()));
            assertClose(together.gradient(wrt), expected, refs, "d/d " + wrt + " (with the others)");
            Tensor alone = net.gradients(List.of(x), objective, List.of(wrt)).gradient(wrt);
            assertClose(alone, expected, refs, "d/d " + wrt);
        }
        assertEquals(Set.of(), ((SameDiffNetwork) net).fallbacks(), "ops that took SameDiff's backward pass");
        largerBatch(net, x, layer, units, files, refs, input);
        assertFalse(((SameDiffNetwork) net).forwardFellBack(), "a forward pass took SameDiff's output()");
    }

    /**
     * The fixture's batch three times over, twice: a batch above two computes only the activations
     * the backward pass reads, and the second call runs on the arrays the first one left in the
     * pool; each copy must give the reference's gradients.
     */
    private static void largerBatch(Network net, Tensor x, String layer, int[] units,
            Map<String, String> files, Path refs, String input) throws IOException {
        int copies = 3;
        int n = x.shape()[0];
        float[] data = new float[x.data().length * copies];
        int[] tripled = new int[n * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(x.data(), 0, data, c * x.data().length, x.data().length);
            System.arraycopy(units, 0, tripled, c * n, n);
        }
        int[] shape = x.shape().clone();
        shape[0] = n * copies;
        Tensor big = new Tensor(data, shape);
        int[] out = net.outputShapes(List.of(big.shape())).get(layer);
        Objective many = Objective.unit(layer, out[1], tripled);
        for (int call = 0; call < 2; call++) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                String wrt = e.getKey().equals("input") ? input : e.getKey();
                Tensor expected = NpyFloats.read(refs.resolve(e.getValue()));
                Tensor g = net.gradients(List.of(big), many, List.of(wrt)).gradient(wrt);
                int per = expected.data().length;
                for (int c = 0; c < copies; c++) {
                    float[] part = Arrays.copyOfRange(g.data(), c * per, (c + 1) * per);
                    assertClose(new Tensor(part, expected.shape()), expected, refs,
                            "d/d " + wrt + ", copy " + c + " of a batch of " + shape[0] + ", call " + call);
                }
            }
        }
    }

    private static void assertClose(Tensor actual, Tensor expected, Path refs, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double largest = 0;
        double diff = 0;
        float[] a = actual.data();
        float[] e = expected.data();
        for (int i = 0; i < e.length; i++) {
            largest = Math.max(largest, Math.abs(e[i]));
            diff = Math.max(diff, Math.abs((double) a[i] - e[i]));
        }
        double relative = diff / largest;
        System.out.printf("backward-tf %-20s %-44s max|Δ|/max|ref| %.3g%n", refs.getFileName(), what, relative);
        assertTrue(largest > 0, refs.getFileName() + " " + what + ": zero reference");
        assertTrue(relative <= RELATIVE, refs.getFileName() + " " + what + ": max|Δ| " + diff + " of " + largest);
    }
}
