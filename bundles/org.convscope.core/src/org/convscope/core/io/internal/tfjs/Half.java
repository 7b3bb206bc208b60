package org.convscope.core.io.internal.tfjs;

/** IEEE 754 half precision to float, which Java 17 lacks ({@code Float.float16ToFloat} is Java 20). */
final class Half {

    private Half() {
    }

    static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            // Subnormal: value = mantissa * 2^-24.
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
