package org.convscope.core.diff;

import java.util.List;

/**
 * One weight of a matched layer compared, after dequantisation where the file quantises it.
 *
 * @param layer  the layer's id in the first model
 * @param bLayer its counterpart's id in the second
 * @param weight the weight's name ({@code kernel}); its position ({@code 0}) where neither file names it
 * @param aShape its shape in the first model, null when only the second has it
 * @param bShape its shape in the second model, null when only the first has it
 * @param maxAbs the largest absolute difference of two values; NaN when the shapes differ
 * @param rel    ‖a − b‖ / max(‖a‖, 1e-12), L2 over all values; NaN when the shapes differ
 */
public record WeightDifference(String layer, String bLayer, String weight, List<Integer> aShape,
        List<Integer> bShape, double maxAbs, double rel) {

    /** @return whether the two were compared value by value (both there, one shape) */
    public boolean compared() {
        return !Double.isNaN(maxAbs);
    }

    /** @return whether the values are identical, shapes included */
    public boolean same() {
        return compared() && maxAbs == 0;
    }
}
