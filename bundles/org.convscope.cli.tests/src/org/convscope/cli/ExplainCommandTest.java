package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.convscope.core.npy.Npy;
import org.convscope.core.render.PixelFont;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainGridPicture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convscope explain}: several methods for several images in one run, one array per method,
 * the trust measures, and the same Grad-CAM map as {@code convscope gradcam}.
 */
class ExplainCommandTest {

    private final CommandLine cli = new CommandLine();

    private static final String MODEL = CommandLine.SAMPLE_MODEL;
    private static final String THREE = CommandLine.DIGIT_3;
    private static final String SEVEN = CommandLine.DIGIT_7;

    @Test
    void severalMethodsForSeveralImagesWithTheirMetrics(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("why.png");
        Path npy = dir.resolve("maps.npy");
        assertEquals(Command.OK, cli.run("explain", MODEL, THREE, SEVEN, "--method", "gradcam,saliency,occlusion",
                "--patch", "8", "--stride", "4", "--out", png.toString(), "--npy", npy.toString(), "--metrics"),
                cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("model mnist_convnet.keras (") && out.contains("2 image(s)"), out);
        assertTrue(out.contains("digit_3_0.png: class ") && out.contains("digit_7_0.png: class "), out);
        assertEquals(6, out.lines().filter(l -> l.startsWith("  ") && l.contains("deletion AUC")).count(), out);
        Tensor cam = Npy.read(dir.resolve("maps.gradcam.npy"));
        Tensor saliency = Npy.read(dir.resolve("maps.saliency.npy"));
        Tensor occlusion = Npy.read(dir.resolve("maps.occlusion.npy"));
        assertEquals(2, cam.dim(0));
        assertTrue(cam.dim(1) < 28, "Grad-CAM at the layer's resolution: " + cam.dim(1));
        assertArrayEquals(new int[] { 2, 28, 28 }, saliency.shape(), "pixel maps at the input's resolution");
        assertArrayEquals(new int[] { 2, 28, 28 }, occlusion.shape());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertTrue(grid.getWidth() > 3 * 160 && grid.getWidth() < 4 * 160, "three columns: " + grid.getWidth());
        assertTrue(grid.getHeight() > 2 * 160 && grid.getHeight() < 3 * 160, "two rows: " + grid.getHeight());
    }

    @Test
    void itsGradCamIsTheGradcamCommandsMap(@TempDir Path dir) throws IOException {
        Path single = dir.resolve("single.npy");
        assertEquals(Command.OK, cli.run("gradcam", MODEL, THREE, "--out", dir.resolve("g.png").toString(), "--npy",
                single.toString()), cli.err());
        assertEquals(Command.OK, cli.run("explain", MODEL, THREE, "--out", dir.resolve("e.png").toString(), "--npy",
                dir.resolve("e.npy").toString()), cli.err());
        Tensor gradcam = Npy.read(single);
        Tensor explained = Npy.read(dir.resolve("e.gradcam.npy"));
        assertArrayEquals(gradcam.shape(), new int[] { explained.dim(1), explained.dim(2) });
        for (int i = 0; i < gradcam.size(); i++) {
            assertEquals(gradcam.data()[i], explained.data()[i], 1e-6, "pixel " + i);
        }
    }

    @Test
    void anUnknownMethodIsAUsageErrorNamingTheKnownOnes() {
        assertEquals(Command.USAGE, cli.run("explain", MODEL, THREE, "--method", "gradcam,lime"));
        assertTrue(cli.err().contains("lime") && cli.err().contains("scorecam"), cli.err());
    }

    @Test
    void anInputIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("three.png");
        Files.copy(Path.of(THREE), copy);
        byte[] before = Files.readAllBytes(copy);
        assertEquals(Command.USAGE, cli.run("explain", MODEL, copy.toString(), "--out", copy.toString()));
        assertTrue(cli.err().contains("is one of the inputs"), cli.err());
        assertArrayEquals(before, Files.readAllBytes(copy));
        assertFalse(Files.exists(dir.resolve("three_explain.png")));
    }

    @Test
    void aConstantMapSaysSoInsteadOfNaN(@TempDir Path dir) throws IOException {
        // occluding a black image with black changes nothing: the occlusion map is 0 everywhere
        Path black = dir.resolve("black.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", black.toFile());
        assertEquals(Command.OK, cli.run("explain", MODEL, black.toString(), "--method", "occlusion", "--patch", "8",
                "--stride", "4", "--sanity", "--out", dir.resolve("e.png").toString()), cli.err());
        String out = cli.out();
        assertFalse(out.contains("NaN"), out);
        assertTrue(out.lines().anyMatch(
                l -> l.startsWith("  occlusion") && l.endsWith("sanity rho constant map constant map constant map")),
                out);
        assertEquals("0.500", ExplainCommand.rho(0.5f));
        assertEquals("-0.125", ExplainCommand.rho(-0.125f));
    }

    @Test
    void withMetricsTheGridHasTheirTextUnderTheTiles(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.png");
        Path measured = dir.resolve("measured.png");
        assertEquals(Command.OK, cli.run("explain", MODEL, THREE, "--method", "gradcam,saliency", "--out",
                plain.toString()), cli.err());
        assertEquals(Command.OK, cli.run("explain", MODEL, THREE, "--method", "gradcam,saliency", "--metrics",
                "--out", measured.toString()), cli.err());
        BufferedImage a = ImageIO.read(plain.toFile());
        BufferedImage b = ImageIO.read(measured.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight() + 2 * PixelFont.LINE + ExplainGridPicture.GAP, b.getHeight(),
                "two lines of metrics under the 168-pixel tiles");
        int text = 0;
        for (int y = a.getHeight() - ExplainGridPicture.GAP; y < b.getHeight(); y++) {
            for (int x = 0; x < b.getWidth(); x++) {
                text += b.getRGB(x, y) == ExplainGridPicture.TEXT ? 1 : 0;
            }
        }
        assertTrue(text > 100, "text pixels under the tiles: " + text);
    }

    @Test
    void npyNamesCarryTheMethod() {
        assertEquals(Path.of("d/maps.ig.npy"), ExplainCommand.npyFor(Path.of("d/maps.npy"),
                AttributionMethod.IG));
    }
}
