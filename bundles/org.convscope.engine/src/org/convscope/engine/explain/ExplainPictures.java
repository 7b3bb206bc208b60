package org.convscope.engine.explain;

import java.nio.file.Path;
import java.util.List;

import org.convscope.core.render.HeatmapOverlay;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;

/**
 * What an {@link Explanation} becomes outside the engine, the same for the command line's
 * {@code explain} and the Explain view: each map laid over its image in jet, enlarged, and a
 * method's maps as one {@code .npy} array. The grid picture of them is {@link ExplainGridPicture}.
 */
public final class ExplainPictures {

    private ExplainPictures() {
    }

    /** @return {@code a} normalised and laid over {@code picture} in jet at {@code alpha}, at the picture's size */
    public static RgbImage overlay(RgbImage picture, Attribution a, double alpha) {
        return HeatmapOverlay.overlay(picture, a.normalized(), a.width(), a.height(), alpha);
    }

    /** @return {@code image} with each pixel repeated k × k times */
    public static RgbImage upscale(RgbImage image, int k) {
        if (k == 1) {
            return image;
        }
        int w = image.width() * k;
        int h = image.height() * k;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = image.argb()[(y / k) * image.width() + x / k];
            }
        }
        return new RgbImage(w, h, argb);
    }

    /**
     * @return the maps of {@code m} for every image, in the batch's order, as one float32 array of
     *         shape (images, H, W) at the map's resolution
     */
    public static Tensor stack(Explanation e, AttributionMethod m) {
        List<ImageExplanation> images = e.images();
        Attribution first = images.get(0).maps().get(m);
        float[] all = new float[images.size() * first.height() * first.width()];
        for (ImageExplanation image : images) {
            float[] v = image.maps().get(m).values();
            System.arraycopy(v, 0, all, image.image() * v.length, v.length);
        }
        return new Tensor(all, new int[] { images.size(), first.height(), first.width() });
    }

    /** @return {@code base} with the method inserted before its extension: {@code maps.npy} → {@code maps.gradcam.npy} */
    public static Path npyFile(Path base, AttributionMethod m) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String file = dot > 0 ? name.substring(0, dot) + "." + m.id() + name.substring(dot) : name + "." + m.id();
        return base.resolveSibling(file);
    }
}
