package org.convscope.ui.ide.contenttypes;

import java.io.IOException;
import java.io.InputStream;

/**
 * The first bytes of a file, as much as a describer may read: the IDE describes files as it lists
 * them, so no describer reads a whole (possibly multi-gigabyte) model.
 */
final class BytePrefix {

    /** How much a describer reads at most: every Keras model in the fixtures names its config within 7 KB. */
    static final int LIMIT = 64 * 1024;

    private BytePrefix() {
    }

    /**
     * @param in the file's contents
     * @return its first {@link #LIMIT} bytes, fewer when the file is shorter
     * @throws IOException when the stream cannot be read
     */
    static byte[] read(InputStream in) throws IOException {
        return in.readNBytes(LIMIT);
    }

    /** @return whether {@code b} holds {@code what} at {@code at} */
    static boolean at(byte[] b, int at, byte[] what) {
        if (at < 0 || at + what.length > b.length) {
            return false;
        }
        for (int i = 0; i < what.length; i++) {
            if (b[at + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the first index at or after {@code from} where {@code b} holds {@code what}, or -1 */
    static int indexOf(byte[] b, byte[] what, int from) {
        for (int i = Math.max(0, from); i + what.length <= b.length; i++) {
            if (at(b, i, what)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the little-endian unsigned 16-bit number at {@code at} (the caller checked the bounds) */
    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
