package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The arrays a call works in outlive it: clearing the activation cache keeps them for the next call
 * of the same shapes, and the network frees them by itself once it has been idle for its delay.
 */
class WorkMemoryTest {

    private static final Path REFS = EngineFixtures.dir().resolve("models").resolve("batchnorm_separable");
    private static final Path MODEL = EngineFixtures.dir()
            .resolve("../../org.convscope.core.tests/fixtures/models/batchnorm_separable.keras").normalize();

    /**
     * A forward pass and a gradient after {@code clearCache} run on the arrays the first ones
     * kept (no more bytes held afterwards) and give the same values; a batch of another size, whose
     * arrays the pools carve from the same memory, gives each item that image's value in the first
     * batch.
     */
    @Test
    void clearingTheCacheKeepsTheArraysForTheNextCall() throws IOException {
        Tensor x = NpyFloats.read(REFS.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(MODEL); Network net = Engine.open(graph)) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            String output = last(net);
            String input = net.inputNames().get(0);
            Objective top = Objective.unit(output, classes(net, x, output), new int[x.shape()[0]]);
            Tensor forward = net.forward(x, List.of(output)).output(output);
            Tensor gradient = net.gradients(List.of(x), top, List.of(input)).gradient(input);
            long kept = sd.pooledBytes();
            assertTrue(kept > 0, "nothing kept between calls");
            net.clearCache();
            assertEquals(kept, sd.pooledBytes(), "bytes kept after clearCache");
            assertArrayEquals(forward.data(), net.forward(x, List.of(output)).output(output).data());
            assertArrayEquals(gradient.data(), net.gradients(List.of(x), top, List.of(input)).gradient(input).data());
            assertEquals(kept, sd.pooledBytes(), "the same shapes' second calls took new arrays");

            int[] items = { 0, 1, 0 };
            float[] three = net.forward(items(x, items), List.of(output)).output(output).data();
            float[] two = forward.data();
            int item = two.length / x.shape()[0];
            for (int i = 0; i < items.length; i++) {
                for (int j = 0; j < item; j++) {
                    float want = two[items[i] * item + j];
                    assertEquals(want, three[i * item + j], Math.abs(want) * 1e-5 + 1e-6, "item " + i + " at " + j);
                }
            }
        }
    }

    /** With no call for the network's delay, the kept arrays are freed; the next call still computes. */
    @Test
    void anIdleNetworkFreesItsArrays() throws IOException, InterruptedException {
        Tensor x = NpyFloats.read(REFS.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(MODEL); Network net = Engine.open(graph)) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            sd.keepWorkMemoryFor(200);
            String output = last(net);
            String input = net.inputNames().get(0);
            Objective top = Objective.unit(output, classes(net, x, output), new int[x.shape()[0]]);
            Tensor before = net.gradients(List.of(x), top, List.of(input)).gradient(input);
            net.forward(x, List.of(output));
            assertTrue(sd.pooledBytes() > 0, "nothing kept between calls");
            // generous: the release runs on a shared thread of a possibly busy machine
            for (int i = 0; i < 300 && sd.pooledBytes() > 0; i++) {
                Thread.sleep(100);
            }
            assertEquals(0, sd.pooledBytes(), "bytes kept 30 s after the last call");
            assertArrayEquals(before.data(), net.gradients(List.of(x), top, List.of(input)).gradient(input).data());
        }
    }

    /**
     * A batch's call on another pass or graph frees what an idle one keeps past the network's
     * allowance (batch-sized buffers of two workloads are not held at once), a one-image call does
     * not, and the results stay the same.
     */
    @Test
    void workElsewhereFreesWhatAnIdlePassKeeps() throws IOException {
        Tensor x = NpyFloats.read(REFS.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(MODEL); Network net = Engine.open(graph)) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            sd.keepWhileIdle(0);
            String output = last(net);
            String input = net.inputNames().get(0);
            Objective top = Objective.unit(output, classes(net, x, output), new int[x.shape()[0]]);
            Tensor gradient = net.gradients(List.of(x), top, List.of(input)).gradient(input);
            long passBytes = sd.pooledBytes() - sd.forwardPooledBytes();
            assertTrue(passBytes > 0, "the gradient pass kept nothing");
            // one image is not a batch's work: the pass keeps its buffers for the next batch
            net.forward(items(x, new int[] { 0 }), List.of(output));
            assertEquals(passBytes, sd.pooledBytes() - sd.forwardPooledBytes(), "freed by a one-image forward pass");
            Tensor forward = net.forward(x, List.of(output)).output(output);
            assertEquals(0, sd.pooledBytes() - sd.forwardPooledBytes(), "the gradient pass's buffers, after a forward");
            assertTrue(sd.forwardPooledBytes() > 0, "the forward pass kept nothing");
            assertArrayEquals(gradient.data(), net.gradients(List.of(x), top, List.of(input)).gradient(input).data());
            assertEquals(0, sd.forwardPooledBytes(), "the forward pass's buffers, after a gradient");
            net.clearCache();
            assertArrayEquals(forward.data(), net.forward(x, List.of(output)).output(output).data());
        }
    }

    /**
     * A forward pass for inputs that will not come again computes what {@link Network#forward}
     * does, and neither adds to the activation cache nor takes from it.
     */
    @Test
    void aForwardPassOnceLeavesTheCacheAlone() throws IOException {
        Tensor x = NpyFloats.read(REFS.resolve("x0.npy"));
        try (ModelGraph graph = KerasModels.open(MODEL); Network net = Engine.open(graph)) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            String output = last(net);
            float[] forward = net.forward(x, List.of(output)).output(output).data();
            assertEquals(1, sd.cachedInputs());
            Tensor swapped = items(x, new int[] { 1, 0 });
            float[] once = net.forwardOnce(List.of(swapped), List.of(output)).output(output).data();
            assertEquals(1, sd.cachedInputs(), "forwardOnce cached its input");
            int item = forward.length / 2;
            for (int j = 0; j < item; j++) {
                assertEquals(forward[item + j], once[j], Math.abs(forward[item + j]) * 1e-5 + 1e-6);
                assertEquals(forward[j], once[item + j], Math.abs(forward[j]) * 1e-5 + 1e-6);
            }
            assertArrayEquals(forward, net.forwardOnce(List.of(x), List.of(output)).output(output).data());
            net.forward(swapped, List.of(output));
            assertEquals(2, sd.cachedInputs());
        }
    }

    private static String last(Network net) {
        List<String> layers = net.layerNames();
        return layers.get(layers.size() - 1);
    }

    private static int classes(Network net, Tensor x, String output) {
        return net.outputShapes(List.of(x.shape())).get(output)[1];
    }

    /** @return a batch of {@code x}'s images at these indices */
    private static Tensor items(Tensor x, int[] indices) {
        int[] shape = x.shape().clone();
        int item = x.size() / shape[0];
        float[] data = new float[indices.length * item];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(x.data(), indices[i] * item, data, i * item, item);
        }
        shape[0] = indices.length;
        return new Tensor(data, shape);
    }
}
