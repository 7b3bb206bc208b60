package org.convscope.ui.editor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.convscope.ui.LoadedModels;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IPath;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.IPersistableElement;

/**
 * A model file, as a {@link ModelEditor} shows it. Two inputs are equal when they name the same
 * file, however the path was spelt (links and {@code ..} resolved, see {@link LoadedModels#key}),
 * so opening a model that an editor shows already brings that editor to the front.
 */
public final class ModelEditorInput implements IEditorInput {

    private final Path file;
    private final Path key;

    /** @param file the model file, as the person named it */
    public ModelEditorInput(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.key = LoadedModels.key(file);
    }

    /**
     * The local file an editor input stands for: this class's own, or a path input. An Eclipse
     * IDE's {@code FileEditorInput} of a workspace file is a path input, and the IDE adapts its
     * {@code file:} URI inputs (File &gt; Open File) to one, so no IDE bundle is needed here.
     *
     * @param input an editor input
     * @return the file, or empty when the input names no local file (a remote or virtual resource)
     */
    public static Optional<Path> fileOf(IEditorInput input) {
        if (input instanceof ModelEditorInput own) {
            return Optional.of(own.file);
        }
        IPathEditorInput paths = Adapters.adapt(input, IPathEditorInput.class);
        if (paths == null) {
            return Optional.empty();
        }
        try {
            IPath path = paths.getPath();
            return path == null ? Optional.empty() : Optional.of(path.toPath());
        } catch (IllegalArgumentException e) {
            // FileEditorInput: a resource whose file system has no local copy
            return Optional.empty();
        }
    }

    /** @return the model file, as the person named it (made absolute) */
    public Path file() {
        return file;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return String.valueOf(file.getFileName());
    }

    @Override
    public IPersistableElement getPersistable() {
        // not reopened at the next start: that start opens the model named on its command line
        return null;
    }

    @Override
    public String getToolTipText() {
        return file.toString();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelEditorInput other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key);
    }

    @Override
    public String toString() {
        return "ModelEditorInput[" + file + "]";
    }
}
