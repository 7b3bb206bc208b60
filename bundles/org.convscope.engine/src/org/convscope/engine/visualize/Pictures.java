package org.convscope.engine.visualize;

import java.util.Arrays;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;

/** Pictures to lay a heat map on when the input is a tensor rather than an image file. */
public final class Pictures {

    private Pictures() {
    }

    /**
     * @param t one image, (1, H, W, C) or (H, W, C), 1 or 3 channels, any value range
     * @return the image stretched min–max to 0–255 (a constant tensor gives black)
     * @throws AnalysisException for other shapes
     */
    public static RgbImage ofTensor(Tensor t) {
        int[] s = t.shape();
        boolean batched = s.length == 4 && s[0] == 1;
        if (!(batched || s.length == 3) || (s[s.length - 1] != 1 && s[s.length - 1] != 3)) {
            throw new AnalysisException(MessageBundles.bind(Messages.notOneImage, Arrays.toString(s)));
        }
        int h = s[s.length - 3];
        int w = s[s.length - 2];
        int c = s[s.length - 1];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : t.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float scale = max > min ? 255f / (max - min) : 0f;
        float[] d = t.data();
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            int r = Math.round((d[i * c] - min) * scale);
            int g = c == 3 ? Math.round((d[i * c + 1] - min) * scale) : r;
            int b = c == 3 ? Math.round((d[i * c + 2] - min) * scale) : r;
            px[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new RgbImage(w, h, px);
    }
}
