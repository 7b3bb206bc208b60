package org.convscope.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputsTest {

    private static Path image(String name) {
        return Fixtures.file("images/" + name);
    }

    private static byte[] encode(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 7 + y * 13) * 0x010203);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    @Test
    void sixteenBitGreyKeepsTheHighByte() throws IOException {
        FloatImage img = ImageInputs.decode(image("src_grey16.png"));
        Tensor raw = Npy.read(image("src_grey16.npy"));
        assertEquals(1, img.channels());
        assertArrayEquals(new int[] { 9, 11 }, raw.shape());
        for (int i = 0; i < raw.size(); i++) {
            assertEquals((int) raw.data()[i] >> 8, (int) img.data()[i]);
        }
    }

    @Test
    void sixteenBitRgbKeepsTheHighBytes(@TempDir Path dir) throws IOException {
        ColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] { 16, 16, 16 },
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 2);
        for (int i = 0; i < 6; i++) {
            raster.setPixel(i % 3, i / 3, new int[] { 0xABCD + i, 0x1234 * i, 0xFFFF - i });
        }
        Path file = dir.resolve("rgb16.png");
        ImageIO.write(new BufferedImage(cm, raster, false, null), "png", file.toFile());
        FloatImage img = ImageInputs.decode(file);
        assertEquals(3, img.channels());
        for (int i = 0; i < 6; i++) {
            assertEquals((0xABCD + i) >> 8, (int) img.data()[3 * i]);
            assertEquals((0x1234 * i) >> 8, (int) img.data()[3 * i + 1]);
            assertEquals((0xFFFF - i) >> 8, (int) img.data()[3 * i + 2]);
        }
    }

    @Test
    void alphaIsDroppedAndPalettesExpanded() throws IOException {
        FloatImage rgba = ImageInputs.decode(image("src_rgba.png"));
        FloatImage rgb = ImageInputs.decode(image("src_rgb.png"));
        assertEquals(3, rgba.channels());
        assertArrayEquals(rgb.data(), rgba.data());
        FloatImage gif = ImageInputs.decode(image("src_palette.gif"));
        FloatImage png = ImageInputs.decode(image("src_palette.png"));
        assertArrayEquals(png.data(), gif.data());
        assertArrayEquals(rgb.data(), ImageInputs.decode(image("src_rgb.bmp")).data());
    }

    @Test
    void anAnimatedGifGivesItsFirstFrame() throws IOException {
        FloatImage img = ImageInputs.decode(image("anim.gif"));
        assertEquals(6, img.width());
        assertArrayEquals(new float[] { 255, 0, 0 }, Arrays.copyOf(img.data(), 3));
    }

    @Test
    void preprocessingEqualsKerasPreprocessInput() throws IOException {
        Tensor in = Npy.read(image("preprocess_in.npy"));
        for (String mode : new String[] { "caffe", "tf", "torch" }) {
            float[] x = in.data().clone();
            Preprocessing.named(mode).apply(x, 3);
            float[] want = Npy.read(image("preprocess_" + mode + ".npy")).data();
            for (int i = 0; i < x.length; i++) {
                assertEquals(want[i], x[i], 1e-6f * Math.max(1, Math.abs(want[i])), mode + " value " + i);
            }
        }
        float[] x = { 0f, 255f, 51f };
        Preprocessing.RESCALE.apply(x, 1);
        assertArrayEquals(new float[] { 0f, 1f, 0.2f }, x);
        assertThrows(AnalysisException.class, () -> Preprocessing.CAFFE.apply(new float[4], 1));
    }

    @Test
    void familiesChooseTheirPreprocessing() {
        assertEquals(Optional.of(Preprocessing.CAFFE), Preprocessing.forModelName("vgg16"));
        assertEquals(Optional.of(Preprocessing.CAFFE), Preprocessing.forModelName("resnet50"));
        assertEquals(Optional.of(Preprocessing.TF), Preprocessing.forModelName("resnet50v2"));
        assertEquals(Optional.of(Preprocessing.TF), Preprocessing.forModelName("mobilenetv2_1.00_224"));
        assertEquals(Optional.of(Preprocessing.TF), Preprocessing.forModelName("mobilenet_1.00_224"));
        assertEquals(Optional.of(Preprocessing.NONE), Preprocessing.forModelName("MobilenetV3small"));
        assertEquals(Optional.of(Preprocessing.TF), Preprocessing.forModelName("inception_v3"));
        assertEquals(Optional.of(Preprocessing.TF), Preprocessing.forModelName("xception"));
        assertEquals(Optional.of(Preprocessing.TORCH), Preprocessing.forModelName("densenet121"));
        assertEquals(Optional.of(Preprocessing.NONE), Preprocessing.forModelName("efficientnetb0"));
        assertEquals(Optional.empty(), Preprocessing.forModelName("sequential_1"));
        InputSpec spec = InputSpec.forModel(new int[] { -1, 224, 224, 3 }, "vgg16", Preprocessing.RESCALE);
        assertEquals(new InputSpec(224, 224, ColorMode.RGB, Interpolation.NEAREST, Preprocessing.CAFFE), spec);
        assertEquals(new InputSpec(0, 0, ColorMode.GRAYSCALE, Interpolation.NEAREST, Preprocessing.RESCALE),
                InputSpec.forModel(new int[] { -1, -1, -1, 1 }, null, Preprocessing.RESCALE));
    }

    @Test
    void severalImagesMakeOneBatch() throws IOException {
        InputSpec spec = new InputSpec(10, 16, ColorMode.RGB, Interpolation.NEAREST, Preprocessing.NONE);
        Tensor batch = ImageInputs.batch(List.of(image("src_rgb.png"), image("src_grey.png")), spec);
        assertArrayEquals(new int[] { 2, 10, 16, 3 }, batch.shape());
        FloatImage first = ImageInputs.decode(image("ref_rgb_png_rgb_10x16_nearest.png"));
        assertArrayEquals(first.data(), Arrays.copyOf(batch.data(), first.data().length));
        // a grey image fed to an RGB model repeats its luma in all three channels
        int second = 10 * 16 * 3;
        assertEquals(batch.data()[second], batch.data()[second + 1]);
        assertEquals(batch.data()[second], batch.data()[second + 2]);
    }

    @Test
    void aBatchOfDifferentSizesNeedsAnInputSize() {
        InputSpec keep = new InputSpec(0, 0, ColorMode.RGB, Interpolation.NEAREST, Preprocessing.NONE);
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageInputs.batch(List.of(image("src_rgb.png"), image("src_grey.png")), keep));
        assertEquals("src_grey.png: is 29x31, but src_rgb.png is 37x23; a batch needs one size"
                + " (give the model's input size to resize images)", e.getMessage());
    }

    @Test
    void aNpyInputIsTakenAsItIs(@TempDir Path dir) throws IOException {
        InputSpec spec = new InputSpec(10, 16, ColorMode.RGB, Interpolation.NEAREST, Preprocessing.TF);
        float[] values = new float[2 * 10 * 16 * 3];
        Arrays.fill(values, 7.5f);
        Path npy = dir.resolve("inputs.bin");
        Npy.write(npy, new Tensor(values, new int[] { 2, 10, 16, 3 }));
        Tensor batch = ImageInputs.batch(List.of(image("src_rgb.png"), npy), spec);
        assertArrayEquals(new int[] { 3, 10, 16, 3 }, batch.shape());
        assertEquals(7.5f, batch.data()[batch.size() - 1]);
        assertTrue(batch.data()[0] >= -1 && batch.data()[0] <= 1, "the image was preprocessed");

        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, new Tensor(new float[12], new int[] { 3, 4 }));
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageInputs.batch(List.of(wrong), spec));
        assertEquals("wrong.npy: array of shape [3, 4] is not an image input: expected (H, W, C) or (N, H, W, C)",
                e.getMessage());
        Path small = dir.resolve("small.npy");
        Npy.write(small, new Tensor(new float[4 * 4 * 3], new int[] { 4, 4, 3 }));
        e = assertThrows(ImageLoadException.class, () -> ImageInputs.batch(List.of(image("src_rgb.png"), small), spec));
        assertTrue(e.getMessage().startsWith("small.npy: is 4x4, but src_rgb.png is 16x10"), e.getMessage());
    }

    @Test
    void aBadArrayInABatchIsNamedOnce(@TempDir Path dir) throws IOException {
        InputSpec spec = new InputSpec(10, 16, ColorMode.RGB, Interpolation.NEAREST, Preprocessing.TF);
        byte[] good = Files.readAllBytes(Fixtures.file("render/f4_2x3x4.npy"));
        // ": " in the name once split the reader's message in the wrong place
        Path cut = Files.write(dir.resolve("run: 2.npy"), Arrays.copyOf(good, good.length - 5));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageInputs.batch(List.of(cut), spec));
        assertTrue(e.getMessage().startsWith("run: 2.npy: truncated: shape [2, 3, 4] of <f4 needs 96 bytes"),
                e.getMessage());
        assertEquals(cut, e.file());
    }

    @Test
    void badImagesGetMessagesNamingTheFile(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "hello, world");
        assertEquals("notes.jpg: not an image Convscope can read (first bytes 68 65 6C 6C; JPEG, PNG, BMP and GIF are)",
                assertThrows(ImageLoadException.class, () -> ImageInputs.decode(text)).getMessage());

        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertEquals("empty.png: empty file (0 bytes)",
                assertThrows(ImageLoadException.class, () -> ImageInputs.decode(empty)).getMessage());

        Path missing = dir.resolve("missing.png");
        assertEquals("missing.png: no such file",
                assertThrows(ImageLoadException.class, () -> ImageInputs.decode(missing)).getMessage());

        byte[] png = encode("png", 40, 30);
        Path cutPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageInputs.decode(cutPng));
        assertTrue(e.getMessage().startsWith("cut.png: "), e.getMessage());
        assertEquals(cutPng, e.file());

        byte[] jpg = encode("jpeg", 40, 30);
        Path cutJpg = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length - 100));
        e = assertThrows(ImageLoadException.class, () -> ImageInputs.decode(cutJpg));
        assertTrue(e.getMessage().startsWith("cut.jpg: truncated JPEG"), e.getMessage());

        byte[] gif = encode("gif", 40, 30);
        Path cutGif = Files.write(dir.resolve("cut.gif"), Arrays.copyOf(gif, 20));
        e = assertThrows(ImageLoadException.class, () -> ImageInputs.decode(cutGif));
        assertTrue(e.getMessage().startsWith("cut.gif: "), e.getMessage());

        Path npy = Fixtures.file("render/f4_2x3x4.npy");
        e = assertThrows(ImageLoadException.class, () -> ImageInputs.decode(npy));
        assertTrue(e.getMessage().endsWith("a numpy array: pass it as a .npy input"), e.getMessage());
    }

    @Test
    void aDecodedImageShowsAsItself() throws IOException {
        FloatImage img = ImageInputs.decode(image("src_rgb.png"));
        BufferedImage awt = ImageIO.read(image("src_rgb.png").toFile());
        assertEquals(awt.getRGB(12, 7) | 0xFF000000, img.toRgbImage().pixel(12, 7));
    }
}
