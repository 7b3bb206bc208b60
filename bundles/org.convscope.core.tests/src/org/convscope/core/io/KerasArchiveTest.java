package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .keras} archive read in place: compressed entries, limits, and what Keras writes. */
class KerasArchiveTest {

    @TempDir
    Path dir;

    private static final Path SOURCE = FixtureFiles.models().resolve("nested_sequential.keras");

    /** Copies the fixture's entries into a new zip, every entry deflated. */
    private Path deflatedCopy() throws IOException {
        Path out = dir.resolve("deflated.keras");
        try (ZipFile in = new ZipFile(SOURCE.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(zip);
                zip.closeEntry();
            }
        }
        return out;
    }

    @Test
    void kerasStoresEntriesUncompressed() throws IOException {
        try (ZipFile zip = new ZipFile(SOURCE.toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry("model.weights.h5").getMethod());
        }
    }

    @Test
    void deflatedArchiveReadsTheSameWeights() throws IOException {
        try (RawModel stored = ModelFiles.read(SOURCE); RawModel deflated = ModelFiles.read(deflatedCopy())) {
            assertEquals(stored.weights().layerPaths(), deflated.weights().layerPaths());
            assertEquals(stored.config(), deflated.config());
            for (List<String> path : stored.weights().layerPaths()) {
                List<WeightRef> a = stored.weights().weights(path);
                List<WeightRef> b = deflated.weights().weights(path);
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).load().data(), b.get(i).load().data(), path + " " + i);
                }
            }
        }
    }

    @Test
    void entryCountIsBounded() throws IOException {
        ReadLimits few = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 2);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(SOURCE, few));
        assertEquals("nested_sequential.keras: zip archive lists 3 entries, over the limit of 2", e.getMessage());
    }

    @Test
    void entrySizeIsBounded() throws IOException {
        ReadLimits small = new ReadLimits(Integer.MAX_VALUE, 1000, 100);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(SOURCE, small));
        assertTrue(e.getMessage().contains("is too large"), e.getMessage());
    }

    @Test
    void archiveWithoutConfigNamesWhatItHolds() throws IOException {
        Path out = dir.resolve("photos.keras");
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("cat.jpg"));
            zip.write(new byte[] { 1, 2, 3 });
            zip.closeEntry();
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(out));
        assertEquals("photos.keras: zip archive without config.json, so not a Keras .keras file (it holds 'cat.jpg')",
                e.getMessage());
    }

    @Test
    void hdf5NamedKerasIsNamedAsSuch() throws IOException {
        Path out = dir.resolve("model.keras");
        Files.copy(FixtureFiles.models().resolve("sequential_convnet.h5"), out);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(out));
        assertEquals("model.keras: not a zip, so not a .keras archive (first bytes 89 48 44 46: an HDF5 file — did "
                + "you mean a .h5 file?)", e.getMessage());
    }
}
