package org.convscope.core.io.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.text.MessageBundles;

/**
 * Turns whatever a low-level parser throws on a damaged file into a {@link ModelFormatException}.
 * Parsers of binary formats fail in many ways (index errors, buffer underflows, their own
 * exception types, a huge allocation); the user must see one line naming the file instead.
 */
public final class Guard {

    /** Work that may fail on a damaged file. */
    @FunctionalInterface
    public interface Action<T> {

        T run() throws IOException;
    }

    private Guard() {
    }

    /**
     * Runs {@code action}, reporting any failure as a damaged file.
     *
     * @param file   the file shown in the message
     * @param damage what to call the damage, e.g. {@code "damaged HDF5 file"}
     * @param what   what was being read, e.g. {@code "the model_config attribute"}
     */
    public static <T> T run(Path file, String damage, String what, Action<T> action) throws IOException {
        return run(file, damage, () -> what, action);
    }

    /**
     * As {@link #run(Path, String, String, Action)}, with what was being read told only when it
     * failed: walks over thousands of HDF5 groups name each group this way, and building every
     * group's path for a message that is almost never shown cost a tenth of opening a large model.
     */
    public static <T> T run(Path file, String damage, Supplier<String> what, Action<T> action) throws IOException {
        try {
            return action.run();
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new ModelFormatException(file,
                    MessageBundles.bind(Messages.cannotRead, damage, what.get(), describe(e)), e);
        } catch (OutOfMemoryError e) {
            // A single oversized allocation fails before the heap fills, so the program can go on.
            throw new ModelFormatException(file,
                    MessageBundles.bind(Messages.claimsTooMuchMemory, damage, what.get()), e);
        }
    }

    /** @return a short one-line description of a low-level error, for the end of a message */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        message = message.replaceAll("\\s+", " ").strip();
        if (message.length() > 120) {
            message = message.substring(0, 117) + "...";
        }
        return name + ": " + message;
    }
}
