package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.RandomTensors;
import org.junit.jupiter.api.Test;

/**
 * {@link Network#withWeights}: weights replaced in place compute what a network opened with those
 * weights computes — forward, input gradients and layer gradients, through a convolution with its
 * batch normalization folded in, a depthwise one and a dense layer, after the graphs, buffers and
 * oneDNN's kernels were made with the old weights — and the old ones come back afterwards, to the
 * last bit, however the work ends. A layer built from a copy of its weights is refused.
 */
class ReplacedWeightsTest {

    private static final Map<String, Object> SAME3 = Map.of("kernel_size", List.of(3L, 3L), "padding", "same",
            "filters", 4L);

    @Test
    void replacedWeightsComputeWhatACopyWithThemComputesAndTheOldOnesComeBack() {
        Map<String, List<Tensor>> replaced = Map.of("c1",
                List.of(RandomTensors.uniform(11, 3, 3, 2, 4), RandomTensors.uniform(12, 4)), "dw",
                List.of(RandomTensors.uniform(13, 3, 3, 4, 1), RandomTensors.uniform(14, 4)), "out",
                List.of(RandomTensors.uniform(15, 3, 5), RandomTensors.uniform(16, 5)));
        Tensor x = RandomTensors.uniform(7, 2, 8, 8, 2);
        try (Network net = Engine.open(model(Map.of()))) {
            List<float[]> before = compute(net, x);
            Map<String, List<Tensor>> seen = new HashMap<>();
            Map<String, UnaryOperator<List<Tensor>>> replace = new HashMap<>();
            replaced.forEach((layer, w) -> replace.put(layer, old -> {
                seen.put(layer, old);
                return w;
            }));
            List<float[]> inPlace = net.withWeights(replace, () -> compute(net, x)).orElseThrow();
            List<float[]> copy;
            try (Network other = Engine.open(model(replaced))) {
                copy = compute(other, x);
            }
            for (int i = 0; i < copy.size(); i++) {
                assertArrayEquals(copy.get(i), inPlace.get(i), 1e-5f, "result " + i);
                assertFalse(Arrays.equals(before.get(i), inPlace.get(i)), "result " + i + " did not change");
            }
            // the replacing functions were given the layer's own weights
            assertEquals(weights("out").get(0), seen.get("out").get(0));
            assertEquals(weights("dw").get(1), seen.get("dw").get(1));
            List<float[]> after = compute(net, x);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "result " + i + " after the weights came back");
            }
        }
    }

    @Test
    void theOldWeightsComeBackWhenTheWorkFails() {
        Tensor x = RandomTensors.uniform(7, 1, 8, 8, 2);
        try (Network net = Engine.open(model(Map.of()))) {
            float[] before = net.forward(x, List.of("out")).output("out").data();
            assertThrows(IllegalStateException.class,
                    () -> net.withWeights(
                            Map.of("c1",
                                    w -> List.of(RandomTensors.uniform(21, 3, 3, 2, 4), RandomTensors.uniform(22, 4))),
                            () -> {
                                net.forward(x, List.of("out"));
                                throw new IllegalStateException("cancelled");
                            }));
            assertArrayEquals(before, net.forward(x, List.of("out")).output("out").data());
        }
    }

    @Test
    void aLayerBuiltFromACopyOfItsWeightsIsNotReplaced() {
        Map<String, Object> dilated = Map.of("kernel_size", List.of(3L, 3L), "padding", "same", "filters", 3L,
                "dilation_rate", List.of(2L, 2L));
        List<LayerSpec> layers = List.of(
                new LayerSpec("x", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 8, 8, 2)), List.of(), null),
                new LayerSpec("dil", "Conv2D", dilated, List.of("x"),
                        () -> List.of(RandomTensors.uniform(31, 3, 3, 2, 3), RandomTensors.uniform(32, 3))),
                new LayerSpec("gap", "GlobalAveragePooling2D", Map.of(), List.of("dil"), null));
        Tensor x = RandomTensors.uniform(7, 1, 8, 8, 2);
        try (Network net = Engine.open(new NetworkSpec("dilated", layers))) {
            float[] before = net.forward(x, List.of("gap")).output("gap").data();
            boolean[] ran = { false };
            Optional<Object> r = net.withWeights(
                    Map.of("dil", w -> List.of(RandomTensors.uniform(33, 3, 3, 2, 3), RandomTensors.uniform(34, 3))),
                    () -> ran[0] = true);
            assertTrue(r.isEmpty());
            assertFalse(ran[0]);
            assertTrue(net.withWeights(Map.of("gap", w -> w), () -> true).isEmpty(), "a layer without weights");
            assertTrue(net.withWeights(Map.of("nowhere", w -> w), () -> true).isEmpty(), "no such layer");
            assertArrayEquals(before, net.forward(x, List.of("gap")).output("gap").data());
        }
    }

    /** The forward output, the input gradient and a layer's gradient, each with a new cache. */
    private static List<float[]> compute(Network net, Tensor x) {
        net.clearCache();
        List<float[]> out = new ArrayList<>();
        out.add(net.forward(x, List.of("out")).output("out").data());
        Objective score = Objective.unit("out", 5, 1, 3);
        out.add(net.gradients(List.of(x), score, List.of("x")).gradient("x").data());
        out.add(net.gradients(List.of(x), score, List.of("dw")).gradient("dw").data());
        return out;
    }

    /**
     * x → Conv2D c1 → BatchNormalization → ReLU → DepthwiseConv2D dw (ReLU6) → Conv2D 1×1 → global
     * average → Dense out; {@code replaced}'s weights instead of the layers' own where it has them.
     */
    private static NetworkSpec model(Map<String, List<Tensor>> replaced) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec("x", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 8, 8, 2)), List.of(),
                null));
        layers.add(layer("c1", "Conv2D", SAME3, "x", replaced));
        layers.add(layer("bn", "BatchNormalization", Map.of("epsilon", 1e-3), "c1", replaced));
        layers.add(new LayerSpec("relu", "Activation", Map.of("activation", "relu"), List.of("bn"), null));
        layers.add(layer("dw", "DepthwiseConv2D", Map.of("kernel_size", List.of(3L, 3L), "padding", "same",
                "activation", "relu6"), "relu", replaced));
        layers.add(layer("c2", "Conv2D", Map.of("kernel_size", List.of(1L, 1L), "filters", 3L, "activation", "relu"),
                "dw", replaced));
        layers.add(new LayerSpec("gap", "GlobalAveragePooling2D", Map.of(), List.of("c2"), null));
        layers.add(layer("out", "Dense", Map.of("units", 5L), "gap", replaced));
        return new NetworkSpec("replaced", layers);
    }

    private static LayerSpec layer(String name, String kerasClass, Map<String, Object> config, String input,
            Map<String, List<Tensor>> replaced) {
        List<Tensor> w = replaced.getOrDefault(name, weights(name));
        return new LayerSpec(name, kerasClass, config, List.of(input), () -> w);
    }

    private static List<Tensor> weights(String layer) {
        return switch (layer) {
            case "c1" -> List.of(RandomTensors.uniform(1, 3, 3, 2, 4), RandomTensors.uniform(2, 4));
            case "bn" -> List.of(RandomTensors.uniform(3, 4), RandomTensors.uniform(4, 4), RandomTensors.uniform(5, 4),
                    positive(6, 4));
            case "dw" -> List.of(RandomTensors.uniform(7, 3, 3, 4, 1), RandomTensors.uniform(8, 4));
            case "c2" -> List.of(RandomTensors.uniform(9, 1, 1, 4, 3), RandomTensors.uniform(10, 3));
            case "out" -> List.of(RandomTensors.uniform(17, 3, 5), RandomTensors.uniform(18, 5));
            default -> throw new IllegalArgumentException(layer);
        };
    }

    private static Tensor positive(long seed, int n) {
        float[] d = RandomTensors.uniform(seed, n).data();
        for (int i = 0; i < n; i++) {
            d[i] = 0.5f + Math.abs(d[i]);
        }
        return new Tensor(d, new int[] { n });
    }
}
