package org.convscope.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against files written by numpy with fixtures/render/make_npy.py. */
class NpyTest {

    private static Tensor fixture(String name) throws IOException {
        return Npy.read(Fixtures.file("render/" + name));
    }

    private static float[] arange(int n, int modulo) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = modulo > 0 ? i % modulo : i;
        }
        return f;
    }

    @Test
    void readsEveryNumericDtypeNumpyWrites() throws IOException {
        assertEquals(new Tensor(arange(24, 0), new int[] { 2, 3, 4 }), fixture("f4_2x3x4.npy"));
        assertEquals(new Tensor(arange(15, 0), new int[] { 3, 5 }), fixture("f8_3x5.npy"));
        assertEquals(new Tensor(arange(7, 0), new int[] { 7 }), fixture("i4_7.npy"));
        assertEquals(new Tensor(arange(4, 0), new int[] { 2, 2 }), fixture("i8_2x2.npy"));
        assertEquals(new Tensor(arange(16, 256), new int[] { 4, 4 }), fixture("u1_4x4.npy"));
        assertEquals(new Tensor(arange(6, 0), new int[] { 6 }), fixture("f2_6.npy"));
        assertEquals(new Tensor(arange(5, 2), new int[] { 5 }), fixture("b1_5.npy"));
        assertEquals(new Tensor(arange(6, 0), new int[] { 2, 3 }), fixture("f4be_2x3.npy"));
        assertEquals(new Tensor(new float[] { 42.5f }, new int[0]), fixture("f4_scalar.npy"));
        assertEquals(new Tensor(new float[0], new int[] { 0, 3 }), fixture("f4_0x3.npy"));
        assertEquals(new Tensor(arange(12, 0), new int[] { 1, 2, 2, 3 }), fixture("f4v2_1x2x2x3.npy"));
    }

    @Test
    void fortranOrderIsTransposedToCOrder() throws IOException {
        assertEquals(new Tensor(arange(24, 0), new int[] { 3, 4, 2 }), fixture("f4fortran_3x4x2.npy"));
    }

    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, new Tensor(arange(24, 0), new int[] { 2, 3, 4 }));
        assertArrayEquals(Files.readAllBytes(Fixtures.file("render/f4_2x3x4.npy")), out.toByteArray());
        out.reset();
        Npy.write(out, new Tensor(new float[] { 42.5f }, new int[0]));
        assertArrayEquals(Files.readAllBytes(Fixtures.file("render/f4_scalar.npy")), out.toByteArray());
    }

    @Test
    void roundTripsAnActivation(@TempDir Path dir) throws IOException {
        float[] d = new float[1 * 13 * 11 * 7];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sin(i) * 1e3f;
        }
        d[5] = Float.NaN;
        d[6] = Float.NEGATIVE_INFINITY;
        Tensor t = new Tensor(d, new int[] { 1, 13, 11, 7 });
        Path file = dir.resolve("block1_conv1.npy");
        Npy.write(file, t);
        assertEquals(0, (Files.size(file) - (long) d.length * 4) % 64, "data starts on a 64-byte boundary");
        assertEquals(t, Npy.read(file));
    }

    @Test
    void aHugeRankSwitchesToVersionTwo() throws IOException {
        int[] shape = new int[30000];
        Arrays.fill(shape, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, new Tensor(new float[] { 7f }, shape));
        byte[] b = out.toByteArray();
        assertEquals(2, b[6]);
        assertEquals(0, (b.length - 4) % 64);
        assertEquals(new Tensor(new float[] { 7f }, shape), Npy.read(new ByteArrayInputStream(b), "big.npy"));
    }

    @Test
    void badFilesGetMessagesNamingTheFile() throws IOException {
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(new byte[] { 'P', 'K', 3, 4, 0, 0, 0, 0 }), "x.npy"));
        assertEquals("x.npy: not a .npy file (first bytes 50 4B 03 04)", e.getMessage());
        assertEquals("x.npy", e.fileName());
        assertEquals("not a .npy file (first bytes 50 4B 03 04)", e.problem());
        byte[] good = Files.readAllBytes(Fixtures.file("render/f4_2x3x4.npy"));
        e = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 5)), "cut.npy"));
        assertTrue(e.getMessage().startsWith("cut.npy: truncated: shape [2, 3, 4] of <f4 needs 96 bytes"),
                e.getMessage());
        byte[] complex = new String(good, StandardCharsets.ISO_8859_1).replace("<f4", "<c8")
                .getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(complex), "c.npy"));
        assertTrue(e.getMessage().startsWith("c.npy: numpy dtype '<c8' is not supported"), e.getMessage());
        e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(new byte[0]), "e.npy"));
        assertEquals("e.npy: not a .npy file (first bytes none: empty file)", e.getMessage());
    }

    @Test
    void halfPrecisionEdgeCases() {
        assertEquals(65504f, NpyDtype.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, NpyDtype.halfToFloat((short) 0x0001));
        assertEquals(-2f, NpyDtype.halfToFloat((short) 0xC000));
        assertTrue(Float.isNaN(NpyDtype.halfToFloat((short) 0x7E00)));
        assertEquals(Float.NEGATIVE_INFINITY, NpyDtype.halfToFloat((short) 0xFC00));
    }
}
