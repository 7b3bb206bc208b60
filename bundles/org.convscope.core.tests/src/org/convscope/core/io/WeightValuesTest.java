package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every format of every fixture gives, per layer path, the weights Keras itself reports: same
 * count, order, shapes and values. The reference, {@code io/weight_sums.json}, was made by
 * loading each {@code .keras} fixture with Keras ({@code io/make_weight_sums.py}).
 */
class WeightValuesTest {

    @TestFactory
    List<DynamicTest> everyFormatMatchesKeras() throws IOException {
        Map<?, ?> reference = (Map<?, ?>) Json.parse(Files.readString(Fixtures.file("io/weight_sums.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<?, ?> e : reference.entrySet()) {
            String name = (String) e.getKey();
            List<?> layers = (List<?>) e.getValue();
            for (String variant : List.of(".h5", ".keras", ".keras2.h5", ".keras2-213.h5")) {
                Path file = FixtureFiles.models().resolve(name + variant);
                if (Files.exists(file)) {
                    tests.add(DynamicTest.dynamicTest(name + variant, () -> {
                        try (RawModel m = ModelFiles.read(file)) {
                            check(m, layers);
                        }
                    }));
                }
            }
            Path tfjs = FixtureFiles.tfjs().resolve(name).resolve("model.json");
            if (Files.exists(tfjs)) {
                tests.add(DynamicTest.dynamicTest(name + " tfjs", () -> {
                    try (RawModel m = ModelFiles.read(tfjs)) {
                        check(m, layers);
                    }
                }));
            }
            // Keras before 3.15 did not name the vars groups; layers are then found through the config.
            Path unnamed = Fixtures.file("io/" + name + ".unnamed.keras");
            if (Files.exists(unnamed)) {
                tests.add(DynamicTest.dynamicTest(name + " .keras without layer names", () -> {
                    try (RawModel m = ModelFiles.read(unnamed)) {
                        check(m, layers);
                    }
                }));
            }
            Path architecture = FixtureFiles.models().resolve(name + ".architecture.json");
            Path weights = FixtureFiles.models().resolve(name + ".weights.h5");
            if (Files.exists(architecture) && Files.exists(weights)) {
                tests.add(DynamicTest.dynamicTest(name + " architecture + weights", () -> {
                    try (RawModel m = ModelFiles.read(architecture, weights)) {
                        check(m, layers);
                    }
                }));
            }
            Path keras2Weights = Fixtures.file("io/" + name + ".keras2.weights.h5");
            if (Files.exists(architecture) && Files.exists(keras2Weights)) {
                tests.add(DynamicTest.dynamicTest(name + " architecture + Keras 2 weights", () -> {
                    try (RawModel m = ModelFiles.read(architecture, keras2Weights)) {
                        assertEquals("architecture JSON + HDF5 weights (Keras 2 layout)", m.formatDetail());
                        check(m, layers);
                    }
                }));
            }
        }
        assertTrue(tests.size() >= 20, "expected at least 20 fixture files, found " + tests.size());
        return tests;
    }

    private static void check(RawModel model, List<?> layers) throws IOException {
        for (Object o : layers) {
            Map<?, ?> layer = (Map<?, ?>) o;
            List<String> path = ((List<?>) layer.get("path")).stream().map(String.class::cast).toList();
            List<?> expected = (List<?>) layer.get("weights");
            List<WeightRef> refs = model.weights().weights(path);
            assertEquals(expected.size(), refs.size(), "weights of " + path);
            for (int i = 0; i < refs.size(); i++) {
                Map<?, ?> want = (Map<?, ?>) expected.get(i);
                String what = path + " weight " + i;
                int[] shape = ((List<?>) want.get("shape")).stream().mapToInt(d -> ((Long) d).intValue()).toArray();
                assertArrayEquals(shape, refs.get(i).shape(), what);
                Tensor t = refs.get(i).load();
                assertArrayEquals(shape, t.shape(), what);
                double sum = 0;
                double absSum = 0;
                for (float f : t.data()) {
                    sum += f;
                    absSum += Math.abs(f);
                }
                double abs = number(want, "abs_sum");
                assertEquals(number(want, "sum"), sum, 1e-5 * (1 + abs), what + " sum");
                assertEquals(abs, absSum, 1e-5 * (1 + abs), what + " abs_sum");
                assertEquals(number(want, "first"), t.data()[0], 1e-7, what + " first");
                assertEquals(number(want, "last"), t.data()[t.size() - 1], 1e-7, what + " last");
            }
        }
    }

    private static double number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
