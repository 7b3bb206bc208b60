package org.convscope.core.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/** Tells file kinds apart by their first bytes, whatever their names say. */
public final class Sniffer {

    /** What a file's bytes look like. */
    public enum Kind {
        HDF5, ZIP, JSON, EMPTY, UNKNOWN
    }

    private static final byte[] HDF5_SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

    private Sniffer() {
    }

    /** @return the kind of {@code file} judged by content */
    public static Kind kind(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return Kind.EMPTY;
            }
            byte[] head = read(ch, 0, 8);
            if (hdf5SignatureOffset(ch) >= 0) {
                return Kind.HDF5;
            }
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                    && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
                return Kind.ZIP;
            }
            return looksLikeJson(read(ch, 0, 64)) ? Kind.JSON : Kind.UNKNOWN;
        }
    }

    /**
     * HDF5 allows a user block before the superblock, so the signature may sit at 0, 512, 1024,
     * 2048, ... bytes.
     *
     * @return the offset of the HDF5 signature, or -1
     */
    public static long hdf5SignatureOffset(FileChannel ch) throws IOException {
        long size = ch.size();
        for (long offset = 0; offset + 8 <= size; offset = offset == 0 ? 512 : offset * 2) {
            byte[] b = read(ch, offset, 8);
            if (Arrays.equals(b, HDF5_SIGNATURE)) {
                return offset;
            }
        }
        return -1;
    }

    /** @return the first bytes of {@code file} as hex, e.g. {@code "50 4B 03 04"} */
    public static String firstBytes(Path file, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return hex(read(ch, 0, n));
        }
    }

    /** @return {@code bytes} as upper-case hex pairs separated by spaces */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
        return sb.toString();
    }

    private static boolean looksLikeJson(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        if (i >= head.length) {
            return false;
        }
        byte c = head[i];
        // Any JSON value may open the text; only an object is a model, but saying "JSON, not an
        // object" helps more than "unknown bytes".
        return c == '{' || c == '[' || c == '"' || c == '-' || c >= '0' && c <= '9';
    }

    private static byte[] read(FileChannel ch, long offset, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(n, ch.size() - offset)));
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                break;
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
        return out;
    }
}
