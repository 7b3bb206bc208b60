package org.convscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.io.ModelFormatException;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.analysis.InputException;

/** Turns an I/O failure or an analysis's refusal into the one line a person reads, naming the file. */
final class Problems {

    /** A command's work on one model. */
    @FunctionalInterface
    interface Work {

        int run() throws IOException;
    }

    private Problems() {
    }

    /**
     * Runs a command's work on {@code model}; what the analysis refuses names the model first, as
     * a bad file does. {@link Main} prints it.
     *
     * @return the work's exit code
     * @throws AnalysisException with the model's file name before the analysis's message, unless the
     *                           message names its input already ({@link InputException})
     */
    static int about(Path model, Work work) throws IOException {
        try {
            return work.run();
        } catch (InputException e) {
            // names its input already
            throw e;
        } catch (AnalysisException e) {
            throw new AnalysisException(MessageBundles.bind(Messages.fileProblem, model.getFileName(), e.getMessage()),
                    e);
        }
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
