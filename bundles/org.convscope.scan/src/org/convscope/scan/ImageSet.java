package org.convscope.scan;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.convscope.core.image.ImageLoadException;
import org.convscope.core.npy.Npy;
import org.convscope.core.text.MessageBundles;

/**
 * The images of a scan, in a fixed order, by name: a folder (searched recursively for JPEG, PNG,
 * BMP and GIF files and {@code .npy} batches, in the order of their relative paths), a list file
 * (one path a line, relative to the list's folder; blank lines and lines starting with {@code #}
 * skipped), or one {@code .npy} batch. Item {@code i} of a batch {@code FILE} is named
 * {@code FILE#i}. Only names are held, never pixels: one string a file (a {@code .npy} batch's
 * items share theirs), each file's path made from it when an item is asked for, so a set of
 * 100,000 images takes a few MB.
 */
public final class ImageSet {

    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(\\s*(\\d+)");
    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

    /**
     * One image of the set.
     *
     * @param name  its name in the store: the path relative to the folder or as the list gives it,
     *              with {@code #INDEX} for an item of a {@code .npy} batch
     * @param file  the file it is in
     * @param index its index in a {@code .npy} batch, -1 for an image file
     */
    public record Item(String name, Path file, int index) {
    }

    private final Path source;
    /** What the files' names are relative to. */
    private final Path base;
    /** The files, by name, in the set's order. */
    private final String[] files;
    /** The files that are {@code .npy} batches, by their index in {@link #files}; empty for most sets. */
    private final BitSet batches;
    /**
     * For a set with {@code .npy} batches, the index in the set after each file's last item; null
     * when every file is one image (the usual folder), so that item {@code i} is file {@code i}.
     */
    private final int[] ends;
    private final int size;

    /**
     * @param counts per file, the items of a {@code .npy} batch, or -1 for an image file
     */
    private ImageSet(Path source, Path base, List<String> files, int[] counts) {
        this.source = source;
        this.base = base;
        this.files = files.toArray(String[]::new);
        batches = new BitSet();
        int[] e = new int[counts.length];
        int at = 0;
        for (int i = 0; i < e.length; i++) {
            if (counts[i] >= 0) {
                batches.set(i);
            }
            at += counts[i] >= 0 ? counts[i] : 1;
            e[i] = at;
        }
        this.ends = batches.isEmpty() ? null : e;
        this.size = at;
    }

    /**
     * @param source a folder, a list file or a {@code .npy} batch
     * @throws IOException naming the file that is missing, unreadable or holds no image
     */
    public static ImageSet of(Path source) throws IOException {
        List<String> files = new ArrayList<>();
        Path base;
        if (Files.isDirectory(source)) {
            base = source;
            try (Stream<Path> walk = Files.walk(source)) {
                walk.filter(p -> isImage(p) || isNpyName(p)).filter(Files::isRegularFile)
                        .forEach(p -> files.add(name(source, p)));
            }
            files.sort(null);
        } else if (!Files.isRegularFile(source)) {
            throw new ImageLoadException(source, Messages.noSuchImages);
        } else if (Npy.isNpy(source) || isImage(source)) {
            // so that the item's file is the path given
            base = source.getParent() != null ? source.getParent() : Path.of("");
            files.add(String.valueOf(source.getFileName()));
        } else {
            base = source.toAbsolutePath().getParent();
            int line = 0;
            try (BufferedReader r = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    line++;
                    String entry = l.strip();
                    if (entry.isEmpty() || entry.startsWith("#")) {
                        continue;
                    }
                    if (!Files.isRegularFile(base.resolve(entry))) {
                        throw new ImageLoadException(source,
                                MessageBundles.bind(Messages.listEntryMissing, line, entry));
                    }
                    files.add(entry);
                }
            }
        }
        int[] counts = new int[files.size()];
        boolean folder = Files.isDirectory(source);
        for (int i = 0; i < counts.length; i++) {
            Path file = base.resolve(files.get(i));
            // a folder's images are known by their names (the walk took them so): opening each of
            // 10,000 files to look for a .npy header took as long as listing the folder
            counts[i] = (!folder || isNpyName(file)) && Npy.isNpy(file) ? batchSize(file) : -1;
        }
        ImageSet set = new ImageSet(source, base, files, counts);
        if (set.size == 0) {
            throw new ImageLoadException(source, Messages.noImages);
        }
        return set;
    }

    private static String name(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isImage(Path p) {
        String n = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static boolean isNpyName(Path p) {
        return String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** The first axis of a {@code .npy} batch, from its header alone (the data stays on disk). */
    private static int batchSize(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(in)) {
            byte[] head = new byte[8];
            d.readFully(head);
            int major = head[6];
            int length = major == 1
                    ? d.readUnsignedByte() | d.readUnsignedByte() << 8
                    : d.readUnsignedByte() | d.readUnsignedByte() << 8 | d.readUnsignedByte() << 16
                            | d.readUnsignedByte() << 24;
            if (length < 0 || length > 1 << 20) {
                throw new ImageLoadException(file, Messages.npyHeader);
            }
            byte[] header = new byte[length];
            d.readFully(header);
            Matcher m = SHAPE.matcher(new String(header, StandardCharsets.ISO_8859_1));
            if (!m.find()) {
                throw new ImageLoadException(file, Messages.npyNotBatch);
            }
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new ImageLoadException(file, Messages.npyNotBatch, e);
        }
    }

    /** @return what the set was made from */
    public Path source() {
        return source;
    }

    /** @return the items, in scan order: a view, each item made when asked for */
    public List<Item> items() {
        return new AbstractList<>() {

            @Override
            public Item get(int index) {
                return item(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** @return item {@code index} of the set */
    public Item item(int index) {
        Objects.checkIndex(index, size);
        if (ends == null) {
            return new Item(files[index], base.resolve(files[index]), -1);
        }
        int f = Arrays.binarySearch(ends, index);
        // the file whose end is the first above index (a batch of 0 items ends where the one before did)
        f = f >= 0 ? f + 1 : -f - 1;
        while (ends[f] <= index) {
            f++;
        }
        if (!batches.get(f)) {
            return new Item(files[f], base.resolve(files[f]), -1);
        }
        int i = index - (f == 0 ? 0 : ends[f - 1]);
        return new Item(files[f] + "#" + i, base.resolve(files[f]), i);
    }

    /** @return the number of images */
    public int size() {
        return size;
    }

    /** @return a SHA-256 of the names in order: a resumed scan must see the same set */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < size; i++) {
                md.update(item(i).name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
