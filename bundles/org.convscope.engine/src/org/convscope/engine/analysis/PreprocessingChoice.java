package org.convscope.engine.analysis;

import java.util.Objects;

import org.convscope.core.image.Preprocessing;

/**
 * The preprocessing an analysis applies, and why: so that a view can say where a pre-selected mode
 * came from.
 *
 * @param preprocessing the mode
 * @param source        why it was chosen
 */
public record PreprocessingChoice(Preprocessing preprocessing, Source source) {

    /** Where a choice came from, strongest first. */
    public enum Source {
        /** The person: a command-line flag, the view's combo or the workbench preference. */
        CHOSEN,
        /** The side file beside the model ({@code <stem>.json} with a {@code "preprocessing"} key). */
        SIDE_FILE,
        /** The model's family, known by its name as {@code keras.applications} names it. */
        FAMILY,
        /** Nothing known: the small convnets' [0, 1] rescaling. */
        FALLBACK
    }

    public PreprocessingChoice {
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(source, "source");
    }
}
