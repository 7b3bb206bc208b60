package org.convscope.ui.atlas;

import java.util.Objects;

import org.convscope.ui.ComputedEditorInput;

/**
 * What an atlas editor shows: a scan store, read. Two inputs are equal when they name the same
 * store file, so opening a store twice brings its editor to the front.
 *
 * @param open  the store and what was found around it
 * @param layer the layer to show first, or null for the store's first
 */
public record AtlasEditorInput(OpenAtlas open, String layer) implements ComputedEditorInput {

    public AtlasEditorInput {
        Objects.requireNonNull(open, "open");
    }

    @Override
    public String getName() {
        return String.valueOf(open.atlas().file().getFileName());
    }

    @Override
    public String getToolTipText() {
        return open.atlas().file() + " \u00b7 " + open.atlas().modelFile();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtlasEditorInput i
                && i.open.atlas().file().toAbsolutePath().normalize()
                        .equals(open.atlas().file().toAbsolutePath().normalize());
    }

    @Override
    public int hashCode() {
        return open.atlas().file().toAbsolutePath().normalize().hashCode();
    }
}
