package org.convscope.scan;

import java.nio.file.Files;
import java.nio.file.Path;

/** The scan tests' files: their 200 MNIST digits and the bundled sample model. */
final class ScanFixtures {

    private ScanFixtures() {
    }

    /** @return the folder of 200 real MNIST digits, 20 per class ({@code fixtures/make_mnist_fixture.py}) */
    static Path mnist() {
        return inRepository("bundles/org.convscope.scan.tests/fixtures/mnist200");
    }

    /** @return the bundled sample, the MNIST convnet */
    static Path sampleModel() {
        return inRepository("bundles/org.convscope.samples/models/mnist_convnet.keras");
    }

    private static Path inRepository(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
