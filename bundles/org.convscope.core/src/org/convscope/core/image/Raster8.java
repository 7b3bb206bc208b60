package org.convscope.core.image;

/**
 * Decoded 8-bit pixels, interleaved, one (grey) or three (RGB) channels: the form PIL works in
 * (modes "L" and "RGB"), so that conversions and resampling can reproduce its arithmetic.
 */
record Raster8(int width, int height, int channels, byte[] data) {

    int get(int x, int y, int c) {
        return data[(y * width + x) * channels + c] & 0xFF;
    }

    /** @return RGB, replicating a grey channel as PIL's {@code convert("RGB")} does */
    Raster8 toRgb() {
        if (channels == 3) {
            return this;
        }
        byte[] out = new byte[width * height * 3];
        for (int i = 0, j = 0; i < data.length; i++, j += 3) {
            out[j] = data[i];
            out[j + 1] = data[i];
            out[j + 2] = data[i];
        }
        return new Raster8(width, height, 3, out);
    }

    /** @return grey by PIL's {@code convert("L")}: ITU-R 601-2 luma in 16-bit fixed point */
    Raster8 toGrey() {
        if (channels == 1) {
            return this;
        }
        byte[] out = new byte[width * height];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            int r = data[j] & 0xFF;
            int g = data[j + 1] & 0xFF;
            int b = data[j + 2] & 0xFF;
            out[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
        }
        return new Raster8(width, height, 1, out);
    }
}
