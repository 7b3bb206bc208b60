package org.convscope.core.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * An image as packed {@code 0xAARRGGBB} pixels, row by row from the top left. This is the
 * renderer's only output type, so that the SWT views, the command line and the tests share it
 * without any toolkit in the core.
 *
 * <p>The array is not copied; treat it as read-only once the image is made.
 *
 * @param width  columns, at least 0
 * @param height rows, at least 0
 * @param argb   {@code width * height} pixels
 */
public record RgbImage(int width, int height, int[] argb) {

    public RgbImage {
        Objects.requireNonNull(argb, "argb");
        if (width < 0 || height < 0 || (long) width * height != argb.length) {
            throw new IllegalArgumentException(
                    width + "x" + height + " image needs " + (long) width * height + " pixels, got " + argb.length);
        }
    }

    /** @return the pixel at column {@code x}, row {@code y} as {@code 0xAARRGGBB} */
    public int pixel(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return argb[y * width + x];
    }

    /** @return a copy as an AWT image, for {@code javax.imageio} and AWT-based tools */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_ARGB);
        if (width > 0 && height > 0) {
            img.setRGB(0, 0, width, height, argb, 0, width);
        }
        return img;
    }

    /** Writes the image as PNG to {@code out} (left open). */
    public void writePng(OutputStream out) throws IOException {
        if (!ImageIO.write(toBufferedImage(), "png", out)) {
            throw new IOException(Messages.noPngWriter);
        }
    }

    /** Writes the image as a PNG file, replacing any file of that name. */
    public void writePng(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writePng(out);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && r.width == width && r.height == height
                && Arrays.equals(r.argb, argb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(argb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
