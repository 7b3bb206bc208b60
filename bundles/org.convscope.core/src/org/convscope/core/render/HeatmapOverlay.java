package org.convscope.core.render;

/**
 * Lays a coarse heat map (a Grad-CAM map at the layer's resolution) over the full-size input
 * image: normalised to [0, 1] by {@code (h − min)/(max − min + ε)} so it is never NaN, stretched
 * bilinearly to the image's size, coloured with a colour map (jet, as in the notebook), and
 * blended with the image at the given opacity.
 */
public final class HeatmapOverlay {

    private static final double EPSILON = 1e-7;

    private HeatmapOverlay() {
    }

    /** @return the overlay with jet at {@code opacity} (the notebook uses 0.4) */
    public static RgbImage overlay(RgbImage image, float[] heatmap, int heatWidth, int heatHeight, double opacity) {
        return overlay(image, heatmap, heatWidth, heatHeight, opacity, Colormap.JET);
    }

    /**
     * @param image      the picture underneath
     * @param heatmap    row-major values, {@code heatWidth × heatHeight}; non-finite ones count as the minimum
     * @param heatWidth  heat-map columns
     * @param heatHeight heat-map rows
     * @param opacity    weight of the heat colour, 0 (image only) to 1 (heat only)
     * @param colormap   the heat colours
     * @return a new image of the same size: {@code (1 − opacity)·image + opacity·colour}
     */
    public static RgbImage overlay(RgbImage image, float[] heatmap, int heatWidth, int heatHeight, double opacity,
            Colormap colormap) {
        if (heatWidth < 1 || heatHeight < 1 || heatmap.length != heatWidth * heatHeight) {
            throw new IllegalArgumentException(
                    "heat map of " + heatmap.length + " values is not " + heatWidth + "x" + heatHeight);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity " + opacity + " outside [0, 1]");
        }
        float[] h = normalise(heatmap);
        int w = image.width();
        int ht = image.height();
        int[] out = new int[w * ht];
        double sx = (double) heatWidth / w;
        double sy = (double) heatHeight / ht;
        for (int y = 0; y < ht; y++) {
            // pixel centres, as image resizers align them, so the map is not shifted by half a cell
            double fy = Math.max(0, Math.min(heatHeight - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(heatHeight - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(heatWidth - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(heatWidth - 1, x0 + 1);
                double wx = fx - x0;
                double top = h[y0 * heatWidth + x0] * (1 - wx) + h[y0 * heatWidth + x1] * wx;
                double bottom = h[y1 * heatWidth + x0] * (1 - wx) + h[y1 * heatWidth + x1] * wx;
                int heat = colormap.argb(top * (1 - wy) + bottom * wy);
                out[y * w + x] = blend(image.argb()[y * w + x], heat, opacity);
            }
        }
        return new RgbImage(w, ht, out);
    }

    private static float[] normalise(float[] heatmap) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : heatmap) {
            if (v - v == 0f) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float[] h = new float[heatmap.length];
        if (min > max) {
            return h;
        }
        double scale = 1 / (max - min + EPSILON);
        for (int i = 0; i < h.length; i++) {
            float v = heatmap[i];
            h[i] = v - v == 0f ? (float) ((v - min) * scale) : 0f;
        }
        return h;
    }

    private static int blend(int under, int over, double a) {
        int r = mix(under >> 16 & 0xFF, over >> 16 & 0xFF, a);
        int g = mix(under >> 8 & 0xFF, over >> 8 & 0xFF, a);
        int b = mix(under & 0xFF, over & 0xFF, a);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static int mix(int u, int o, double a) {
        return (int) Math.round(u * (1 - a) + o * a);
    }
}
