package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.ops.OpOutput;
import org.convscope.engine.ops.OpRegistry;
import org.junit.jupiter.api.Test;

/**
 * An op without a backward in {@link BackwardPass} sends the gradient to SameDiff's backward pass:
 * the network says which op, and SameDiff's "Added differentiated op" lines stay off standard
 * output while everything else printed there passes. Every op the engine's layers emit has a
 * backward (BackwardPassTest), so a test layer emits one that has none: {@code cube}.
 */
class FallbackTest {

    @Test
    void anUncoveredOpFallsBackQuietly() {
        OpRegistry registry = new OpRegistry();
        registry.register(ctx -> new OpOutput(ctx.sd().math().cube(ctx.input().variable()), ctx.input().shape()),
                "Cube");
        List<LayerSpec> layers = List.of(
                new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 4, 4, 2)), List.of(),
                        null),
                new LayerSpec("cube", "Cube", Map.of(), List.of("image"), null));
        float[] x = new float[2 * 4 * 4 * 2];
        float[] w = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f - 0.3f;
            w[i] = (i % 5) / 5f;
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (SameDiffNetwork net = new SameDiffNetwork(new NetworkSpec("cubed", layers), registry)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            GradientResult r;
            try {
                System.out.println("before");
                r = net.gradients(List.of(new Tensor(x, new int[] { 2, 4, 4, 2 })),
                        new Objective("cube", new Tensor(w, new int[] { 2, 4, 4, 2 })), List.of("image"));
                System.out.println("after");
            } finally {
                System.setOut(stdout);
            }
            assertEquals(Set.of("cube (Cube)"), net.fallbacks());
            float[] g = r.gradient("image").data();
            for (int i = 0; i < g.length; i++) {
                assertEquals(3 * x[i] * x[i] * w[i], g[i], 1e-6f, "d(x³ w)/dx at " + i);
            }
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("Added differentiated op"), out);
        assertTrue(out.contains("before") && out.contains("after"), out);
    }
}
