package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pool by pass holds about what a pass has in use at once: memory freed by one shape serves
 * another, and a gradient pass gives back each forward activation after its last backward reader.
 */
class BufferPoolTest {

    private static final Path REFS = EngineFixtures.dir().resolve("models").resolve("shared_layer");
    private static final Path MODEL = EngineFixtures.dir()
            .resolve("../../org.convscope.core.tests/fixtures/models/shared_layer.keras").normalize();

    /**
     * Two arrays of 2 MB, both given back, then one of 4 MB: from the second pass on the 4 MB lie
     * where the two 2 MB lay, the pool holds less than the three arrays' 8 MB, and arrays in use at
     * once do not overlap.
     */
    @Test
    void aPoolByPassSharesFreedMemoryAcrossShapes() {
        try (BufferPool pool = new BufferPool(true)) {
            for (int pass = 0; pass < 3; pass++) {
                INDArray a = pool.take(512, 1024);
                INDArray b = pool.take(1024, 512);
                a.assign(1);
                b.assign(2);
                assertEquals(512 * 1024, a.sumNumber().doubleValue(), "a after b was written, pass " + pass);
                assertArrayEquals(new long[] { 1024, 512 }, b.shape());
                pool.give(a);
                pool.give(b);
                INDArray c = pool.take(1024, 1024);
                c.assign(3);
                assertEquals(3 * 1024 * 1024, c.sumNumber().doubleValue());
                assertEquals('c', c.ordering());
                if (pass > 0) {
                    assertEquals(a.data().address(), c.data().address(), "c does not reuse a's memory, pass " + pass);
                    assertTrue(pool.bytes() < 8L << 20, "the pool holds " + pool.bytes() + " bytes");
                }
                pool.give(c);
                pool.endPass();
            }
        }
    }

    /** A pool by shape (forward passes) hands out an array only for its own shape. */
    @Test
    void aPoolByShapeKeepsArraysPerShape() {
        try (BufferPool pool = new BufferPool()) {
            INDArray a = pool.take(2, 3);
            pool.give(a);
            INDArray b = pool.take(3, 2);
            assertNotSame(a, b);
            pool.give(b);
            assertEquals(4L * 12, pool.bytes());
            assertSame(a, pool.take(2, 3), "a freed array of its shape");
        }
    }

    /**
     * A gradient pass gives each forward activation back after its last backward reader, so the
     * backward pass's arrays reuse them: beyond what the forward pass kept it never has more in use
     * at once than the largest activation (shared_layer's gradient: 7,616 bytes beyond the
     * forward pass's 16,512 with the activations given back, 15,872 without, its largest
     * activation 8,192), and the pool holds little more than that peak.
     */
    @Test
    void theBackwardPassReusesTheForwardActivations() throws IOException {
        Tensor x = NpyFloats.read(REFS.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(MODEL); Network net = Engine.open(graph)) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            List<String> layers = net.layerNames();
            String output = layers.get(layers.size() - 1);
            String input = net.inputNames().get(0);
            int classes = net.outputShapes(List.of(x.shape())).get(output)[1];
            Objective top = Objective.unit(output, classes, new int[x.shape()[0]]);
            Tensor first = net.gradients(List.of(x), top, List.of(input)).gradient(input);
            Tensor second = net.gradients(List.of(x), top, List.of(input)).gradient(input);
            assertArrayEquals(first.data(), second.data(), "the pass in the arena");
            long largest = 0;
            for (String l : layers) {
                int[] s = net.outputShapes(List.of(x.shape())).get(l);
                long n = 1;
                for (int d : s) {
                    n *= d;
                }
                largest = Math.max(largest, n * Float.BYTES);
            }
            BackwardPass.Memory m = sd.memory().values().stream().filter(BackwardPass.Memory.class::isInstance)
                    .map(BackwardPass.Memory.class::cast).findFirst().orElseThrow();
            assertTrue(m.peakInUse() <= m.forward() + largest, "at most " + m.peakInUse() + " bytes in use, "
                    + m.forward() + " kept by the forward pass, largest activation " + largest);
            assertTrue(m.pooled() <= m.peakInUse() + Math.max(m.peakInUse() / 32, 1 << 20) + 64,
                    "pooled " + m.pooled() + " bytes for " + m.peakInUse() + " in use at once");
        }
    }
}
