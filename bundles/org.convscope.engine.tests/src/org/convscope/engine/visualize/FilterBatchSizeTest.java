package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.testing.WatchedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches of filters shrink as the images grow, so that memory stays within the budget. */
class FilterBatchSizeTest {

    private static Network net;
    private static FilterPatterns patterns;

    @BeforeAll
    static void open() {
        // any input size: the batch size follows the pattern's size
        List<LayerSpec> layers = List.of(
                new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, null, null, 3)),
                        List.of(), null),
                new LayerSpec("conv", "Conv2D", Map.of("kernel_size", List.of(3L, 3L), "padding", "same",
                        "activation", "relu", "filters", 32L), List.of("image"),
                        () -> List.of(new Tensor(new float[3 * 3 * 3 * 32], new int[] { 3, 3, 3, 32 }),
                                new Tensor(new float[32], new int[] { 32 }))));
        net = Engine.open(new NetworkSpec("any size", layers));
        patterns = new FilterPatterns(net, 3, Preprocessing.RESCALE);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @Test
    void smallImagesRunInBatchesOfTheAskedSize() {
        assertEquals(16, patterns.batchSize("conv", FilterPatternOptions.notebook().withSize(64).withBatchSize(16)));
    }

    @Test
    void largeImagesRunInSmallerBatches() {
        // per image: (3 + 32 + 2 · 32) floats per pixel, 396 bytes
        int at512 = patterns.batchSize("conv", FilterPatternOptions.notebook().withSize(512).withBatchSize(16));
        int at1024 = patterns.batchSize("conv", FilterPatternOptions.notebook().withSize(1024).withBatchSize(16));
        assertTrue(at512 < 16, "512²: " + at512);
        assertTrue(at1024 < at512 && at1024 >= 1, "1024²: " + at1024);
        assertEquals(1, patterns.batchSize("conv", FilterPatternOptions.notebook().withSize(2048).withBatchSize(16)));
    }

    @Test
    void filtersAreSharedOutEvenlyAmongTheBatches() {
        assertEquals(4, FilterPatterns.evenBatches(16, 5), "16 at most 5 at a time: 4 × 4");
        assertEquals(2, FilterPatterns.evenBatches(16, 2));
        assertEquals(16, FilterPatterns.evenBatches(16, 16));
        assertEquals(3, FilterPatterns.evenBatches(9, 4), "9 at most 4 at a time: 3 × 3, not 4 + 4 + 1");
        assertEquals(4, FilterPatterns.evenBatches(7, 4), "7 at most 4 at a time: 4 + 3");
        assertEquals(4, FilterPatterns.evenBatches(4, 16));
        assertEquals(1, FilterPatterns.evenBatches(5, 1));
        // what a run of so many filters uses, as a benchmark reports it
        FilterPatternOptions five = FilterPatternOptions.notebook().withSize(64).withBatchSize(5);
        assertEquals(4, patterns.batchSize("conv", five, 16));
        assertEquals(3, patterns.batchSize("conv", five, 3));
        assertEquals(2, patterns.batchSize("conv", five.withDiversity(0.5f).withBatchSize(8), 3),
                "each filter's copies count against the largest batch");
    }

    @Test
    void everyBatchOfARunHasTheSameShape() {
        List<Integer> batches = new ArrayList<>();
        Network counting = WatchedNetwork.of(net, (method, args) -> {
            if (method.equals("gradients")) {
                batches.add(((List<?>) args[0]).stream().mapToInt(t -> ((Tensor) t).shape()[0]).max().orElse(0));
            }
        });
        new FilterPatterns(counting, 3, Preprocessing.RESCALE).compute("conv", new int[] { 0, 1, 2, 3 },
                FilterPatternOptions.notebook().withSize(16).withSteps(2).withBatchSize(3), ProgressMonitor.NULL,
                null);
        assertTrue(!batches.isEmpty() && batches.stream().allMatch(b -> b == 2),
                "4 filters at most 3 at a time run as 2 + 2: " + batches);
    }
}
