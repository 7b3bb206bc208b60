package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.model.ExecutionGraph;
import org.convscope.core.model.ExecutionGraph.Step;
import org.convscope.core.model.ExecutionGraph.TensorId;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;

/**
 * The receptive field of every 2-D layer of an image model, from the graph alone: each
 * convolution, pooling, padding or cropping layer along the way widens, shifts and strides the
 * field by its kernel size, stride, dilation and padding (Keras's {@code same} padding puts the
 * odd pixel after, as TensorFlow does); layers that work per position (activations,
 * normalisation, dropout) keep it; a merge takes the union of its inputs' fields. A layer after
 * anything else that moves positions (up-sampling, resizing, reshaping, an unknown layer) has no
 * field here, and a caller uses the whole input.
 */
public final class ReceptiveFields {

    private ReceptiveFields() {
    }

    /**
     * @param graph an image model (channels last)
     * @return layer id → the field of its output's positions, for every layer with a 4-D output
     *         whose field is known, in the graph's order
     */
    public static Map<String, ReceptiveField> of(ModelGraph graph) {
        ExecutionGraph flat = graph.flatten();
        Map<TensorId, ReceptiveField> fields = new HashMap<>();
        for (TensorId in : flat.inputs()) {
            fields.put(in, ReceptiveField.PIXEL);
        }
        for (Step step : flat.steps()) {
            if (step.inputs().isEmpty()) {
                continue;
            }
            List<ReceptiveField> ins = new ArrayList<>();
            for (TensorId t : step.inputs()) {
                ins.add(fields.get(t));
            }
            if (ins.contains(null)) {
                continue;
            }
            TensorShape inShape = step.inputs().size() == 1 ? flat.shapeOf(step.inputs().get(0)) : null;
            ReceptiveField out = apply(step.layer(), union(ins), inShape);
            for (int k = 0; out != null && k < step.outputShapes().size(); k++) {
                if (step.outputShapes().get(k).rank() == 4) {
                    fields.put(new TensorId(step.index(), k), out);
                }
            }
        }
        Map<String, ReceptiveField> byLayer = new LinkedHashMap<>();
        for (String id : flat.layerIds()) {
            List<TensorId> outs = flat.outputsOf(id);
            if (outs.size() == 1 && fields.containsKey(outs.get(0))) {
                byLayer.put(id, fields.get(outs.get(0)));
            }
        }
        return byLayer;
    }

    /** The smallest field holding every input's (a merge reads them all at one position). */
    private static ReceptiveField union(List<ReceptiveField> fields) {
        if (fields.size() == 1) {
            return fields.get(0);
        }
        List<ReceptiveField.Axis> ys = new ArrayList<>();
        List<ReceptiveField.Axis> xs = new ArrayList<>();
        for (ReceptiveField f : fields) {
            ys.add(f.y());
            xs.add(f.x());
        }
        return new ReceptiveField(unionAxis(ys), unionAxis(xs));
    }

    private static ReceptiveField.Axis unionAxis(List<ReceptiveField.Axis> axes) {
        double start = Double.POSITIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        double jump = 0;
        for (ReceptiveField.Axis a : axes) {
            start = Math.min(start, a.start());
            end = Math.max(end, a.start() + a.size());
            jump = Math.max(jump, a.jump());
        }
        return new ReceptiveField.Axis(start, jump, end - start);
    }

    /** @return the field after {@code layer}, or null when this class does not know it */
    private static ReceptiveField apply(Layer layer, ReceptiveField in, TensorShape inShape) {
        LayerConfig c = new LayerConfig(layer.kerasClass(), layer.config());
        String cls = layer.kerasClass();
        if (cls.matches("(Separable|Depthwise)?Conv(olution)?2D|AtrousConvolution2D|SeparableConvolution2D")) {
            if (c.channelsFirst()) {
                return null;
            }
            ConvMapper m = new ConvMapper(2);
            int[] k = cls.startsWith("Depthwise")
                    ? c.tuple(2, 1, "kernel_size")
                    : m.kernel(c);
            return window(in, inShape, k, m.strides(c), m.dilation(c), c.padding());
        }
        if (cls.matches("(Max|Average)Pool(ing)?2D")) {
            if (c.channelsFirst()) {
                return null;
            }
            int[] pool = c.tuple(2, 2, "pool_size", "pool_length");
            int[] strides = c.has("strides", "stride") ? c.tuple(2, 1, "strides", "stride") : pool;
            return window(in, inShape, pool, strides, new int[] { 1, 1 }, c.padding());
        }
        if (cls.equals("ZeroPadding2D") || cls.equals("Cropping2D")) {
            int[] before = before(c, cls.equals("ZeroPadding2D") ? "padding" : "cropping");
            int sign = cls.equals("ZeroPadding2D") ? -1 : 1;
            return before == null
                    ? null
                    : new ReceptiveField(shift(in.y(), sign * before[0]),
                            shift(in.x(), sign * before[1]));
        }
        LayerCategory category = layer.category();
        boolean perPosition = category == LayerCategory.ACTIVATION || category == LayerCategory.NORMALIZATION
                || category == LayerCategory.DROPOUT || category == LayerCategory.MERGE;
        return perPosition && !cls.equals("LayerNormalization") ? in : null;
    }

    private static ReceptiveField.Axis shift(ReceptiveField.Axis a, int positions) {
        return new ReceptiveField.Axis(a.start() + positions * a.jump(), a.jump(), a.size());
    }

    /** A sliding window: kernel {@code k}, stride {@code s}, dilation {@code d} per axis. */
    private static ReceptiveField window(ReceptiveField in, TensorShape inShape, int[] k, int[] s, int[] d,
            String padding) {
        ReceptiveField.Axis[] axes = new ReceptiveField.Axis[2];
        for (int i = 0; i < 2; i++) {
            ReceptiveField.Axis a = i == 0 ? in.y() : in.x();
            int effective = d[i] * (k[i] - 1) + 1;
            Integer length = inShape == null || inShape.rank() != 4 ? null : inShape.dim(1 + i);
            int before = padBefore(padding.toLowerCase(Locale.ROOT), length, effective, s[i]);
            axes[i] = new ReceptiveField.Axis(a.start() - before * a.jump(), a.jump() * s[i],
                    a.size() + (effective - 1) * a.jump());
        }
        return new ReceptiveField(axes[0], axes[1]);
    }

    /**
     * The padding before the first position, as TensorFlow computes it: {@code same} pads
     * {@code max((ceil(n / s) - 1) * s + k - n, 0)} in all, the smaller half first; for an input of
     * unknown length, that of a length divisible by the stride.
     */
    static int padBefore(String padding, Integer length, int effective, int stride) {
        switch (padding) {
            case "same" : {
                int n = length != null ? length : stride;
                int out = (n + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + effective - n, 0);
                return total / 2;
            }
            case "causal" :
            case "full" :
                return effective - 1;
            default :
                return 0;
        }
    }

    /** The padding or cropping before the first row and column: {@code {top, left}}, or null. */
    private static int[] before(LayerConfig c, String key) {
        Object v = c.get(key);
        if (v instanceof Number n) {
            return new int[] { n.intValue(), n.intValue() };
        }
        if (v instanceof Map<?, ?> m) {
            String suffix = key.equals("padding") ? "_pad" : "_crop";
            return new int[] { number(m.get("top" + suffix)), number(m.get("left" + suffix)) };
        }
        if (v instanceof List<?> l && l.size() == 2) {
            int[] out = new int[2];
            for (int i = 0; i < 2; i++) {
                Object a = l.get(i);
                if (a instanceof Number n) {
                    out[i] = n.intValue();
                } else if (a instanceof List<?> pair && !pair.isEmpty()) {
                    out[i] = number(pair.get(0));
                } else {
                    return null;
                }
            }
            return out;
        }
        return null;
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
