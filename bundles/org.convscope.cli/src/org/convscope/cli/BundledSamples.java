package org.convscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Where the bundled sample model and images are, for commands run without a model. */
final class BundledSamples {

    /** Set by ./convscope to the samples bundle of the built product. */
    static final String PROPERTY = "convscope.samples";

    private static final Path IN_SOURCE_TREE = Path.of("bundles", "org.convscope.samples");

    private BundledSamples() {
    }

    static Path model() throws IOException {
        return dir().resolve("models/mnist_convnet.keras");
    }

    /** @return a digit the sample model classifies correctly */
    static Path digit() throws IOException {
        return dir().resolve("images/digit_3_0.png");
    }

    /** @return whether an argument names a model file rather than an input */
    static boolean looksLikeModel(String argument) {
        String name = argument.toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras") || name.endsWith(".json");
    }

    private static Path dir() throws IOException {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(IN_SOURCE_TREE))) {
                return p.resolve(IN_SOURCE_TREE);
            }
        }
        throw new IOException(Messages.sampleNotFound);
    }
}
