package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.json.Json;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.summary.SummaryJson;
import org.convscope.core.summary.SummaryText;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation loop over the fixture configs: keys dropped, values replaced by junk, list
 * entries dropped or doubled. Every mutant must either open (and then summarise and flatten) or be
 * refused with a {@link ModelFormatException}; nothing else may escape.
 */
class ConfigMutationTest {

    private static final int RUNS = 1000;
    private final Random random = new Random(20261127);

    @Test
    void mutatedConfigsOpenOrAreRefusedCleanly() throws Exception {
        List<Object> seeds = seeds();
        int opened = 0;
        for (int i = 0; i < RUNS; i++) {
            Object config = mutate(seeds.get(random.nextInt(seeds.size())));
            try (ModelGraph g = KerasModels.build(config)) {
                SummaryJson.text(g, false);
                SummaryText.of(g, true);
                g.flatten();
                opened++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().indexOf('\n') < 0, expected.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("mutant " + i + " escaped with " + e + "\n" + Json.write(config, false), e);
            }
        }
        assertTrue(opened > 0, "no mutant opened: the loop tests nothing");
    }

    private static List<Object> seeds() throws Exception {
        List<Object> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.file("models"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".keras")).sorted().toList()) {
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    byte[] bytes = zip.getInputStream(zip.getEntry("config.json")).readAllBytes();
                    try (Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
                        seeds.add(Json.parse(r));
                    }
                }
            }
        }
        seeds.add(KerasFixturesTest.readJson(Fixtures.file("models/nested_sequential.architecture.json")));
        seeds.add(KerasFixturesTest.readJson(Fixtures.file("tfjs/nested_sequential/model.json")));
        assertTrue(seeds.size() >= 5, "fixture configs missing");
        return seeds;
    }

    private Object mutate(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int k = random.nextInt(60);
                if (k != 0) {
                    out.put((String) e.getKey(), k == 1 ? junk() : mutate(e.getValue()));
                }
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                int k = random.nextInt(60);
                if (k != 0) {
                    out.add(k == 1 ? junk() : mutate(o));
                }
                if (k == 2) {
                    out.add(mutate(o));
                }
            }
            return out;
        }
        return random.nextInt(40) == 0 ? junk() : v;
    }

    private Object junk() {
        switch (random.nextInt(8)) {
            case 0 :
                return null;
            case 1 :
                return (long) random.nextInt(7) - 2;
            case 2 :
                return "x";
            case 3 :
                return List.of();
            case 4 :
                return Map.of();
            case 5 :
                return 1e12;
            case 6 :
                return Arrays.asList(1L, null, -1L);
            default :
                return true;
        }
    }
}
