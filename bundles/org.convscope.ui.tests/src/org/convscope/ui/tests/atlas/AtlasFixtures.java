package org.convscope.ui.tests.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.convscope.scan.ImageSet;
import org.convscope.scan.Scanner;
import org.convscope.ui.tests.graph.TestModels;

/**
 * Scan stores made once per test run with the scan API: the bundled MNIST sample over the 200
 * digits of the scan tests' fixture (layers conv2d_1 and conv2d_2, top 9), the model copied beside
 * the store; and a small store of conv2d_1 whose model is nowhere near it.
 */
final class AtlasFixtures {

    /**
     * A scanned set.
     *
     * @param folder the folder holding everything
     * @param model  the model file (beside the store, or null when it is kept away)
     * @param digits the image folder scanned
     * @param store  the store
     */
    record Scan(Path folder, Path model, Path digits, Path store) {
    }

    private static Scan full;
    private static Scan away;

    private AtlasFixtures() {
    }

    /** @return the digits the scan tests use */
    static Path mnist200() {
        Path p = Path.of("..", "org.convscope.scan.tests", "fixtures", "mnist200").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("missing fixture folder " + p);
        }
        return p;
    }

    /** @return the 200 digits scanned, the model beside the store */
    static synchronized Scan full() throws IOException {
        if (full == null) {
            Path folder = Files.createTempDirectory("atlas");
            Path model = folder.resolve("mnist_convnet.keras");
            Files.copy(TestModels.sample(), model);
            Path digits = folder.resolve("digits");
            copyDigits(digits, Integer.MAX_VALUE);
            Path store = folder.resolve("digits.db");
            scan(model, digits, store, List.of("conv2d_1", "conv2d_2"));
            full = new Scan(folder, model, digits, store);
        }
        return full;
    }

    /** @return 20 digits scanned, the model left where it was (not beside the store or images) */
    static synchronized Scan away() throws IOException {
        if (away == null) {
            Path folder = Files.createTempDirectory("atlas-away");
            Path digits = folder.resolve("digits");
            copyDigits(digits, 2);
            Path store = folder.resolve("away.db");
            // conv2d_1 alone: the graph's menu on conv2d_2 prefers the full store of the same model
            scan(TestModels.sample(), digits, store, List.of("conv2d_1"));
            away = new Scan(folder, null, digits, store);
        }
        return away;
    }

    private static void copyDigits(Path to, int perClass) throws IOException {
        Path from = mnist200();
        for (int d = 0; d <= 9; d++) {
            Path dir = to.resolve(Integer.toString(d));
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(from.resolve(Integer.toString(d)))) {
                for (Path f : files.sorted().limit(perClass).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
    }

    private static void scan(Path model, Path digits, Path store, List<String> layers) throws IOException {
        Scanner.run(model, ImageSet.of(digits), store, new Scanner.Options(layers, 9, 32, null, null),
                new Scanner.Listener() {
                });
    }
}
