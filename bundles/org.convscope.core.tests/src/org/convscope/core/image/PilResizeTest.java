package org.convscope.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Decoding and resizing against what Keras's {@code load_img} (through Pillow) gives for the same
 * files: fixtures/images/references.txt, made by make_images.py. JPEG decoding is included: Java's
 * decoder and Pillow's libjpeg give the same pixels for these files.
 */
class PilResizeTest {

    @Test
    void everyReferenceMatchesPillowExactly() throws IOException {
        Path dir = Fixtures.file("images");
        List<String> lines = Files.readAllLines(dir.resolve("references.txt"));
        int cases = 0;
        StringBuilder report = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            ColorMode mode = f[1].equals("rgb") ? ColorMode.RGB : ColorMode.GRAYSCALE;
            InputSpec spec = new InputSpec(Integer.parseInt(f[2]), Integer.parseInt(f[3]), mode,
                    Interpolation.named(f[4]), Preprocessing.NONE);
            FloatImage got = ImageInputs.load(dir.resolve(f[0]), spec);
            FloatImage want = ImageInputs.decode(dir.resolve(f[5]));
            assertEquals(want.width(), got.width(), line);
            assertEquals(want.height(), got.height(), line);
            assertEquals(want.channels(), got.channels(), line);
            float worst = 0;
            int differing = 0;
            for (int i = 0; i < want.data().length; i++) {
                float d = Math.abs(want.data()[i] - got.data()[i]);
                worst = Math.max(worst, d);
                differing += d > 0 ? 1 : 0;
            }
            report.append(String.format(Locale.ROOT, "%s: max |Δ| %.0f, %d of %d values differ%n", f[5], worst,
                    differing, want.data().length));
            // the brief allows one level; Pillow's fixed-point arithmetic is reproduced exactly
            assertTrue(worst == 0, report.toString());
            cases++;
        }
        assertEquals(17, cases);
    }

    @Test
    void nearestPicksTheSourcePixelUnderEachCentre() {
        byte[] row = new byte[10];
        for (int i = 0; i < 10; i++) {
            row[i] = (byte) i;
        }
        Raster8 r = PilResize.resize(new Raster8(10, 1, 1, row), 4, 1, Interpolation.NEAREST);
        // centres at 1.25, 3.75, 6.25, 8.75 source pixels
        assertEquals(List.of(1, 3, 6, 8), List.of(r.get(0, 0, 0), r.get(1, 0, 0), r.get(2, 0, 0), r.get(3, 0, 0)));
    }
}
