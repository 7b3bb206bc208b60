package org.convscope.engine.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.render.HeatmapOverlay;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;

/**
 * What an {@link Explanation} becomes outside the engine, the same for the command line's
 * {@code explain} and the Explain view: each map laid over its image in jet, the grid picture of
 * them (rows images, columns methods), and a method's maps as one {@code .npy} array.
 */
public final class ExplainPictures {

    /** Smallest side of a tile in the grid picture: small inputs are drawn larger, pixel by pixel. */
    private static final int TILE = 160;
    private static final int GAP = 4;
    private static final int BACKGROUND = 0xFF202020;

    private ExplainPictures() {
    }

    /** @return {@code a} normalised and laid over {@code picture} in jet at {@code alpha}, at the picture's size */
    public static RgbImage overlay(RgbImage picture, Attribution a, double alpha) {
        return HeatmapOverlay.overlay(picture, a.normalized(), a.width(), a.height(), alpha);
    }

    /**
     * @param pictures the images the maps are laid over, in the batch's order
     * @return rows images, columns {@code methods}; each map normalised and laid over its image in jet
     */
    public static RgbImage grid(Explanation e, List<RgbImage> pictures, List<AttributionMethod> methods,
            double alpha) {
        List<List<RgbImage>> rows = new ArrayList<>();
        for (ImageExplanation image : e.images()) {
            RgbImage picture = pictures.get(image.image());
            int scale = Math.max(1,
                    (int) Math.ceil((double) TILE / Math.max(1, Math.min(picture.width(), picture.height()))));
            List<RgbImage> row = new ArrayList<>();
            for (AttributionMethod m : methods) {
                row.add(upscale(overlay(picture, image.maps().get(m), alpha), scale));
            }
            rows.add(row);
        }
        int width = rows.stream().mapToInt(r -> r.stream().mapToInt(RgbImage::width).sum() + GAP * (r.size() + 1))
                .max().orElse(1);
        int height = rows.stream().mapToInt(r -> r.get(0).height()).sum() + GAP * (rows.size() + 1);
        int[] argb = new int[width * height];
        Arrays.fill(argb, BACKGROUND);
        int y0 = GAP;
        for (List<RgbImage> row : rows) {
            int x0 = GAP;
            for (RgbImage tile : row) {
                for (int y = 0; y < tile.height(); y++) {
                    System.arraycopy(tile.argb(), y * tile.width(), argb, (y0 + y) * width + x0, tile.width());
                }
                x0 += tile.width() + GAP;
            }
            y0 += row.get(0).height() + GAP;
        }
        return new RgbImage(width, height, argb);
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
