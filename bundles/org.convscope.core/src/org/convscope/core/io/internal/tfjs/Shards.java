package org.convscope.core.io.internal.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.text.MessageBundles;

/**
 * The binary shard files of one weights-manifest group, read as one concatenated byte sequence
 * as TensorFlow.js writes them. Files are opened per read, so nothing stays open between loads.
 */
final class Shards {

    private final Path manifest;
    private final List<Path> files = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private long total;

    /**
     * @param manifest the model.json, shown in messages and the base for relative paths
     * @param paths    the group's {@code paths}, in order
     */
    Shards(Path manifest, List<String> paths) throws IOException {
        this.manifest = manifest;
        Path dir = manifest.toAbsolutePath().getParent();
        for (String p : paths) {
            String n = p.replace('\\', '/');
            if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || List.of(n.split("/")).contains("..")) {
                throw new ModelFormatException(manifest, MessageBundles.bind(Messages.unsafeShardPath, p));
            }
            Path shard = dir.resolve(n);
            if (!Files.isRegularFile(shard)) {
                throw new ModelFormatException(manifest, MessageBundles.bind(Messages.missingShard, p, dir));
            }
            files.add(shard);
            starts.add(total);
            total += Files.size(shard);
        }
    }

    /** @return the bytes of all shards together */
    long total() {
        return total;
    }

    /** @return {@code length} bytes from {@code offset} of the concatenated shards */
    ByteBuffer read(long offset, int length) throws IOException {
        if (offset < 0 || offset + length > total) {
            throw new ModelFormatException(manifest, MessageBundles.bind(Messages.shortShards, offset + length, total));
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (int i = 0; i < files.size() && out.hasRemaining(); i++) {
            long start = starts.get(i);
            long end = i + 1 < starts.size() ? starts.get(i + 1) : total;
            long from = offset + out.position();
            if (from >= end) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                int want = (int) Math.min(out.remaining(), end - from);
                ByteBuffer part = out.slice().limit(want);
                while (part.hasRemaining()) {
                    if (ch.read(part, from - start + part.position()) < 0) {
                        throw new ModelFormatException(manifest,
                                MessageBundles.bind(Messages.shardShrank, files.get(i).getFileName()));
                    }
                }
                out.position(out.position() + want);
            }
        }
        out.flip();
        return out;
    }
}
