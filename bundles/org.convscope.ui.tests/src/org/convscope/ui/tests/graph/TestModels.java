package org.convscope.ui.tests.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** Where the tests find model files: the bundled sample and the core's fixtures. */
public final class TestModels {

    private TestModels() {
    }

    /** @return the bundled sample model as a file */
    public static Path sample() throws IOException {
        Bundle bundle = Platform.getBundle("org.convscope.samples");
        if (bundle == null) {
            throw new IllegalStateException("org.convscope.samples is not installed");
        }
        URL entry = bundle.getEntry("models/mnist_convnet.keras");
        return Path.of(FileLocator.toFileURL(entry).getPath());
    }

    /** @param name a file under the core tests' fixtures/models @return it (tests run in their bundle folder) */
    public static Path fixture(String name) {
        Path p = Path.of("..", "org.convscope.core.tests", "fixtures", "models", name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return p;
    }

    /**
     * @param name an architecture under fixtures/applications, e.g. {@code DenseNet121}
     * @return its graph (the reader takes plain JSON, so the gzipped fixture is unpacked first)
     */
    public static ModelGraph application(String name) throws IOException {
        Path gz = Path.of("..", "org.convscope.core.tests", "fixtures", "applications", name + ".json.gz");
        Path json = Files.createTempFile(name, ".json");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, json, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            return KerasModels.open(json);
        } finally {
            Files.deleteIfExists(json);
        }
    }
}
