package org.convscope.ui.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convscope.core.image.FloatImage;
import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.eclipse.osgi.util.NLS;

/**
 * The images a store names, found on disk and decoded as the scan saw them: resized to the model's
 * input (when the model is known; else at their own size), so that the crops the store records
 * fall on the same pixels. An image file is looked for where the scan read it (the store's
 * {@code image_source}), then beside the store; an item {@code FILE.npy#INDEX} is item INDEX of
 * that batch, already preprocessed, and is shown stretched to 0–255. Decoded pictures are kept (a
 * few hundred), as one image is often among the top examples of many channels. Thread-safe.
 */
public final class ExampleImages {

    private static final Pattern NPY_ITEM = Pattern.compile("(?i)(.+\\.npy)#(\\d+)");
    private static final int KEPT = 512;

    /** A picture for display and the same image as the model's input. */
    record Loaded(RgbImage picture, Tensor input) {
    }

    private final Path source;
    private final Path storeFolder;
    private final InputSpec spec;
    private final Map<String, Loaded> cache = new LinkedHashMap<>(64, 0.75f, true);
    private Path npyFile;
    private Tensor npy;

    /**
     * @param atlas the store
     * @param spec  how the model takes an image, or null when the model is not at hand
     */
    public ExampleImages(Atlas atlas, InputSpec spec) {
        String s = atlas.manifest().get("image_source");
        this.source = s == null ? null : Path.of(s);
        Path parent = atlas.file().toAbsolutePath().getParent();
        this.storeFolder = parent == null ? Path.of(".") : parent;
        this.spec = spec;
    }

    /**
     * @param name an image's name in the store
     * @return the file it is in, or null when no candidate exists
     */
    public Path file(String name) {
        Matcher m = NPY_ITEM.matcher(name);
        String part = m.matches() ? m.group(1) : name;
        List<Path> candidates = new ArrayList<>();
        if (source != null) {
            candidates.add(source.resolve(part));
            if (source.getParent() != null) {
                candidates.add(source.getParent().resolve(part));
            }
            if (source.getFileName() != null && source.getFileName().toString().equals(part)) {
                candidates.add(source);
            }
        }
        candidates.add(storeFolder.resolve(part));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * @param name an image's name in the store
     * @return the image, or null when its file is missing
     * @throws IOException naming the file when it is there but cannot be read
     */
    Loaded load(String name) throws IOException {
        synchronized (cache) {
            Loaded l = cache.get(name);
            if (l != null) {
                return l;
            }
        }
        Path f = file(name);
        if (f == null) {
            return null;
        }
        Matcher m = NPY_ITEM.matcher(name);
        Loaded l = m.matches() ? npyItem(f, Integer.parseInt(m.group(2))) : imageFile(f);
        synchronized (cache) {
            cache.put(name, l);
            while (cache.size() > KEPT) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        return l;
    }

    private Loaded imageFile(Path f) throws IOException {
        if (spec == null) {
            FloatImage img = ImageInputs.decode(f);
            return new Loaded(img.toRgbImage(), null);
        }
        FloatImage raw = ImageInputs.load(f, spec.withPreprocessing(Preprocessing.NONE));
        return new Loaded(raw.toRgbImage(), ImageInputs.load(f, spec).toTensor());
    }

    private synchronized Loaded npyItem(Path f, int index) throws IOException {
        if (!f.equals(npyFile)) {
            npy = null;
            Tensor t = Npy.read(f);
            if (t.rank() != 4) {
                throw new IOException(NLS.bind(Messages.npyNotBatch, f, Arrays.toString(t.shape())));
            }
            npyFile = f;
            npy = t;
        }
        if (index >= npy.dim(0)) {
            return null;
        }
        int h = npy.dim(1);
        int w = npy.dim(2);
        int c = npy.dim(3);
        int size = h * w * c;
        float[] d = new float[size];
        System.arraycopy(npy.data(), index * size, d, 0, size);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : d) {
            if (v - v == 0f) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float scale = max > min ? 255f / (max - min) : 0f;
        int[] px = new int[h * w];
        for (int i = 0; i < px.length; i++) {
            int r = grey(d[i * c], min, scale);
            int g = c >= 3 ? grey(d[i * c + 1], min, scale) : r;
            int b = c >= 3 ? grey(d[i * c + 2], min, scale) : r;
            px[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new Loaded(new RgbImage(w, h, px), new Tensor(d, new int[] { 1, h, w, c }));
    }

    private static int grey(float v, float min, float scale) {
        return v - v == 0f ? Math.max(0, Math.min(255, Math.round((v - min) * scale))) : 0;
    }

    /**
     * @param picture an image as the model saw it
     * @param crop    {@code {top, left, bottom, right}}, bottom and right exclusive
     * @return that part of it, clipped to the picture; the whole picture for an empty crop
     */
    static RgbImage crop(RgbImage picture, int[] crop) {
        int top = Math.max(0, Math.min(picture.height() - 1, crop[0]));
        int left = Math.max(0, Math.min(picture.width() - 1, crop[1]));
        int bottom = Math.max(top + 1, Math.min(picture.height(), crop[2]));
        int right = Math.max(left + 1, Math.min(picture.width(), crop[3]));
        int w = right - left;
        int h = bottom - top;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(picture.argb(), (top + y) * picture.width() + left, px, y * w, w);
        }
        return new RgbImage(w, h, px);
    }
}
