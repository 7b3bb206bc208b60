package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.ImageLoadException;
import org.convscope.core.npy.Npy;
import org.convscope.core.npy.NpyFormatException;
import org.convscope.core.testing.Bounded;
import org.convscope.core.testing.Fixtures;
import org.convscope.core.testing.FuzzRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed files of 100 MB, made here, of every kind Convscope reads: each is refused (or, where
 * the damage lies where no reader looks, read) with a bounded allocation: at most 300 MB by the
 * reading thread ({@link Bounded}), whatever the file's size, and no OutOfMemoryError.
 */
class LargeFileTest {

    private static final long HUNDRED_MB = 100L << 20;

    /** Each read runs on its thread, its allocation counted; closed after the class's tests. */
    @AutoClose
    private static final Bounded bounded = new Bounded();

    @TempDir
    Path temp;

    /** 100 MB files are not left for the next test. */
    @AfterEach
    void clean() throws IOException {
        try (Stream<Path> s = Files.walk(temp)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
    }

    /** @return a copy of {@code head} followed by pseudo-random bytes up to 100 MB */
    private Path large(String name, byte[] head) throws IOException {
        Path file = temp.resolve(name);
        byte[] block = new byte[1 << 20];
        new Random(12).nextBytes(block);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(head));
            for (long at = head.length; at < HUNDRED_MB;) {
                int n = (int) Math.min(block.length, HUNDRED_MB - at);
                at += ch.write(ByteBuffer.wrap(block, 0, n));
            }
        }
        return file;
    }

    /** Reads {@code file} fully and asserts the bounds; @return what was thrown, or null */
    private static Throwable read(Path file, Bounded.Work work) throws InterruptedException {
        long start = System.nanoTime();
        Bounded.Outcome o = bounded.run(work);
        System.out.printf("large file %s: %s in %d ms, %d MB allocated%n", file.getFileName(),
                o.thrown() == null ? "read" : o.thrown().getMessage(), (System.nanoTime() - start) / 1_000_000,
                o.allocated() >> 20);
        assertNull(o.overrun(), () -> file.getFileName() + ": " + o.overrun());
        return o.thrown();
    }

    private static void assertRefused(Class<? extends Exception> type, Path file, Throwable t) {
        if (!type.isInstance(t) || !FuzzRun.namesFile(file, t.getMessage())) {
            throw new AssertionError(file.getFileName() + ": not a clean refusal", t);
        }
    }

    @Test
    void damagedHdf5WithGarbageAppended() throws Exception {
        Path file = large("damaged.h5",
                Files.readAllBytes(
                        Fixtures.file("fuzz-regressions/seed104375236042790-case4248-nested_sequential.h5")));
        assertRefused(ModelFormatException.class, file, read(file, () -> FuzzTest.readAll(file)));
    }

    @Test
    void hdf5WeightDeclaring100MbThatHoldsNoData() throws Exception {
        // bad/absurd_shape.h5's 10^6 x 10^6 chunked weight (never written) made 5,000 x 5,000:
        // 100 MB of float32 that the 100 MB file could hold, so only its reading can tell
        byte[] bytes = Files.readAllBytes(Fixtures.file("bad/absurd_shape.h5"));
        byte[] million = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000).array();
        byte[] declared = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(5_000).array();
        int replaced = 0;
        for (int i = 0; i + 8 <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + 8, million, 0, 8)) {
                System.arraycopy(declared, 0, bytes, i, 8);
                replaced++;
            }
        }
        assertEquals(4, replaced);
        Path file = large("unwritten.h5", bytes);
        Throwable t = read(file, () -> Outcomes.readFully(file));
        if (t != null) {
            assertRefused(ModelFormatException.class, file, t);
        }
    }

    @Test
    void kerasArchiveWithGarbageAppended() throws Exception {
        Path file = large("appended.keras",
                Files.readAllBytes(FixtureFiles.models().resolve("nested_sequential.keras")));
        Throwable t = read(file, () -> FuzzTest.readAll(file));
        if (t != null) {
            assertRefused(ModelFormatException.class, file, t);
        }
    }

    @Test
    void kerasArchiveWhoseDeflatedWeightsClaim1500Mb() throws Exception {
        // a re-zipped .keras whose weights entry (100 MB, deflated) the directory says inflates to
        // 1.5 GB: within DEFLATE's ratio and the heap, so only inflating can show it false
        Path file = temp.resolve("claims.keras");
        byte[] block = new byte[1 << 20];
        new Random(13).nextBytes(block);
        try (ZipFile source = new ZipFile(FixtureFiles.models().resolve("nested_sequential.keras").toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : new String[] { "metadata.json", "config.json" }) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(source.getInputStream(source.getEntry(name)).readAllBytes());
            }
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            for (int i = 0; i < 100; i++) {
                zip.write(block);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = "model.weights.h5".getBytes(StandardCharsets.US_ASCII);
        int central = -1;
        for (int i = bytes.length - name.length; i >= 46 && central < 0; i--) {
            if (Arrays.equals(bytes, i, i + name.length, name, 0, name.length) && bytes[i - 46] == 'P'
                    && bytes[i - 45] == 'K' && bytes[i - 44] == 1 && bytes[i - 43] == 2) {
                central = i - 46;
            }
        }
        assertTrue(central > 0, "central directory entry not found");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(central + 24, 1500 << 20);
        Files.write(file, bytes);
        Throwable t = read(file, () -> FuzzTest.readAll(file));
        assertRefused(ModelFormatException.class, file, t);
        assertTrue(t.getMessage().contains("inflates to"), t.getMessage());
    }

    @Test
    void tfjsShardOf100MbInsteadOf1Kb() throws Exception {
        Path source = FixtureFiles.tfjs().resolve("functional_branches");
        Path dir = Files.createDirectories(temp.resolve("tfjs"));
        try (Stream<Path> s = Files.list(source)) {
            for (Path p : s.toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        Files.delete(dir.resolve("group1-shard2of4.bin"));
        Path shard = large("tfjs/group1-shard2of4.bin", new byte[0]);
        Path model = dir.resolve("model.json");
        // bytes past those the manifest gives are never looked at, as in TensorFlow.js itself
        Throwable t = read(shard, () -> FuzzTest.readAll(model));
        if (t != null) {
            assertRefused(ModelFormatException.class, model, t);
        }
    }

    @Test
    void tfjsModelJsonOf100Mb() throws Exception {
        byte[] head = "{\"format\": \"layers-model\", \"modelTopology\": \"".getBytes(StandardCharsets.US_ASCII);
        Path file = large("model.json", head);
        assertRefused(ModelFormatException.class, file, read(file, () -> FuzzTest.readAll(file)));
    }

    @Test
    void npyDeclaringMoreThanItHolds() throws Exception {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (50000, 1000), }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }).putShort((short) header.length())
                .put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        Path file = large("short.npy", head.array());
        Throwable t = read(file, () -> Npy.read(file));
        assertRefused(NpyFormatException.class, file, t);
        assertTrue(t.getMessage().contains("needs 200000000 bytes of data"), t.getMessage());
    }

    @Test
    void jpegOf100MbWithoutItsEnd() throws Exception {
        byte[] jpeg = Files.readAllBytes(Fixtures.file("fuzz-seeds/baseline.jpg"));
        Path file = large("cut.jpg", Arrays.copyOf(jpeg, jpeg.length - 2));
        assertRefused(ImageLoadException.class, file, read(file, () -> ImageInputs.decode(file)));
    }

    @Test
    void randomBytesNamedH5() throws Exception {
        Path file = large("noise.h5", new byte[0]);
        assertRefused(ModelFormatException.class, file, read(file, () -> FuzzTest.readAll(file)));
    }
}
