package org.convscope.engine.visualize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.convscope.core.tensor.Tensor;

/** Class names for a model's outputs: ImageNet's for 1000-way models, or a file of one name per line. */
public final class ClassLabels {

    private static final String IMAGENET = "/labels/imagenet.txt";
    private static final int IMAGENET_CLASSES = 1000;
    private static volatile List<String> imagenet;

    private ClassLabels() {
    }

    /** @return ImageNet's 1000 class names, in Keras's class order */
    public static List<String> imagenet() {
        List<String> l = imagenet;
        if (l == null) {
            // the names ship in the core bundle, so load them through one of its classes
            try (InputStream in = Tensor.class.getResourceAsStream(IMAGENET)) {
                if (in == null) {
                    throw new IllegalStateException(IMAGENET + " missing from the core bundle");
                }
                l = lines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            imagenet = l;
        }
        return l;
    }

    /** @return the known label set for a model with {@code classes} outputs (ImageNet for 1000) */
    public static Optional<List<String>> forClassCount(int classes) {
        return classes == IMAGENET_CLASSES ? Optional.of(imagenet()) : Optional.empty();
    }

    /**
     * Reads a labels file: one class name per line, in class order; blank trailing lines ignored.
     *
     * @throws IOException naming the file when it cannot be read
     */
    public static List<String> read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return lines(r);
        }
    }

    private static List<String> lines(BufferedReader r) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            out.add(line.strip());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return List.copyOf(out);
    }
}
