package org.convscope.scan;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
 * {@code FILE#i}. Only names and places are held, never pixels.
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
    private final List<Item> items;

    private ImageSet(Path source, List<Item> items) {
        this.source = source;
        this.items = List.copyOf(items);
    }

    /**
     * @param source a folder, a list file or a {@code .npy} batch
     * @throws IOException naming the file that is missing, unreadable or holds no image
     */
    public static ImageSet of(Path source) throws IOException {
        List<Item> items = new ArrayList<>();
        if (Files.isDirectory(source)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).filter(p -> isImage(p) || isNpyName(p))
                        .sorted((a, b) -> name(source, a).compareTo(name(source, b))).toList();
            }
            for (Path f : files) {
                add(items, f, name(source, f));
            }
        } else if (!Files.isRegularFile(source)) {
            throw new ImageLoadException(source, Messages.noSuchImages);
        } else if (Npy.isNpy(source)) {
            add(items, source, String.valueOf(source.getFileName()));
        } else if (isImage(source)) {
            add(items, source, String.valueOf(source.getFileName()));
        } else {
            Path base = source.toAbsolutePath().getParent();
            int line = 0;
            for (String l : Files.readAllLines(source, StandardCharsets.UTF_8)) {
                line++;
                String entry = l.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                Path f = base.resolve(entry);
                if (!Files.isRegularFile(f)) {
                    throw new ImageLoadException(source,
                            MessageBundles.bind(Messages.listEntryMissing, line, entry));
                }
                add(items, f, entry);
            }
        }
        if (items.isEmpty()) {
            throw new ImageLoadException(source, Messages.noImages);
        }
        return new ImageSet(source, items);
    }

    private static void add(List<Item> items, Path file, String name) throws IOException {
        if (Npy.isNpy(file)) {
            int n = batchSize(file);
            for (int i = 0; i < n; i++) {
                items.add(new Item(name + "#" + i, file, i));
            }
        } else {
            items.add(new Item(name, file, -1));
        }
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

    /** @return the items, in scan order */
    public List<Item> items() {
        return items;
    }

    /** @return the number of images */
    public int size() {
        return items.size();
    }

    /** @return a SHA-256 of the names in order: a resumed scan must see the same set */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Item i : items) {
                md.update(i.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
