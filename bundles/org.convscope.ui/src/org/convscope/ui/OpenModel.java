package org.convscope.ui;

import java.nio.file.Path;
import java.util.Objects;

import org.convscope.core.model.ModelGraph;

/**
 * The model the workbench has open: the data of {@link ModelEvents#MODEL_OPENED}. Immutable, so
 * every part may keep it.
 *
 * @param file  the file it was read from
 * @param graph its graph model (weights load lazily)
 */
public record OpenModel(Path file, ModelGraph graph) {

    public OpenModel {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(graph, "graph");
    }

    /** @return the file's name, as the window title and dialogs show it */
    public String fileName() {
        return file.getFileName().toString();
    }
}
