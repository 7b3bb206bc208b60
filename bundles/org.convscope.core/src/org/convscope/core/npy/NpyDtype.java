package org.convscope.core.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.convscope.core.text.MessageBundles;

/** A numpy scalar type from a {@code descr} such as {@code <f4} or {@code |u1}, and its conversion to float32. */
record NpyDtype(char kind, int size, ByteOrder order) {

    static NpyDtype parse(String descr, String name) throws NpyFormatException {
        if (descr.length() < 3) {
            throw unsupported(descr, name);
        }
        char endian = descr.charAt(0);
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw unsupported(descr, name);
        }
        ByteOrder order = switch (endian) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> throw unsupported(descr, name);
        };
        boolean ok = switch (kind) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!ok) {
            throw unsupported(descr, name);
        }
        return new NpyDtype(kind, size, order);
    }

    private static NpyFormatException unsupported(String descr, String name) {
        return new NpyFormatException(name, MessageBundles.bind(Messages.unsupportedDtype, NpyHeader.shown(descr)));
    }

    /** @return {@code count} values of this type from {@code raw}, converted to float32 */
    float[] toFloats(byte[] raw, int count) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        float[] out = new float[count];
        switch (kind) {
            case 'f' -> {
                if (size == 4) {
                    b.asFloatBuffer().get(out);
                } else if (size == 8) {
                    for (int i = 0; i < count; i++) {
                        out[i] = (float) b.getDouble(i * 8);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        out[i] = halfToFloat(b.getShort(i * 2));
                    }
                }
            }
            case 'b' -> {
                for (int i = 0; i < count; i++) {
                    out[i] = raw[i] != 0 ? 1f : 0f;
                }
            }
            default -> {
                boolean unsigned = kind == 'u';
                for (int i = 0; i < count; i++) {
                    out[i] = switch (size) {
                        case 1 -> unsigned ? raw[i] & 0xFF : raw[i];
                        case 2 -> unsigned ? b.getShort(i * 2) & 0xFFFF : b.getShort(i * 2);
                        case 4 -> unsigned ? b.getInt(i * 4) & 0xFFFFFFFFL : b.getInt(i * 4);
                        default -> unsigned ? unsignedLong(b.getLong(i * 8)) : b.getLong(i * 8);
                    };
                }
            }
        }
        return out;
    }

    private static float unsignedLong(long v) {
        return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = h >> 10 & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mant << 13);
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | exp + 112 << 23 | mant << 13);
    }
}
