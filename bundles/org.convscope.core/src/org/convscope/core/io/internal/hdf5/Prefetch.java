package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.jhdf.api.Dataset;

/**
 * Reads a large weight's bytes ahead, on a thread of its own, while jhdf copies them out of its
 * memory mapping. From a cold disk jhdf's copy waits on a page fault per small read; with the
 * bytes already read in large sequential requests the copy runs from memory, so reading a weight
 * takes about as long as the disk needs for it rather than the disk's time plus the copy's.
 *
 * <p>Only a hint to the operating system: what is read here is thrown away, and a wrong guess of
 * where the bytes lie costs time, never correctness.
 */
final class Prefetch implements AutoCloseable {

    /** Below this, a thread costs more than it saves. */
    private static final long MIN_BYTES = 8L << 20;
    private static final int CHUNK = 4 << 20;
    private static final Prefetch NONE = new Prefetch();

    private volatile boolean done;

    /**
     * @param file  the file holding the HDF5 data, or null when it is in memory
     * @param base  where HDF5 address 0 lies in {@code file}
     * @param ds    the dataset about to be read
     * @param bytes its size
     * @return a running prefetch, or one that does nothing when there is nothing to gain
     */
    static Prefetch start(Path file, long base, Dataset ds, long bytes) {
        if (file == null || bytes < MIN_BYTES || !ds.getFilters().isEmpty()) {
            return NONE;
        }
        long address = contiguousAddress(ds);
        if (address < 0) {
            return NONE;
        }
        Prefetch[] self = new Prefetch[1];
        Thread t = new Thread(() -> read(file, base + address, bytes, self[0]), "convscope-prefetch");
        t.setDaemon(true);
        self[0] = new Prefetch();
        t.start();
        return self[0];
    }

    private static void read(Path file, long from, long bytes, Prefetch owner) {
        ByteBuffer scratch = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = from; at < from + bytes && !owner.done;) {
                scratch.clear().limit((int) Math.min(CHUNK, from + bytes - at));
                int n = ch.read(scratch, at);
                if (n < 0) {
                    return;
                }
                at += n;
            }
        } catch (IOException e) {
            // a hint only: the real read reports what is wrong with the file
        }
    }

    /**
     * jhdf's interface for a contiguous dataset's address is in a package its bundle does not
     * export, so it is asked for by name.
     *
     * @return the address of a contiguous dataset's data, or -1 for another layout
     */
    private static long contiguousAddress(Dataset ds) {
        try {
            Object address = ds.getClass().getMethod("getDataAddress").invoke(ds);
            return address instanceof Long a ? a : -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops reading ahead: the weight has been read. */
    @Override
    public void close() {
        done = true;
    }
}
