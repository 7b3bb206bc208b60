package org.convscope.core.image;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.npy.Npy;
import org.convscope.core.npy.NpyFormatException;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;

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
     * Stacks several inputs into one NHWC batch, in order. An input may also be a numpy
     * {@code .npy} array (recognised by its content), shaped (H, W, C) or (N, H, W, C): it is
     * taken as it is, already preprocessed, and contributes its N items.
     *
     * @return the batch
     * @throws ImageLoadException naming the first bad file, or one whose size differs from the
     *                            first's (when {@code spec} keeps the images' sizes, or for an array)
     */
    public static Tensor batch(List<Path> files, InputSpec spec) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        List<Tensor> items = new ArrayList<>();
        int[] itemShape = null;
        long total = 0;
        for (Path file : files) {
            Tensor t = isNpy(file) ? array(file) : load(file, spec).toTensor();
            int[] s = t.shape();
            int[] hwc = { s[1], s[2], s[3] };
            if (itemShape == null) {
                itemShape = hwc;
            } else if (!Arrays.equals(itemShape, hwc)) {
                throw new ImageLoadException(file, MessageBundles.bind(Messages.batchSizesDiffer, describe(hwc),
                        files.get(0).getFileName(), describe(itemShape)));
            }
            items.add(t);
            total += t.size();
        }
        float[] data = new float[Math.toIntExact(total)];
        int at = 0;
        int n = 0;
        for (Tensor t : items) {
            System.arraycopy(t.data(), 0, data, at, t.size());
            at += t.size();
            n += t.dim(0);
        }
        return new Tensor(data, new int[] { n, itemShape[0], itemShape[1], itemShape[2] });
    }

    private static String describe(int[] hwc) {
        return hwc[2] == 1
                ? MessageBundles.bind(Messages.sizeGrey, hwc[1], hwc[0])
                : hwc[2] == 3
                        ? MessageBundles.bind(Messages.sizeColour, hwc[1], hwc[0])
                        : MessageBundles.bind(Messages.sizeChannels, hwc[1], hwc[0], hwc[2]);
    }

    private static boolean isNpy(Path file) throws IOException {
        try {
            return Npy.isNpy(file);
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(file, Messages.noSuchFile, e);
        }
    }

    private static Tensor array(Path file) throws IOException {
        Tensor t;
        try {
            t = Npy.read(file);
        } catch (NpyFormatException e) {
            throw new ImageLoadException(file, e.problem(), e);
        }
        int[] s = t.shape();
        if (s.length == 3) {
            return new Tensor(t.data(), new int[] { 1, s[0], s[1], s[2] });
        }
        if (s.length != 4 || s[0] == 0) {
            throw new ImageLoadException(file, MessageBundles.bind(Messages.arrayNotImage, Arrays.toString(s)));
        }
        return t;
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
