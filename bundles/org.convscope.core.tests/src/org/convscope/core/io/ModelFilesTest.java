package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Format detection and the structure each fixture format yields. */
class ModelFilesTest {

    private static RawModel read(String relative) throws IOException {
        return ModelFiles.read(FixtureFiles.models().resolve(relative));
    }

    private static String className(Object config) {
        return (String) ((Map<?, ?>) config).get("class_name");
    }

    @Test
    void keras3LegacyH5() throws IOException {
        try (RawModel m = read("sequential_convnet.h5")) {
            assertEquals(ModelFormat.KERAS_H5, m.format());
            assertEquals("HDF5 (Keras 3 legacy)", m.formatDetail());
            assertEquals("3.15.1", m.attributes().get("keras_version"));
            assertEquals("tensorflow", m.attributes().get("backend"));
            assertEquals("Sequential", className(m.config()));
            List<WeightRef> conv = m.weights().weights(List.of("conv2d"));
            assertEquals(List.of("kernel", "bias"), conv.stream().map(WeightRef::name).toList());
            assertEquals(List.of(3, 3, 3, 4), toList(conv.get(0).shape()));
            assertEquals(Optional.of("float32"), conv.get(0).dtype());
        }
    }

    @Test
    void keras2H5() throws IOException {
        try (RawModel m = read("functional_branches.keras2.h5")) {
            assertEquals(ModelFormat.KERAS_H5, m.format());
            assertEquals("HDF5 (Keras 2)", m.formatDetail());
            assertTrue(m.attributes().get("keras_version").startsWith("2."));
            assertNotNull(className(m.config()));
            assertFalse(m.weights().weights(List.of("branch_a")).isEmpty());
        }
    }

    @Test
    void keras1H5() throws IOException {
        try (RawModel m = read("sequential_convnet.keras1.h5")) {
            assertEquals("HDF5 (Keras 1)", m.formatDetail());
            List<WeightRef> w = m.weights().weights(List.of("convolution2d_1"));
            assertEquals(List.of("convolution2d_1_W", "convolution2d_1_b"), w.stream().map(WeightRef::name).toList());
        }
    }

    @Test
    void largeConfigInDenseAttributeStorage() throws IOException {
        for (String name : List.of("large_config.h5", "large_config.keras2.h5")) {
            try (RawModel m = read(name)) {
                Object layers = ((Map<?, ?>) ((Map<?, ?>) m.config()).get("config")).get("layers");
                assertEquals(57, ((List<?>) layers).size(), name);
                // The Keras 2 file splits layer_names into layer_names0 and layer_names1.
                assertEquals(56, m.weights().layerPaths().size(), name);
            }
        }
    }

    @Test
    void kerasArchive() throws IOException {
        try (RawModel m = read("nested_sequential.keras")) {
            assertEquals(ModelFormat.KERAS_V3, m.format());
            assertEquals("3.15.1", m.attributes().get("keras_version"));
            assertEquals("Functional", className(m.config()));
            assertEquals(4, m.weights().weights(List.of("feature_extractor", "base_bn")).size());
            assertEquals(List.of(), m.weights().weights(List.of("gap")));
        }
    }

    @Test
    void weightsOnlyFileAlone() throws IOException {
        try (RawModel m = read("nested_sequential.weights.h5")) {
            assertEquals(ModelFormat.WEIGHTS_H5, m.format());
            assertNull(m.config());
            assertEquals(2, m.weights().weights(List.of("head")).size());
        }
    }

    @Test
    void architectureWithWeights() throws IOException {
        Path json = FixtureFiles.models().resolve("nested_sequential.architecture.json");
        try (RawModel m = ModelFiles.read(json, FixtureFiles.models().resolve("nested_sequential.weights.h5"))) {
            assertEquals(ModelFormat.WEIGHTS_H5, m.format());
            assertEquals(json, m.file());
            assertNotNull(m.config());
            assertEquals(1, m.weights().weights(List.of("feature_extractor", "base_conv")).size());
        }
    }

    @Test
    void architectureAlone() throws IOException {
        try (RawModel m = read("nested_sequential.architecture.json")) {
            assertEquals(ModelFormat.JSON_ARCHITECTURE, m.format());
            assertEquals("Functional", className(m.config()));
            assertTrue(m.weights().layerPaths().isEmpty());
        }
    }

    @Test
    void tfjsLayersModel() throws IOException {
        try (RawModel m = ModelFiles.read(FixtureFiles.tfjs().resolve("functional_branches/model.json"))) {
            assertEquals(ModelFormat.TFJS_LAYERS, m.format());
            assertEquals("2.15.0", m.attributes().get("keras_version"));
            assertNotNull(className(m.config()));
            assertEquals(2, m.weights().weights(List.of("branch_a")).size());
        }
    }

    @Test
    void pairRejectsNonArchitecture() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(
                FixtureFiles.tfjs().resolve("functional_branches/model.json"),
                FixtureFiles.models().resolve("nested_sequential.weights.h5")));
        assertTrue(e.getMessage().startsWith("model.json: not an architecture JSON"), e.getMessage());
    }

    @Test
    void loadingAfterCloseFailsClearly() throws IOException {
        WeightRef kernel;
        try (RawModel m = read("sequential_convnet.h5")) {
            kernel = m.weights().weights(List.of("conv2d")).get(0);
        }
        IOException e = assertThrows(IOException.class, kernel::load);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void layerLimitRefusesLargeWeights() throws IOException {
        ReadLimits tiny = new ReadLimits(100, Integer.MAX_VALUE, 100);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFiles.read(FixtureFiles.models().resolve("sequential_convnet.h5"), tiny));
        assertTrue(e.getMessage().contains("over the limit of 100"), e.getMessage());
    }

    private static List<Integer> toList(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
