package org.convscope.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExifOrientationTest {

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;

    /**
     * A 32×16 JPEG stored with red top left, green top right, blue bottom left, white bottom
     * right, carrying an Exif APP1 block with {@code orientation} (0: no block).
     */
    private static byte[] jpeg(int orientation, boolean bigEndian) throws IOException {
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, y < 8 ? (x < 16 ? RED : GREEN) : (x < 16 ? BLUE : WHITE));
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", plain);
        byte[] b = plain.toByteArray();
        if (orientation == 0) {
            return b;
        }
        // TIFF: header, IFD0 with one entry (0x0112 SHORT 1 = orientation), no next IFD
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        int[] le = { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0,
                0 };
        int[] be = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0,
                0 };
        for (int v : bigEndian ? be : le) {
            tiff.write(v);
        }
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, 2); // SOI
        out.write(new byte[] { (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0,
                0 });
        out.write(body);
        out.write(b, 2, b.length - 2);
        return out.toByteArray();
    }

    private static int rgbAt(FloatImage img, int x, int y) {
        float[] d = img.data();
        int i = (y * img.width() + x) * 3;
        int r = Math.round(d[i]) > 127 ? 0xFF : 0;
        int g = Math.round(d[i + 1]) > 127 ? 0xFF : 0;
        int b = Math.round(d[i + 2]) > 127 ? 0xFF : 0;
        return r << 16 | g << 8 | b;
    }

    /** Corners (top left, top right, bottom left, bottom right) after each orientation, from the Exif 2.3 table. */
    private static final int[][] CORNERS = { null, { RED, GREEN, BLUE, WHITE }, { GREEN, RED, WHITE, BLUE },
            { WHITE, BLUE, GREEN, RED }, { BLUE, WHITE, RED, GREEN }, { RED, BLUE, GREEN, WHITE },
            { BLUE, RED, WHITE, GREEN }, { WHITE, GREEN, BLUE, RED }, { GREEN, WHITE, RED, BLUE } };

    @Test
    void everyOrientationIsTurnedUpright(@TempDir Path dir) throws IOException {
        for (int o = 1; o <= 8; o++) {
            for (boolean bigEndian : new boolean[] { false, true }) {
                Path f = dir.resolve("o" + o + ".jpg");
                Files.write(f, jpeg(o, bigEndian));
                FloatImage img = ImageInputs.decode(f);
                boolean swapped = o >= 5;
                assertEquals(swapped ? 16 : 32, img.width(), "orientation " + o);
                assertEquals(swapped ? 32 : 16, img.height(), "orientation " + o);
                int w = img.width() - 2;
                int h = img.height() - 2;
                int[] got = { rgbAt(img, 1, 1), rgbAt(img, w, 1), rgbAt(img, 1, h), rgbAt(img, w, h) };
                for (int k = 0; k < 4; k++) {
                    assertEquals(CORNERS[o][k], got[k], "orientation " + o + " corner " + k);
                }
            }
        }
    }

    @Test
    void noExifBlockMeansNormal() throws IOException {
        assertEquals(1, ExifOrientation.of(jpeg(0, false)));
        assertEquals(6, ExifOrientation.of(jpeg(6, true)));
        assertEquals(1, ExifOrientation.of(new byte[] { 1, 2, 3 }));
    }

    /** The same upright picture as Pillow's {@code ImageOps.exif_transpose} (fixture by make_images.py). */
    @Test
    void agreesWithPillowsExifTranspose() throws IOException {
        FloatImage got = ImageInputs.decode(Fixtures.file("images/exif6.jpg"));
        FloatImage want = ImageInputs.decode(Fixtures.file("images/exif6_upright.png"));
        assertEquals(want.width(), got.width());
        assertEquals(want.height(), got.height());
        float worst = 0;
        for (int i = 0; i < want.data().length; i++) {
            worst = Math.max(worst, Math.abs(want.data()[i] - got.data()[i]));
        }
        assertEquals(0f, worst, "max |Δ|");
    }
}
