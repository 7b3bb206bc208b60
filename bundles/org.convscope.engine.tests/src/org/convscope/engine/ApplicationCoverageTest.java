package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.engine.testing.EngineFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The keras.applications architectures of the core's fixtures (VGG16, ResNet50, MobileNetV2,
 * InceptionV3, Xception, DenseNet121, EfficientNetB0; architectures only, no weights) turn into
 * engine networks whose every layer class the engine runs.
 */
class ApplicationCoverageTest {

    @TestFactory
    Stream<DynamicTest> everyApplicationLayerIsSupported() throws IOException {
        Path dir = EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/applications").normalize();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json.gz") && !p.toString().endsWith(".expected.json.gz"))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 7, "applications missing under " + dir);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        Object config;
        try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8)) {
            config = Json.parse(r);
        }
        try (ModelGraph model = KerasModels.build(config)) {
            NetworkSpec spec = ModelGraphs.toSpec(model);
            assertEquals(model.flatten().steps().size(), spec.layers().size());
            assertEquals(1, spec.inputNames().size());
            TreeSet<String> missing = new TreeSet<>();
            for (LayerSpec l : spec.layers()) {
                if (!Engine.supports(l.kerasClass())) {
                    missing.add(l.kerasClass());
                }
            }
            assertTrue(missing.isEmpty(), file.getFileName() + " needs " + missing);
        }
    }
}
