package org.convscope.ui.activations;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.json.Json;

/**
 * Which preprocessing a model wants, when the user has not fixed one: the metadata file that
 * Convscope's samples carry beside the model ({@code <stem>.json} with a {@code "preprocessing"}
 * key), else the model's family by name as {@code keras.applications} names it, else {@code rescale}
 * — the book's small convnets are trained on [0, 1].
 */
public final class PreprocessingGuess {

    private PreprocessingGuess() {
    }

    /**
     * @param modelFile the model file
     * @param modelName the model's name inside the file
     * @return the mode and where it came from
     */
    public static Guess forModel(Path modelFile, String modelName) {
        Optional<Preprocessing> meta = fromMetadata(modelFile);
        if (meta.isPresent()) {
            return new Guess(meta.get(), Source.METADATA);
        }
        return Preprocessing.forModelName(modelName).map(p -> new Guess(p, Source.FAMILY))
                .orElse(new Guess(Preprocessing.RESCALE, Source.FALLBACK));
    }

    /** Where a guess came from, so the view can say why a mode is pre-selected. */
    public enum Source {
        /** The user's preference. */
        PREFERENCE,
        /** The metadata file beside the model. */
        METADATA,
        /** The model's family, known by name. */
        FAMILY,
        /** Nothing known: the small-convnet default. */
        FALLBACK
    }

    /**
     * @param preprocessing the mode
     * @param source        why it was chosen
     */
    public record Guess(Preprocessing preprocessing, Source source) {
    }

    static Optional<Preprocessing> fromMetadata(Path modelFile) {
        Path name = modelFile.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString();
        int dot = n.lastIndexOf('.');
        Path meta = modelFile.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".json");
        if (meta.equals(modelFile) || !Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            // an architecture JSON beside weights is not metadata; only a top-level key counts
            if (Json.parse(r) instanceof Map<?, ?> m && m.get("preprocessing") instanceof String p) {
                return Optional.of(Preprocessing.named(p));
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable metadata is no reason to refuse the model: the other rules still apply
        }
        return Optional.empty();
    }
}
