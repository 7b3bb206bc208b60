package org.convscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.text.MessageBundles;

/** Turns an I/O failure into the one line a person reads, naming the file. */
final class Problems {

    private Problems() {
    }

    static String describe(IOException e) {
        if (e instanceof ModelFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException n) {
            return MessageBundles.bind(Messages.noSuchFile, n.getFile());
        }
        if (e instanceof AccessDeniedException d) {
            return MessageBundles.bind(Messages.permissionDenied, d.getFile());
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
