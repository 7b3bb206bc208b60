import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the product's jars with their entries stored instead of deflated, for a faster start:
 * the workbench reads several thousand classes and resources from its bundles' jars at every
 * start, and inflating them was ~0.1 s of the main thread's time before the first paint
 * (releng/benchmarks/RESULTS.md). Same entries, same order, same bytes, times and extra fields;
 * signature files stay, and stay valid, since a jar signature covers the entries' contents, not
 * how they are compressed. Run by the product build (pom.xml beside this file) as a single-file
 * Java program over the materialized product's jars; never over the p2 repository.
 *
 * <p>Usage: {@code java StoreJars.java FOLDER...}: every jar directly inside each folder.
 */
public final class StoreJars {

    public static void main(String[] args) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String folder : args) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                        .sorted()
                        .forEach(jars::add);
            }
        }
        long before = 0;
        long after = 0;
        for (Path jar : jars) {
            before += Files.size(jar);
            store(jar);
            after += Files.size(jar);
        }
        System.out.printf("StoreJars: %d jars stored uncompressed, %.1f MB -> %.1f MB%n", jars.size(),
                before / 1e6, after / 1e6);
    }

    private static void store(Path jar) throws IOException {
        Path stored = jar.resolveSibling(jar.getFileName() + ".stored");
        List<String> names = new ArrayList<>();
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stored))) {
            out.setMethod(ZipOutputStream.STORED);
            if (in.getComment() != null) {
                out.setComment(in.getComment());
            }
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                ZipEntry copy = new ZipEntry(entry);
                copy.setMethod(ZipEntry.STORED);
                copy.setCompressedSize(entry.getSize());
                out.putNextEntry(copy);
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
                names.add(entry.getName());
            }
        }
        verify(jar, stored, names);
        Files.move(stored, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The stored copy must hold the same entries in the same order, with the same contents. */
    private static void verify(Path original, Path stored, List<String> names) throws IOException {
        try (ZipFile a = new ZipFile(original.toFile()); ZipFile b = new ZipFile(stored.toFile())) {
            List<String> storedNames = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> entries = b.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                storedNames.add(entry.getName());
                ZipEntry source = a.getEntry(entry.getName());
                if (entry.getMethod() != ZipEntry.STORED || source == null || entry.getCrc() != source.getCrc()
                        || entry.getSize() != source.getSize() || crcOf(b, entry) != source.getCrc()) {
                    throw new IOException(stored + ": entry " + entry.getName() + " differs from " + original);
                }
            }
            if (!storedNames.equals(names)) {
                throw new IOException(stored + ": entries differ in name or order from " + original);
            }
        }
    }

    private static long crcOf(ZipFile zip, ZipEntry entry) throws IOException {
        try (CheckedInputStream data = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            data.transferTo(OutputStream.nullOutputStream());
            return data.getChecksum().getValue();
        }
    }
}
