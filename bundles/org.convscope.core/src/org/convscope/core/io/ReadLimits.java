package org.convscope.core.io;

/**
 * Bounds that keep reading a hostile or damaged file from exhausting memory. Sizes a file
 * declares are checked against these before anything is allocated.
 *
 * @param maxWeightElements the most elements one weight may have
 * @param maxEntryBytes     the most bytes one zip entry or JSON document may take in memory
 * @param maxZipEntries     the most entries a {@code .keras} archive may list
 */
public record ReadLimits(long maxWeightElements, long maxEntryBytes, int maxZipEntries) {

    /** Limits that fit every real Keras model: 2^31-1 elements, 2 GiB entries, 10 000 entries. */
    public static final ReadLimits DEFAULT = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 10_000);

    public ReadLimits {
        if (maxWeightElements < 0 || maxEntryBytes < 0 || maxZipEntries < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }
}
