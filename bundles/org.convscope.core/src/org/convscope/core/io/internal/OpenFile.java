package org.convscope.core.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import org.convscope.core.text.MessageBundles;

/**
 * The file behind a weight store: loaders check it is still open, so that a late load gives a
 * clear error instead of a failure deep inside a parser.
 */
public final class OpenFile implements AutoCloseable {

    private final Path file;
    private final Closeable resource;
    private volatile boolean closed;

    /**
     * @param file     the file shown in messages
     * @param resource what to close, may be null
     */
    public OpenFile(Path file, Closeable resource) {
        this.file = file;
        this.resource = resource;
    }

    /** @return the file shown in messages */
    public Path file() {
        return file;
    }

    /** @throws IOException if the store was closed */
    public void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(MessageBundles.bind(Messages.weightsClosed, file.getFileName()));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (resource != null) {
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                // Nothing was written, so a failing close loses nothing.
            }
        }
    }
}
