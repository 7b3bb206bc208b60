package org.convscope.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.convscope.core.npy.Npy;
import org.convscope.core.text.MessageBundles;

/**
 * Decodes a file with {@code javax.imageio} into 8-bit grey or RGB, alpha dropped (as PIL's
 * {@code convert} does for Keras), 16-bit samples reduced to their high byte, palettes expanded,
 * JPEGs turned upright by their EXIF orientation, GIFs read at their first frame.
 */
final class ImageDecoder {

    /**
     * The most pixels decoded: 8,192 x 8,192. Decoding costs 3 to 8 bytes a pixel, and the
     * float image for display 12 more; camera photos (12 to 50 megapixels) stay below.
     */
    static final long MAX_PIXELS = 1L << 26;

    /**
     * The most pixels a byte of file may encode. Real files stay far below: DEFLATE (PNG)
     * compresses at most about 1,032:1, a JPEG block of 64 pixels takes at least a few bits.
     * Only a blank bilevel PNG could pass it, and no model input is one.
     */
    static final long MAX_PIXELS_PER_BYTE = 2_000;

    private ImageDecoder() {
    }

    static Raster8 decode(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(file, Messages.noSuchFile, e);
        }
        if (bytes.length == 0) {
            throw new ImageLoadException(file, Messages.emptyFile);
        }
        return decode(file, bytes);
    }

    static Raster8 decode(Path file, byte[] bytes) throws IOException {
        ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageLoadException(file, MessageBundles.bind(notImage(bytes), hex(bytes)));
        }
        ImageReader reader = readers.next();
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        BufferedImage img;
        try {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new ImageLoadException(file, MessageBundles.bind(Messages.zeroSize, format, w, h));
            }
            checkSize(file, format, w, h, bytes.length);
            // Java's JPEG reader fills a cut-off image with grey and only warns; the end marker
            // tells (checked instead of listening for warnings, which would need
            // javax.imageio.event), and before decoding, which costs the whole image's memory
            if (format.equals("JPEG") && !hasEndOfImage(bytes)) {
                throw new ImageLoadException(file, Messages.truncatedJpeg);
            }
            img = reader.read(0);
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageLoadException(file, problem(format, bytes, e), e);
        } finally {
            reader.dispose();
            in.close();
        }
        Raster8 r = toRaster8(img);
        if (format.equals("JPEG")) {
            r = ExifOrientation.apply(r, ExifOrientation.of(bytes));
        }
        return r;
    }

    /**
     * Refuses dimensions that no real input has, or that the file is too small to encode, before
     * the decoder allocates them: a header of a few bytes can declare 50,000 x 50,000 pixels.
     */
    private static void checkSize(Path file, String format, int w, int h, long fileBytes)
            throws ImageLoadException {
        long pixels = (long) w * h;
        if (pixels > MAX_PIXELS) {
            throw new ImageLoadException(file,
                    MessageBundles.bind(Messages.tooManyPixels, format, w, h, pixels / 1_000_000,
                            MAX_PIXELS / 1_000_000));
        }
        if (pixels > MAX_PIXELS_PER_BYTE * fileBytes) {
            throw new ImageLoadException(file,
                    MessageBundles.bind(Messages.tooSmallForSize, format, w, h, fileBytes, MAX_PIXELS_PER_BYTE));
        }
    }

    private static String problem(String format, byte[] bytes, Exception e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (endsEarly(e)) {
            return MessageBundles.bind(Messages.truncated, format, m);
        }
        // "Unsupported marker type" is damaged data in a JPEG, not a variant Java cannot read
        if (lower.contains("unsupported") && !lower.contains("marker")) {
            return MessageBundles.bind(Messages.unsupportedVariant, format, m);
        }
        return bytes.length < 64
                ? MessageBundles.bind(Messages.cannotDecodeShort, format, m, bytes.length)
                : MessageBundles.bind(Messages.cannotDecode, format, m);
    }

    /**
     * @return whether {@code e} or a cause says the data ended early: javax.imageio wraps the
     *         PNG reader's end of stream in "Error reading PNG image data"
     */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String lower = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || lower.contains("premature") || lower.contains("unexpected end")
                    || lower.contains("eof") || lower.contains("truncat")) {
                return true;
            }
        }
        return false;
    }

    /** A JPEG may carry bytes after its end marker; any FFD9 after the last scan start will do. */
    private static boolean hasEndOfImage(byte[] b) {
        for (int i = b.length - 2; i >= 2; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
                return false;
            }
        }
        return false;
    }

    private static String notImage(byte[] b) {
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K') {
            return Messages.notImageZip;
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return Messages.notImageWebp;
        }
        if (Npy.hasMagic(b)) {
            return Messages.notImageNpy;
        }
        return Messages.notImage;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return s.toString();
    }

    /**
     * CMYK (and YCCK, which the decoder turns into CMYK) to RGB as PIL's {@code convert("RGB")}
     * does it, so that the model sees what Keras feeds it: {@code (255 - c) * (255 - k) / 255},
     * rounded as PIL rounds, with no colour profile. Java's own conversion goes through a CMYK
     * profile and gives other colours.
     */
    private static Raster8 cmykToRgb(Raster raster, int w, int h) {
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * 4];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int nk = 255 - row[4 * x + 3];
                for (int c = 0; c < 3; c++) {
                    int t = row[4 * x + c] * nk + 128;
                    out[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, nk - ((t >> 8) + t >> 8)));
                }
            }
        }
        return new Raster8(w, h, 3, out);
    }

    private static Raster8 toRaster8(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        boolean grey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (cm instanceof ComponentColorModel && cm.getComponentSize(0) >= 8
                && (grey || cm.getColorSpace().getType() == ColorSpace.TYPE_RGB)) {
            // raw samples, as PIL reads them: no colour management even under an embedded ICC
            // profile, high byte of 16-bit values
            int bands = grey ? 1 : 3;
            int shift = Math.max(0, cm.getComponentSize(0) - 8);
            byte[] out = new byte[w * h * bands];
            int[] row = new int[w * raster.getNumBands()];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                int nb = raster.getNumBands();
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < bands; c++) {
                        out[(y * w + x) * bands + c] = (byte) (row[x * nb + c] >> shift);
                    }
                }
            }
            return new Raster8(w, h, bands, out);
        }
        if (grey && raster.getNumBands() <= 2 && cm.getComponentSize(0) <= 8) {
            byte[] out = new byte[w * h];
            int[] row = new int[w];
            int bits = cm.getComponentSize(0);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    // 1-, 2- and 4-bit grey PNGs stretch to 0-255 as PIL does
                    out[y * w + x] = (byte) (row[x] * 255 / ((1 << bits) - 1));
                }
            }
            return new Raster8(w, h, 1, out);
        }
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_CMYK && raster.getNumBands() == 4
                && cm.getComponentSize(0) == 8) {
            return cmykToRgb(raster, w, h);
        }
        // palettes, packed RGB, BMP's many forms: getRGB expands them; alpha is ignored
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return new Raster8(w, h, 3, out);
    }
}
