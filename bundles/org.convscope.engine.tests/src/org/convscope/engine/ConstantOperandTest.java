package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Keras 3 writes {@code x + 3.0} and {@code 0.5 * x} in a functional model (MobileNetV3's hard
 * sigmoid) as Add / Multiply operations whose positional arguments mix a tensor and a constant.
 */
class ConstantOperandTest {

    private static final Map<String, Object> TENSOR = Map.of("class_name", "__keras_tensor__");

    @Test
    void constantsInTheCallArgumentsBecomeScalars() {
        Map<String, Object> input = Map.of("batch_shape", Arrays.asList(null, 3));
        List<LayerSpec> layers = List.of(new LayerSpec("x", "InputLayer", input, List.of(), null),
                new LayerSpec("add", "Add", Map.of(), List.of("x"), null, Map.of("args", List.of(TENSOR, 3.0))),
                new LayerSpec("scale", "Multiply", Map.of(), List.of("add"), null,
                        Map.of("args", List.of(0.5, TENSOR))),
                new LayerSpec("minus", "Subtract", Map.of(), List.of("scale"), null,
                        Map.of("args", List.of(1L, TENSOR))));
        try (Network net = Engine.open(new NetworkSpec("constants", layers))) {
            ForwardResult r = net.forward(new Tensor(new float[] { 1, 2, -3, 0, 5, 7 }, new int[] { 2, 3 }), List.of());
            assertArrayEquals(new float[] { 4, 5, 0, 3, 8, 10 }, r.output("add").data());
            assertArrayEquals(new float[] { 2, 2.5f, 0, 1.5f, 4, 5 }, r.output("scale").data());
            assertArrayEquals(new float[] { -1, -1.5f, 1, -0.5f, -3, -4 }, r.output("minus").data());
            assertArrayEquals(new int[] { 2, 3 }, r.output("minus").shape());
        }
    }
}
