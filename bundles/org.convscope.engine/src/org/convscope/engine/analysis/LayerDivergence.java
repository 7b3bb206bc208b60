package org.convscope.engine.analysis;

/**
 * How far one matched layer's output in the second model is from the first's, over every input
 * and value.
 *
 * @param layer  the layer's id in the first model
 * @param bLayer its counterpart's id in the second
 * @param maxAbs the largest absolute difference
 * @param rel    ‖a − b‖ / max(‖a‖, 1e-12), a being the first model's output
 * @param cosine a·b / (‖a‖ ‖b‖); 1 for two identical outputs, zero ones included, 0 when only one
 *               of them is zero
 */
public record LayerDivergence(String layer, String bLayer, double maxAbs, double rel, double cosine) {
}
