package org.convscope.core.image;

/**
 * Reads the Orientation tag (0x0112) from a JPEG's APP1 Exif block and applies it, so a phone
 * photo taken upright is fed to the model upright (PIL, and so Keras's {@code load_img}, ignores
 * it). Parsed by hand: the tag is all we need, and a full metadata library would be a new
 * dependency.
 */
final class ExifOrientation {

    /** The value when there is no tag: the stored rows are the visual rows. */
    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /** @return the orientation 1–8 of a JPEG file's bytes, {@link #NORMAL} when absent or unreadable */
    static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return NORMAL;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                return NORMAL;
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return NORMAL; // image data starts: metadata segments come before it
            }
            int length = (jpeg[pos + 2] & 0xFF) << 8 | jpeg[pos + 3] & 0xFF;
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return NORMAL;
            }
            if (marker == 0xE1 && end - start >= 14 && jpeg[start] == 'E' && jpeg[start + 1] == 'x'
                    && jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f' && jpeg[start + 4] == 0
                    && jpeg[start + 5] == 0) {
                int o = tiffOrientation(jpeg, start + 6, end);
                if (o != 0) {
                    return o;
                }
            }
            pos = end;
        }
        return NORMAL;
    }

    /** @return the orientation in the TIFF structure at {@code [tiff, end)}, 0 when none */
    private static int tiffOrientation(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 0;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return 0;
        }
        int at = (int) (tiff + ifd);
        int entries = u16(b, at, little);
        for (int i = 0; i < entries; i++) {
            int e = at + 2 + 12 * i;
            if (e + 12 > end) {
                return 0;
            }
            if (u16(b, e, little) == 0x0112) {
                int type = u16(b, e + 2, little);
                // SHORT as specified; some writers use LONG
                int v = type == 3 ? u16(b, e + 8, little) : type == 4 ? (int) u32(b, e + 8, little) : 0;
                return v >= 1 && v <= 8 ? v : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] b, int i, boolean little) {
        int a = b[i] & 0xFF;
        int c = b[i + 1] & 0xFF;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int i, boolean little) {
        long hi = u16(b, little ? i + 2 : i, little);
        long lo = u16(b, little ? i : i + 2, little);
        return hi << 16 | lo;
    }

    /**
     * @return {@code r} turned upright for {@code orientation}: 2 mirror, 3 rotate 180°, 4 flip,
     *         5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise
     */
    static Raster8 apply(Raster8 r, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return r;
        }
        int w = r.width();
        int h = r.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int ch = r.channels();
        byte[] src = r.data();
        byte[] out = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> {
                        sx = w - 1 - x;
                        sy = y;
                    }
                    case 3 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    case 4 -> {
                        sx = x;
                        sy = h - 1 - y;
                    }
                    case 5 -> {
                        sx = y;
                        sy = x;
                    }
                    case 6 -> {
                        sx = y;
                        sy = h - 1 - x;
                    }
                    case 7 -> {
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    }
                    default -> {
                        sx = w - 1 - y;
                        sy = x;
                    }
                }
                System.arraycopy(src, (sy * w + sx) * ch, out, (y * ow + x) * ch, ch);
            }
        }
        return new Raster8(ow, oh, ch, out);
    }
}
