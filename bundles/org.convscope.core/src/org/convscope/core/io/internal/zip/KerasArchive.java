package org.convscope.core.io.internal.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.convscope.core.io.ModelFormat;
import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.RawModel;
import org.convscope.core.io.ReadLimits;
import org.convscope.core.io.WeightStore;
import org.convscope.core.io.internal.JsonFiles;
import org.convscope.core.io.internal.KerasConfigs;
import org.convscope.core.io.internal.Sizes;
import org.convscope.core.io.internal.hdf5.KerasH5;
import org.convscope.core.text.MessageBundles;

/**
 * Reads a Keras 3 {@code .keras} archive in place: {@code config.json}, {@code metadata.json}
 * and {@code model.weights.h5}. Nothing is extracted to disk. Keras stores entries uncompressed,
 * so the weights entry is memory-mapped where it lies; a compressed entry is inflated into memory
 * within the size limit.
 */
public final class KerasArchive {

    private static final String CONFIG = "config.json";
    private static final String METADATA = "metadata.json";
    private static final String WEIGHTS = "model.weights.h5";
    /** Keras configs stay below a few MiB even for the largest applications; more is damage. */
    private static final long MAX_JSON = 64L << 20;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    /** A mapping holds at most 2 GiB; a larger stored weights entry is read through a channel. */
    static final long MAP_LIMIT = Integer.MAX_VALUE - 8;

    private KerasArchive() {
    }

    /** When the weights' structure is read, against the config's parse. */
    private enum Walk {
        /** Before returning. */
        AWAITED,
        /** On a thread of its own, while the config is parsed; may go on after returning. */
        OVERLAPPED,
        /** On a thread of its own once someone asks for the weights (or whether they are read). */
        DEFERRED
    }

    /** Reads the archive; the returned model keeps the weights mapped for lazy loading. */
    public static RawModel read(Path file, ReadLimits limits) throws IOException {
        return read(file, limits, MAP_LIMIT, Walk.AWAITED);
    }

    /**
     * Reads the archive and returns while the weights' structure may still be being read: the
     * model's weights are then a {@link PendingWeightStore}, whose {@code await()} tells what that
     * read found.
     */
    public static RawModel readOverlapped(Path file, ReadLimits limits) throws IOException {
        return read(file, limits, MAP_LIMIT, Walk.OVERLAPPED);
    }

    /**
     * Reads the archive's config and leaves its weights' structure to be read when first asked
     * for (their {@link PendingWeightStore}'s {@code structureRead()}, {@code weights} or
     * {@code await()}), from the file opened again then: whoever needs the graph first gets both
     * cores for it.
     */
    public static RawModel readDeferred(Path file, ReadLimits limits) throws IOException {
        return read(file, limits, MAP_LIMIT, Walk.DEFERRED);
    }

    /** @param mapLimit the largest stored weights entry to memory-map */
    static RawModel read(Path file, ReadLimits limits, long mapLimit) throws IOException {
        return read(file, limits, mapLimit, Walk.AWAITED);
    }

    /**
     * @param mapLimit the largest stored weights entry to memory-map
     * @param when     when the weights' structure is read
     */
    private static RawModel read(Path file, ReadLimits limits, long mapLimit, Walk when) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ZipDirectory zip = new ZipDirectory(file, channel);
            Map<String, ZipDirectory.Entry> entries = new LinkedHashMap<>();
            for (ZipDirectory.Entry e : zip.entries(limits)) {
                entries.put(e.name(), e);
            }
            ZipDirectory.Entry configEntry = entries.get(CONFIG);
            if (configEntry == null) {
                throw new ModelFormatException(file,
                        MessageBundles.bind(Messages.noConfig, sample(entries.keySet().stream().toList())));
            }
            ZipDirectory.Entry weightsEntry = entries.get(WEIGHTS);
            // The weights' structure is walked on a thread of its own while the config is parsed:
            // for a model of thousands of layers each takes about as long as the other.
            CompletableFuture<Object> parsed = new CompletableFuture<>();
            CountDownLatch released = new CountDownLatch(1);
            WeightWalk walk = weightsEntry == null || when == Walk.DEFERRED
                    ? null
                    : WeightWalk.start(() -> weights(file, channel, zip, weightsEntry, parsed::join, limits, mapLimit,
                            released::countDown));
            Map<String, String> attributes = new LinkedHashMap<>();
            Object config;
            try {
                config = JsonFiles.parse(file, CONFIG, text(file, CONFIG,
                        bytes(file, channel, zip, configEntry, Math.min(MAX_JSON, limits.maxEntryBytes()))));
                parsed.complete(config);
                ZipDirectory.Entry metadataEntry = entries.get(METADATA);
                if (metadataEntry != null) {
                    Object metadata = JsonFiles.parse(file, METADATA, text(file, METADATA,
                            bytes(file, channel, zip, metadataEntry, Math.min(MAX_JSON, limits.maxEntryBytes()))));
                    for (String key : List.of("keras_version", "date_saved")) {
                        String value = KerasConfigs.string(metadata, key);
                        if (value != null) {
                            attributes.put(key, value);
                        }
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                parsed.completeExceptionally(e);
                if (walk != null) {
                    walk.discard();
                }
                throw e;
            }
            WeightStore weights;
            if (weightsEntry != null && when == Walk.DEFERRED) {
                Object parsedConfig = config;
                weights = new PendingWeightStore(WeightWalk.deferred(() -> {
                    // the archive's channel is closed by then: the walk opens the file again
                    try (FileChannel again = FileChannel.open(file, StandardOpenOption.READ)) {
                        return weights(file, again, new ZipDirectory(file, again), weightsEntry, () -> parsedConfig,
                                limits, mapLimit, () -> {
                                    // nothing waits for this channel
                                });
                    }
                }));
            } else if (walk == null) {
                weights = WeightStore.empty();
            } else if (when == Walk.AWAITED) {
                weights = walk.join();
            } else {
                // The walk goes on after this returns; it needs the archive's channel only to map
                // (or inflate) its entry, and a mapping outlives the channel it came from.
                weights = new PendingWeightStore(walk);
                awaitUninterruptibly(released);
            }
            String version = attributes.get("keras_version");
            String detail = version == null
                    ? Messages.formatArchive
                    : MessageBundles.bind(Messages.formatArchiveVersion, version);
            return new RawModel(file, ModelFormat.KERAS_V3, detail, config, attributes, weights);
        }
    }

    /** Waits for {@code latch}, keeping an interrupt for the caller. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param released called once the archive's {@code channel} is no longer needed (the entry
     *                 mapped or inflated), whether that went well or not: the caller may close it
     */
    private static WeightStore weights(Path file, FileChannel channel, ZipDirectory zip, ZipDirectory.Entry entry,
            Supplier<Object> config, ReadLimits limits, long mapLimit, Runnable released) throws IOException {
        long start;
        ByteBuffer data = null;
        try {
            if (entry.method() != STORED || entry.size() <= mapLimit) {
                start = entry.method() == STORED ? zip.dataOffset(entry) : -1;
                data = bytes(file, channel, zip, entry, limits.maxEntryBytes());
            } else {
                if (entry.compressedSize() != entry.size()) {
                    throw new ModelFormatException(file,
                            MessageBundles.bind(Messages.storedSizesDiffer, entry.name()));
                }
                start = zip.dataOffset(entry);
            }
        } finally {
            released.run();
        }
        if (data != null) {
            return KerasH5.archiveWeights(data, start, file, WEIGHTS, config, limits);
        }
        // The weight store outlives this method, so it gets a channel of its own.
        FileChannel own = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return KerasH5.archiveWeights(new RegionChannel(own, start, entry.size()), start, file, WEIGHTS, config,
                    limits);
        } catch (IOException | RuntimeException | Error e) {
            own.close();
            throw e;
        }
    }

    /** @return the entry's bytes: a mapped slice of the file if stored, inflated into memory if deflated */
    private static ByteBuffer bytes(Path file, FileChannel channel, ZipDirectory zip, ZipDirectory.Entry entry,
            long limit) throws IOException {
        if (entry.size() > limit || entry.size() > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.entryTooLarge, entry.name(), entry.size(),
                    Math.min(limit, Integer.MAX_VALUE - 8)));
        }
        long start = zip.dataOffset(entry);
        switch (entry.method()) {
            case STORED :
                if (entry.compressedSize() != entry.size()) {
                    throw new ModelFormatException(file, MessageBundles.bind(Messages.storedSizesDiffer, entry.name()));
                }
                return channel.map(FileChannel.MapMode.READ_ONLY, start, entry.size());
            case DEFLATED :
                // DEFLATE shrinks at most about 1032:1; a larger claim is damage, not data.
                if (entry.size() > Sizes.multiply(entry.compressedSize(), 1100) + 1024) {
                    throw new ModelFormatException(file,
                            MessageBundles.bind(Messages.entryClaims, entry.name(), entry.size(),
                                    entry.compressedSize()));
                }
                Sizes.checkHeapBytes(file, MessageBundles.bind(Messages.entry, entry.name()), entry.size());
                return inflate(file, channel.map(FileChannel.MapMode.READ_ONLY, start, entry.compressedSize()),
                        entry);
            default :
                throw new ModelFormatException(file,
                        MessageBundles.bind(Messages.unreadMethod, entry.name(), entry.method()));
        }
    }

    /**
     * Inflates an entry into a buffer of its declared size. The data is first inflated into a
     * small scratch buffer and only counted, so that a size claimed by a damaged directory costs
     * nothing before the data shows it false; the declared size then bounds the buffer, and data
     * that inflates to more is refused, not grown into.
     */
    private static ByteBuffer inflate(Path file, ByteBuffer compressed, ZipDirectory.Entry entry)
            throws ModelFormatException {
        inflateInto(file, compressed.duplicate(), entry, null);
        byte[] out = new byte[(int) entry.size()];
        inflateInto(file, compressed.duplicate(), entry, out);
        return ByteBuffer.wrap(out);
    }

    /** Inflates into {@code out}, or only counts when it is null; checks the declared size. */
    private static void inflateInto(Path file, ByteBuffer compressed, ZipDirectory.Entry entry, byte[] out)
            throws ModelFormatException {
        byte[] scratch = out == null ? new byte[1 << 16] : null;
        long size = entry.size();
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            long n = 0;
            while (n < size && !inflater.finished()) {
                int got = out != null
                        ? inflater.inflate(out, (int) n, (int) (size - n))
                        : inflater.inflate(scratch, 0, (int) Math.min(scratch.length, size - n));
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            boolean more = !inflater.finished() && inflater.inflate(new byte[1]) > 0;
            if (n != size || more) {
                throw new ModelFormatException(file, more
                        ? MessageBundles.bind(Messages.inflatesToMore, entry.name(), size)
                        : MessageBundles.bind(Messages.inflatesTo, entry.name(), n, size));
            }
        } catch (DataFormatException e) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.corruptData, entry.name()), e);
        } finally {
            inflater.end();
        }
    }

    private static String text(Path file, String entry, ByteBuffer bytes) throws ModelFormatException {
        return JsonFiles.text(file, entry, bytes);
    }

    private static String sample(List<String> names) {
        if (names.isEmpty()) {
            return Messages.noEntries;
        }
        String shown = names.stream().limit(3).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        return names.size() > 3 ? MessageBundles.bind(Messages.andMore, shown, names.size() - 3) : shown;
    }
}
