package org.convscope.core.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Writing produces what {@code np.save} writes for a float32 array: the 1.0 format unless the
 * header needs more than 65,535 bytes, the header padded so that the data starts on a 64-byte
 * boundary, little-endian float32 values in C order.
 */
public final class Npy {

    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    private static final int ALIGN = 64;
    /**
     * A real header takes a few hundred bytes; one of rank 30,000 (which {@link #write} must read
     * back) about 90 KB. numpy's {@code np.load} stops at 10,000 unless told otherwise.
     */
    private static final int MAX_HEADER = 1 << 20;

    private Npy() {
    }

    /**
     * The one test of "is this a {@code .npy} array": the content's magic string
     * {@code \x93NUMPY}, never the file name.
     *
     * @param head the first bytes of a file (six or more to say yes)
     */
    public static boolean hasMagic(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /**
     * @return whether {@code file} holds a {@code .npy} array, by {@link #hasMagic its content}
     * @throws IOException when the file cannot be read
     */
    public static boolean isNpy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return hasMagic(in.readNBytes(MAGIC.length));
        }
    }

    /**
     * @return the array in {@code file} as float32 in C order
     * @throws NpyFormatException naming the file, when it is not a readable {@code .npy} array
     * @throws IOException        when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName() == null ? file.toString() : file.getFileName().toString(),
                    Files.size(file));
        }
    }

    /**
     * @param in   the stream, positioned at the magic string; read to the end of the array
     * @param name the file name for error messages
     * @return the array as float32 in C order
     */
    public static Tensor read(InputStream in, String name) throws IOException {
        return read(in, name, Long.MAX_VALUE);
    }

    /**
     * @param size the stream's length when known, so that sizes the header declares are checked
     *             against it before anything is allocated; {@link Long#MAX_VALUE} when unknown
     */
    private static Tensor read(InputStream in, String name, long size) throws IOException {
        byte[] head = in.readNBytes(8);
        if (head.length < 8 || !hasMagic(head)) {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.notNpy, hex(head)));
        }
        int major = head[6] & 0xFF;
        long headerLength;
        if (major == 1) {
            byte[] b = in.readNBytes(2);
            headerLength = b.length < 2 ? -1 : (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        } else if (major == 2 || major == 3) {
            byte[] b = in.readNBytes(4);
            headerLength = b.length < 4
                    ? -1
                    : Integer.toUnsignedLong(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt());
        } else {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.unsupportedVersion, major, head[7] & 0xFF));
        }
        if (headerLength < 0) {
            throw new NpyFormatException(name, Messages.truncatedHeader);
        }
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.headerTooLong, headerLength, MAX_HEADER));
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpyFormatException(name, Messages.truncatedHeader);
        }
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(text, name);
        NpyDtype dtype = NpyDtype.parse(header.descr(), name);

        long count = 1;
        for (int d : header.shape()) {
            count = saturatedProduct(count, d);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.tooManyValues,
                    describe(count), Arrays.toString(header.shape())));
        }
        long bytes = count * dtype.size();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.tooManyBytes, bytes));
        }
        long left = size - 8 - (major == 1 ? 2 : 4) - headerLength;
        if (bytes > left) {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.truncatedData,
                    Arrays.toString(header.shape()), NpyHeader.shown(header.descr()), bytes, Math.max(0, left)));
        }
        byte[] raw = in.readNBytes((int) bytes);
        if (raw.length < bytes) {
            throw new NpyFormatException(name,
                    MessageBundles.bind(Messages.truncatedData, Arrays.toString(header.shape()),
                            NpyHeader.shown(header.descr()), bytes, raw.length));
        }
        float[] values = dtype.toFloats(raw, (int) count);
        if (header.fortranOrder() && header.shape().length > 1) {
            values = fortranToC(values, header.shape());
        }
        return new Tensor(values, header.shape());
    }

    /** Writes {@code t} to {@code file} as a float32 {@code .npy}, replacing any file of that name. */
    public static void write(Path file, Tensor t) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, t);
        }
    }

    /** Writes {@code t} to {@code out} (left open) as a float32 {@code .npy}. */
    public static void write(OutputStream out, Tensor t) throws IOException {
        String dict = NpyHeader.format(t.shape());
        // magic (6) + version (2) + length (2 or 4) + dict + padding + '\n' ≡ 0 (mod 64)
        int version = 1;
        int prefix = 10;
        int padded = roundUp(prefix + dict.length() + 1, ALIGN) - prefix;
        if (padded > 0xFFFF) {
            version = 2;
            prefix = 12;
            padded = roundUp(prefix + dict.length() + 1, ALIGN) - prefix;
        }
        StringBuilder header = new StringBuilder(dict);
        while (header.length() < padded - 1) {
            header.append(' ');
        }
        header.append('\n');
        out.write(MAGIC);
        out.write(version);
        out.write(0);
        ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            len.putShort((short) padded);
        } else {
            len.putInt(padded);
        }
        out.write(len.array());
        out.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        float[] data = t.data();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length;) {
            buf.clear();
            int n = Math.min(buf.capacity() / 4, data.length - i);
            buf.asFloatBuffer().put(data, i, n);
            out.write(buf.array(), 0, n * 4);
            i += n;
        }
    }

    /** @return {@code a * b} for non-negative factors, or {@link Long#MAX_VALUE} when that overflows */
    private static long saturatedProduct(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static String describe(long count) {
        return count == Long.MAX_VALUE ? Messages.moreThan2To63 : Long.toString(count);
    }

    private static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /** Reorders column-major values (first axis fastest) into row-major order. */
    private static float[] fortranToC(float[] f, int[] shape) {
        int rank = shape.length;
        int[] fStride = new int[rank];
        int s = 1;
        for (int a = 0; a < rank; a++) {
            fStride[a] = s;
            s *= shape[a];
        }
        float[] c = new float[f.length];
        int[] idx = new int[rank];
        int src = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = f[src];
            // advance the C-order index (last axis fastest), tracking the Fortran offset
            for (int a = rank - 1; a >= 0; a--) {
                idx[a]++;
                src += fStride[a];
                if (idx[a] < shape[a]) {
                    break;
                }
                src -= fStride[a] * shape[a];
                idx[a] = 0;
            }
        }
        return c;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return b.length == 0 ? Messages.noBytes : s.toString();
    }
}
