package org.convscope.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * Input files for the Activation view, posted on {@link ModelEvents#INPUTS_CHOSEN} (the images
 * named on the command line, {@code convscope MODEL IMAGE...}). The view offers them, makes the
 * first one its input, and runs the model on it once {@code model} is the model it shows.
 *
 * @param model the model file the inputs are for
 * @param files the input files, at least one
 */
public record InputChoice(Path model, List<Path> files) {

    /** Copies {@code files}, made absolute; there must be at least one. */
    public InputChoice {
        model = model.toAbsolutePath().normalize();
        files = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
    }

    /** @return whether {@code file} is the model these inputs are for, by whatever path it was opened */
    public boolean isFor(Path file) {
        return file != null && LoadedModels.key(model).equals(LoadedModels.key(file));
    }
}
