package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.convscope.core.io.WeightRef;
import org.convscope.core.json.Json;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.summary.SummaryJson;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture model, in every format it was saved in, and every keras.applications
 * architecture: the summary must give Keras's own layer list, output shapes, parameter counts
 * and connections.
 */
class KerasFixturesTest {

    /** The file names a model of the fixtures folder was saved under, beside its expectation. */
    private static final List<String> SUFFIXES = List.of(".h5", ".keras", ".keras2.h5", ".keras2-213.h5",
            ".architecture.json");

    @TestFactory
    Stream<DynamicTest> everyFixtureModelInEveryFormat() throws IOException {
        Path models = Fixtures.file("models");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(models)) {
            for (Path expected : files.sorted().toList()) {
                String file = expected.getFileName().toString();
                if (!file.endsWith(".expected.json")) {
                    continue;
                }
                String stem = file.substring(0, file.length() - ".expected.json".length());
                if (stem.endsWith(".keras1")) {
                    String base = stem.substring(0, stem.length() - ".keras1".length());
                    tests.add(test(models.resolve(base + ".keras1.h5"), expected));
                    continue;
                }
                for (String suffix : SUFFIXES) {
                    Path model = models.resolve(stem + suffix);
                    if (Files.exists(model)) {
                        tests.add(test(model, expected));
                    }
                }
            }
        }
        try (Stream<Path> dirs = Files.list(Fixtures.file("tfjs"))) {
            for (Path dir : dirs.sorted().toList()) {
                tests.add(test(dir.resolve("model.json"), dir.resolve("model.expected.json")));
            }
        }
        assertTrue(tests.size() >= 30, "fixtures missing: only " + tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyApplicationArchitecture() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.file("applications"))) {
            for (Path config : files.sorted().toList()) {
                String file = config.getFileName().toString();
                if (!file.endsWith(".json.gz") || file.endsWith(".expected.json.gz")) {
                    continue;
                }
                String stem = file.substring(0, file.length() - ".json.gz".length());
                Path expected = config.resolveSibling(stem + ".expected.json.gz");
                tests.add(dynamicTest(stem, () -> {
                    try (ModelGraph g = KerasModels.build(readJson(config))) {
                        ExpectedJson.assertContains(readJson(expected), SummaryJson.of(g), stem);
                        assertTrue(KerasModels.unsupportedLayers(g).isEmpty());
                        assertFalse(g.flatten().steps().isEmpty());
                    }
                }));
            }
        }
        assertEquals(7, tests.size(), "application architectures");
        return tests.stream();
    }

    private static DynamicTest test(Path model, Path expected) {
        String name = Fixtures.dir().relativize(model).toString();
        return dynamicTest(name, () -> {
            try (ModelGraph g = KerasModels.open(model)) {
                ExpectedJson.assertContains(readJson(expected), SummaryJson.of(g), name);
                if (!name.endsWith(".architecture.json")) {
                    assertWeightsMatchParams(g, name);
                }
            }
        });
    }

    /** Every layer's weights, found by its path, hold exactly the parameters Keras counts. */
    private static void assertWeightsMatchParams(ModelGraph g, String name) {
        for (Layer l : g.allLayers()) {
            if (l.model().isPresent()) {
                continue;
            }
            long stored = l.weights().stream().mapToLong(WeightRef::size).sum();
            assertEquals(l.params(), stored, name + ": weights of " + l.id() + " " + l.weights());
        }
    }

    static Object readJson(Path p) throws IOException {
        boolean gz = p.getFileName().toString().endsWith(".gz");
        try (Reader r = new InputStreamReader(gz
                ? new GZIPInputStream(Files.newInputStream(p))
                : Files.newInputStream(p), StandardCharsets.UTF_8)) {
            return Json.parse(r);
        }
    }
}
