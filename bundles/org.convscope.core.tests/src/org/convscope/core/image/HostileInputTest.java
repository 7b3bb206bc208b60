package org.convscope.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.convscope.core.npy.Npy;
import org.convscope.core.npy.NpyFormatException;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.Bounded;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile seeds of {@code fixtures/fuzz-seeds/} as they are, and a PNG decompression bomb
 * made here: each is refused from its header, before the size it declares is allocated, with a
 * message naming the problem; and the kinds of input the fuzz seeds cover that must read, read.
 */
class HostileInputTest {

    /** Each read runs on its thread, its allocation counted; closed after the class's tests. */
    @AutoClose
    private static final Bounded bounded = new Bounded();

    @TempDir
    Path temp;

    private static Path seed(String name) {
        return Fixtures.file("fuzz-seeds/" + name);
    }

    /** @return the message of the exception reading {@code file} threw, checked to be small and clean */
    private static String refusal(Path file, boolean npy) throws InterruptedException {
        Bounded.Outcome o = bounded.run(() -> {
            if (npy) {
                Npy.read(file);
            } else {
                ImageInputs.decode(file);
            }
        });
        assertNull(o.overrun(), () -> file.getFileName() + ": " + o.overrun());
        assertTrue(o.allocated() < 16L << 20, () -> file.getFileName() + ": allocated " + o.allocated());
        Class<? extends Exception> type = npy ? NpyFormatException.class : ImageLoadException.class;
        assertTrue(type.isInstance(o.thrown()), () -> file.getFileName() + ": " + o.thrown());
        return o.thrown().getMessage();
    }

    @Test
    void declared50000By50000IsRefusedFromTheHeader() throws Exception {
        for (String format : new String[] { "png", "jpg", "gif" }) {
            String message = refusal(seed("bomb_50000." + format), false);
            assertTrue(message.startsWith("bomb_50000." + format + ": ")
                    && message.contains("declares 50000x50000 pixels (2500 megapixels), more than the 67 megapixels"),
                    message);
        }
        // Java's BMP reader checks the size against the data while reading the header
        String message = refusal(seed("bomb_50000.bmp"), false);
        assertTrue(message.startsWith("bomb_50000.bmp: cannot decode BMP"), message);
    }

    @Test
    void aDeclaredSizeTheFileCannotEncodeIsRefused() throws Exception {
        // 8,000 x 8,000 grey (64 megapixels, under the limit) in a PNG of 59 bytes
        Path file = temp.resolve("small.png");
        Files.write(file, png(8000, 8000, new byte[] { 0, 0 }));
        assertEquals(59, Files.size(file));
        assertEquals("small.png: PNG image declares 8000x8000 pixels, more than its 59 bytes can encode "
                + "(at most 2000 pixels a byte): the header is damaged", refusal(file, false));
    }

    @Test
    void aDeflateBombBeyondTheLimitIsRefusedBeforeInflating() throws Exception {
        // 9,000 x 9,000 grey: 81 MB of zero rows in a PNG of about 300 KB
        byte[] row = new byte[9_001];
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        for (int y = 0; y < 9_000; y++) {
            d.setInput(row);
            while (!d.needsInput()) {
                z.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        Path file = temp.resolve("bomb.png");
        Files.write(file, png(9_000, 9_000, z.toByteArray()));
        String message = refusal(file, false);
        assertTrue(message.startsWith("bomb.png: PNG image declares 9000x9000 pixels (81 megapixels)"), message);
    }

    @Test
    void truncatedJpegIsRefusedBeforeDecoding() throws Exception {
        byte[] jpeg = Files.readAllBytes(seed("baseline.jpg"));
        Path file = temp.resolve("cut.jpg");
        Files.write(file, Arrays.copyOf(jpeg, jpeg.length - 40));
        assertEquals("cut.jpg: truncated JPEG (no end-of-image marker)", refusal(file, false));
    }

    @Test
    void everyKindOfSeedImageReadsAndCmykAsKerasSeesIt() throws Exception {
        for (String name : new String[] { "rgb8.png", "rgba8.png", "grey8.png", "grey_alpha.png", "grey16.png",
                "rgb16.png", "rgba16.png", "bilevel.png", "palette.png", "palette_transparent.png", "baseline.jpg",
                "progressive.jpg", "grey.jpg", "no_subsampling.jpg", "exif6.jpg", "exif_broken_count.jpg",
                "exif_broken_offset.jpg", "palette.gif", "anim.gif", "rgb24.bmp", "palette8.bmp", "grey8.bmp",
                "rgba32.bmp", "rle8.bmp" }) {
            FloatImage img = ImageInputs.decode(seed(name));
            // the broken count still leaves the first entry, the orientation, inside the segment
            boolean turned = name.equals("exif6.jpg") || name.equals("exif_broken_count.jpg");
            assertEquals(turned ? 18 : 24, img.width(), name);
            assertEquals(turned ? 24 : 18, img.height(), name);
        }
        for (String name : new String[] { "cmyk", "ycck" }) {
            FloatImage img = ImageInputs.decode(seed(name + ".jpg"));
            FloatImage pil = ImageInputs.decode(seed("reference/" + name + "_rgb.png"));
            assertEquals(3, img.channels(), name);
            assertTrue(Arrays.equals(pil.data(), img.data()), name + ": not the pixels Keras sees");
        }
    }

    @Test
    void arraysWithAbsurdOrMissingDataAreRefusedBeforeAllocating() throws Exception {
        assertEquals("absurd_shape.npy: shape [2147483647, 2147483647, 2147483647] has more than 2^63 values, "
                + "more than one Java array can hold", refusal(seed("absurd_shape.npy"), true));
        assertEquals("big_shape.npy: shape [50000, 50000] has 2500000000 values, more than one Java array can hold",
                refusal(seed("big_shape.npy"), true));
        assertEquals("truncated.npy: truncated: shape [100, 100] of <f4 needs 40000 bytes of data, the file has 100",
                refusal(seed("truncated.npy"), true));
        assertTrue(refusal(seed("object.npy"), true).startsWith("object.npy: numpy dtype '|O' is not supported"));
        assertTrue(refusal(seed("structured.npy"), true).startsWith("structured.npy: structured (record) arrays"));
    }

    @Test
    void arraysInEveryLayoutRead() throws IOException {
        assertEquals(new Tensor(new float[] { 3.5f }, new int[0]), Npy.read(seed("f4_scalar.npy")));
        for (String name : new String[] { "f4_2x3x4.npy", "f8_be_3x5.npy", "f4_fortran_4x3x2.npy", "f2_7.npy",
                "i2_be_3x3.npy", "u1_1x6x5x3.npy", "u8_4.npy", "bool_5.npy", "f4_0x3.npy", "f4_v2_1x4x4x2.npy" }) {
            String dims = name.substring(name.lastIndexOf('_') + 1, name.length() - 4);
            int[] shape = Arrays.stream(dims.split("x")).mapToInt(Integer::parseInt).toArray();
            assertEquals(Arrays.toString(shape), Arrays.toString(Npy.read(seed(name)).shape()),
                    name);
        }
    }

    /** @return a grey 8-bit PNG of the declared size whose one IDAT chunk is {@code idat} */
    private static byte[] png(int w, int h, byte[] idat) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).array());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String kind, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] k = kind.getBytes(StandardCharsets.US_ASCII);
        out.write(k);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(k);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
