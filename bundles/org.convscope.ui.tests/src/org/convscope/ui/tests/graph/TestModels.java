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

    /** @param folder a folder of the core tests' fixtures, e.g. {@code bad} @return it */
    public static Path fixtures(String folder) {
        Path p = Path.of("..", "org.convscope.core.tests", "fixtures", folder).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("missing fixture folder " + p);
        }
        return p;
    }

    /**
     * @param name an architecture under fixtures/applications, e.g. {@code DenseNet121}
     * @return its graph (the reader takes plain JSON, so the gzipped fixture is unpacked first)
     */
    public static ModelGraph application(String name) throws IOException {
        Path json = applicationFile(name);
        try {
            return KerasModels.open(json);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /**
     * @param name an architecture under fixtures/applications, e.g. {@code DenseNet121}
     * @return its config unpacked into a temporary JSON file, which the caller deletes
     */
    public static Path applicationFile(String name) throws IOException {
        Path gz = Path.of("..", "org.convscope.core.tests", "fixtures", "applications", name + ".json.gz");
        Path json = Files.createTempFile(name, ".json");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, json, StandardCopyOption.REPLACE_EXISTING);
        }
        return json;
    }

    /**
     * A Keras 2 functional config deeper than any real model: Dense layers with an Add joining
     * every third one to three back.
     *
     * @param layers how many layers, the input included
     * @return the config as JSON text
     */
    public static String syntheticConfig(int layers) {
        StringBuilder sb = new StringBuilder(
                "{\"class_name\": \"Functional\", \"config\": {\"name\": \"synthetic\", \"layers\": [");
        sb.append(
                "{\"class_name\": \"InputLayer\", \"name\": \"l0\", \"config\": {\"batch_input_shape\": [null, 8], \"name\": \"l0\"}, \"inbound_nodes\": []}");
        for (int i = 1; i < layers; i++) {
            boolean add = i % 3 == 0;
            sb.append(", {\"class_name\": \"").append(add ? "Add" : "Dense").append("\", \"name\": \"l").append(i)
                    .append("\", \"config\": {\"name\": \"l").append(i).append('"').append(add ? "" : ", \"units\": 8")
                    .append("}, \"inbound_nodes\": [[[\"l").append(i - 1).append("\", 0, 0, {}]");
            if (add) {
                sb.append(", [\"l").append(i - 3).append("\", 0, 0, {}]");
            }
            sb.append("]]}");
        }
        sb.append("], \"input_layers\": [[\"l0\", 0, 0]], \"output_layers\": [[\"l").append(layers - 1)
                .append("\", 0, 0]]}, \"keras_version\": \"2.13.1\"}");
        return sb.toString();
    }
    /**
     * A Keras 2 functional config of residual blocks named as Keras applications name theirs, so
     * the graph has blocks to fold: an input, then per block {@code b} twelve pairs of
     * {@code block<b>_<j>_dense} (Dense, 8 units) and {@code block<b>_<j>_relu} (Activation), and
     * {@code block<b>_add} adding the block's input. 400 blocks make 10,001 layers, the issue's
     * 10,000-layer model (releng/benchmarks/make_big_model.py writes the same as a .keras file).
     *
     * @param blocks how many blocks
     * @return the config as JSON text
     */
    public static String residualConfig(int blocks) {
        StringBuilder sb = new StringBuilder(
                "{\"class_name\": \"Functional\", \"config\": {\"name\": \"residual\", \"layers\": [");
        sb.append("{\"class_name\": \"InputLayer\", \"name\": \"input\", \"config\": "
                + "{\"batch_input_shape\": [null, 8], \"name\": \"input\"}, \"inbound_nodes\": []}");
        String in = "input";
        for (int b = 1; b <= blocks; b++) {
            String previous = in;
            for (int j = 1; j <= 12; j++) {
                String dense = "block" + b + "_" + j + "_dense";
                String relu = "block" + b + "_" + j + "_relu";
                layer(sb, "Dense", dense, "\"units\": 8", previous);
                layer(sb, "Activation", relu, "\"activation\": \"relu\"", dense);
                previous = relu;
            }
            String add = "block" + b + "_add";
            layer(sb, "Add", add, null, in, previous);
            in = add;
        }
        sb.append("], \"input_layers\": [[\"input\", 0, 0]], \"output_layers\": [[\"").append(in)
                .append("\", 0, 0]]}, \"keras_version\": \"2.13.1\"}");
        return sb.toString();
    }

    private static void layer(StringBuilder sb, String cls, String name, String config, String... inputs) {
        sb.append(", {\"class_name\": \"").append(cls).append("\", \"name\": \"").append(name)
                .append("\", \"config\": {\"name\": \"").append(name).append('"')
                .append(config == null ? "" : ", " + config).append("}, \"inbound_nodes\": [[");
        for (int i = 0; i < inputs.length; i++) {
            sb.append(i > 0 ? ", " : "").append("[\"").append(inputs[i]).append("\", 0, 0, {}]");
        }
        sb.append("]]}");
    }
}
