package org.convscope.engine.analysis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.PatternStore;

/**
 * Filter patterns kept on disk, so that a layer's atlas opened again costs a read: one folder per
 * model content (the file's bytes, and for a TensorFlow.js {@code model.json} its weight shards)
 * and preprocessing, one file per (layer, filter, copy, options, directions). Never beside the
 * model: in the user's cache folder ({@link #defaultFolder}). Unreadable or unwritable entries are
 * passed over in silence: the patterns are then computed, as without a cache.
 */
public final class PatternCache implements PatternStore {

    /** Bumped when what a pattern holds, or how a preset computes it, changes. */
    private static final String FORMAT = "convscope-patterns-1";
    private static final Pattern SHARDS = Pattern.compile("\"paths\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private final Path folder;

    private PatternCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The user's cache folder: {@code $CONVSCOPE_CACHE} when set, else
     * {@code $XDG_CACHE_HOME/convscope}, else {@code ~/.cache/convscope}; patterns go in its
     * {@code patterns} folder.
     */
    public static Path defaultFolder(Map<String, String> env) {
        String own = env.get("CONVSCOPE_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("convscope");
    }

    /**
     * @param root          the cache folder ({@link #defaultFolder} or one the person named)
     * @param modelFile     the model, hashed by content
     * @param preprocessing the preprocessing the patterns are made with
     * @return the cache of this model's patterns
     * @throws IOException when the model cannot be read
     */
    public static PatternCache of(Path root, Path modelFile, Preprocessing preprocessing) throws IOException {
        MessageDigest d = sha256();
        d.update(FORMAT.getBytes(StandardCharsets.UTF_8));
        d.update(preprocessing.name().getBytes(StandardCharsets.UTF_8));
        for (Path f : modelFiles(modelFile)) {
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    d.update(buf, 0, n);
                }
            }
        }
        return new PatternCache(root.resolve("patterns").resolve(HexFormat.of().formatHex(d.digest(), 0, 16)));
    }

    /** @return the folder this model's patterns are kept in */
    public Path folder() {
        return folder;
    }

    /** @return the model file, and for a TensorFlow.js model.json the weight shards it names */
    private static List<Path> modelFiles(Path modelFile) throws IOException {
        List<Path> out = new ArrayList<>(List.of(modelFile));
        if (modelFile.getFileName().toString().endsWith(".json")) {
            String json = Files.readString(modelFile, StandardCharsets.UTF_8);
            Matcher m = SHARDS.matcher(json);
            Path dir = modelFile.toAbsolutePath().getParent();
            while (m.find()) {
                Matcher q = QUOTED.matcher(m.group(1));
                while (q.find()) {
                    Path shard = dir.resolve(q.group(1));
                    if (Files.isRegularFile(shard)) {
                        out.add(shard);
                    }
                }
            }
        }
        return out;
    }

    private Path entry(String layer, int filter, int copy, FilterPatternOptions options, String directions) {
        MessageDigest d = sha256();
        // the batch size does not change the pictures
        String key = layer + '\n' + options.withBatchSize(1) + '\n' + directions;
        d.update(key.getBytes(StandardCharsets.UTF_8));
        String name = HexFormat.of().formatHex(d.digest(), 0, 12);
        return folder.resolve(name).resolve(filter + "-" + copy + ".pattern.gz");
    }

    @Override
    public FilterPattern get(String layer, int filter, int copy, FilterPatternOptions options, String directions) {
        Path f = entry(layer, filter, copy, options, directions);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(new GZIPInputStream(Files.newInputStream(f))))) {
            if (!in.readUTF().equals(FORMAT) || !in.readUTF().equals(layer) || in.readInt() != filter) {
                return null;
            }
            int w = in.readInt();
            int h = in.readInt();
            int[] argb = new int[w * h];
            for (int i = 0; i < argb.length; i++) {
                argb[i] = in.readInt();
            }
            int[] shape = new int[in.readInt()];
            int size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.readInt();
                size *= shape[i];
            }
            float[] data = new float[size];
            for (int i = 0; i < size; i++) {
                data[i] = in.readFloat();
            }
            float[] losses = new float[in.readInt()];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = in.readFloat();
            }
            boolean dead = in.readBoolean();
            return new FilterPattern(layer, filter, new RgbImage(w, h, argb), new Tensor(data, shape), losses, dead);
        } catch (IOException | RuntimeException e) {
            // a damaged or foreign entry is computed again, and overwritten
            return null;
        }
    }

    @Override
    public void put(String layer, int filter, int copy, FilterPatternOptions options, String directions,
            FilterPattern p) {
        Path f = entry(layer, filter, copy, options, directions);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), "pattern", ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(
                            new BufferedOutputStream(new GZIPOutputStream(raw)))) {
                out.writeUTF(FORMAT);
                out.writeUTF(layer);
                out.writeInt(filter);
                out.writeInt(p.tile().width());
                out.writeInt(p.tile().height());
                for (int v : p.tile().argb()) {
                    out.writeInt(v);
                }
                int[] shape = p.image().shape();
                out.writeInt(shape.length);
                for (int v : shape) {
                    out.writeInt(v);
                }
                for (float v : p.image().data()) {
                    out.writeFloat(v);
                }
                out.writeInt(p.losses().length);
                for (float v : p.losses()) {
                    out.writeFloat(v);
                }
                out.writeBoolean(p.dead());
            }
            // whole entries only: a reader never sees half a file
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next run its time
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
