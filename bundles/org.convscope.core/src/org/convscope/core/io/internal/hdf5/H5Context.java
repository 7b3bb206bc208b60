package org.convscope.core.io.internal.hdf5;

import java.nio.file.Path;

import org.convscope.core.io.ReadLimits;
import org.convscope.core.io.internal.OpenFile;

/**
 * What readers of one HDF5 file share.
 *
 * @param file      the file shown in messages
 * @param prefix    put before problems, e.g. {@code "model.weights.h5: "} inside an archive, or empty
 * @param dataBytes how many bytes the HDF5 data has, the most any weight can occupy
 * @param open      the open file, closed with the weight store
 * @param limits    size bounds
 * @param onDisk    the file the HDF5 bytes lie in, to read large weights ahead; null when they are
 *                  in memory
 * @param base      where HDF5 address 0 lies in {@code onDisk}
 * @param heaps     reads string attributes from the data in memory, or null to read them through
 *                  jhdf alone
 */
record H5Context(Path file, String prefix, long dataBytes, OpenFile open, ReadLimits limits, Path onDisk,
        long base, GlobalHeaps heaps) {

    H5Context(Path file, String prefix, long dataBytes, OpenFile open, ReadLimits limits, Path onDisk, long base) {
        this(file, prefix, dataBytes, open, limits, onDisk, base, null);
    }

    String damaged() {
        return prefix + Messages.damagedFile;
    }
}
