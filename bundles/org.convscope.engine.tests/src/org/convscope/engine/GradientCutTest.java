package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.RandomTensors;
import org.junit.jupiter.api.Test;

/**
 * A gradient with respect to layers only runs on the part of the model after them, fed from the
 * forward pass (skip connections included); it must equal the gradient the whole graph gives.
 */
class GradientCutTest {

    @Test
    void gradientOnTheCutPartEqualsTheWholeGraphs() {
        Map<String, Object> conv = Map.of("kernel_size", List.of(3L, 3L), "padding", "same", "filters", 3L);
        Map<String, Object> convRelu = Map.of("kernel_size", List.of(3L, 3L), "padding", "same", "filters", 3L,
                "activation", "relu");
        List<LayerSpec> layers = List.of(
                new LayerSpec("x", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 6, 6, 2)), List.of(), null),
                new LayerSpec("c1", "Conv2D", conv, List.of("x"),
                        () -> List.of(RandomTensors.uniform(1, 3, 3, 2, 3), RandomTensors.uniform(2, 3))),
                new LayerSpec("c2", "Conv2D", convRelu, List.of("c1"),
                        () -> List.of(RandomTensors.uniform(3, 3, 3, 3, 3), RandomTensors.uniform(4, 3))),
                new LayerSpec("skip", "Add", Map.of(), List.of("c2", "c1"), null),
                new LayerSpec("gap", "GlobalAveragePooling2D", Map.of(), List.of("skip"), null),
                new LayerSpec("out", "Dense", Map.of("units", 4L), List.of("gap"),
                        () -> List.of(RandomTensors.uniform(5, 3, 4), RandomTensors.uniform(6, 4))));
        Tensor x = RandomTensors.uniform(7, 2, 6, 6, 2);
        Objective score = Objective.unit("out", 4, 1, 3);
        try (Network net = Engine.open(new NetworkSpec("skip", layers))) {
            GradientResult cut = net.gradients(List.of(x), score, List.of("c2"));
            GradientResult whole = net.gradients(List.of(x), score, List.of("x", "c2"));
            assertArrayEquals(whole.gradient("c2").data(), cut.gradient("c2").data(), 1e-6f);
            assertArrayEquals(whole.objectivePerItem(), cut.objectivePerItem(), 1e-6f);
            assertEquals(net.forward(x, List.of("c2")).output("c2"), cut.outputs().get("c2"));
        }
    }
}
