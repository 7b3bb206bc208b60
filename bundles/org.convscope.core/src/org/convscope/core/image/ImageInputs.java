package org.convscope.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.tensor.Tensor;

/**
 * Loads image files as model inputs, following {@code keras.utils.load_img} then
 * {@code preprocess_input}: decode, turn upright by EXIF orientation (which Keras does not), convert
 * to the colour mode, resize with Pillow's arithmetic, preprocess.
 */
public final class ImageInputs {

    private ImageInputs() {
    }

    /**
     * @return the file's pixels as stored (upright), 0–255, grey images with one channel and
     *         everything else RGB; for display and overlays
     * @throws ImageLoadException naming the file when it is not a readable image
     */
    public static FloatImage decode(Path file) throws IOException {
        return toFloat(ImageDecoder.decode(file));
    }

    /**
     * @return the file as one model input: converted, resized and preprocessed by {@code spec}
     * @throws ImageLoadException naming the file when it is not a readable image
     */
    public static FloatImage load(Path file, InputSpec spec) throws IOException {
        Raster8 r = ImageDecoder.decode(file);
        // Keras converts before it resizes, so resampling runs on the model's channels
        r = spec.colorMode() == ColorMode.RGB ? r.toRgb() : r.toGrey();
        if (spec.height() > 0) {
            r = PilResize.resize(r, spec.width(), spec.height(), spec.interpolation());
        }
        FloatImage img = toFloat(r);
        spec.preprocessing().apply(img.data(), img.channels());
        return img;
    }

    /**
     * @return the files as one NHWC batch, in order
     * @throws ImageLoadException naming the first bad file, or one whose size differs from the
     *                            first's when {@code spec} keeps the images' sizes
     */
    public static Tensor batch(List<Path> files, InputSpec spec) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        FloatImage first = null;
        float[] data = null;
        int item = 0;
        for (int i = 0; i < files.size(); i++) {
            FloatImage img = load(files.get(i), spec);
            if (first == null) {
                first = img;
                item = img.data().length;
                data = new float[Math.multiplyExact(item, files.size())];
            } else if (img.width() != first.width() || img.height() != first.height()) {
                throw new ImageLoadException(files.get(i), "is " + img.width() + "x" + img.height() + ", but "
                        + files.get(0).getFileName() + " is " + first.width() + "x" + first.height()
                        + "; a batch needs one size (give the model's input size to resize them)");
            }
            System.arraycopy(img.data(), 0, data, i * item, item);
        }
        return new Tensor(data, new int[] { files.size(), first.height(), first.width(), first.channels() });
    }

    private static FloatImage toFloat(Raster8 r) {
        byte[] b = r.data();
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = b[i] & 0xFF;
        }
        return new FloatImage(r.width(), r.height(), r.channels(), f);
    }
}
