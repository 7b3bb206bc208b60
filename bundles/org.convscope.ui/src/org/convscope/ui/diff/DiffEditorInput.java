package org.convscope.ui.diff;

import java.nio.file.Path;
import java.util.Objects;

import org.convscope.ui.ComputedEditorInput;

/**
 * What a compare-models editor shows: two model files, A and B. Opening the same pair again brings
 * its editor to the front.
 *
 * @param a the first model's file
 * @param b the second's
 */
public record DiffEditorInput(Path a, Path b) implements ComputedEditorInput {

    public DiffEditorInput {
        a = Objects.requireNonNull(a, "a").toAbsolutePath().normalize();
        b = Objects.requireNonNull(b, "b").toAbsolutePath().normalize();
    }

    @Override
    public String getName() {
        return Messages.bind(Messages.editorName, a.getFileName(), b.getFileName());
    }

    @Override
    public String getToolTipText() {
        return a + " \u2194 " + b;
    }
}
