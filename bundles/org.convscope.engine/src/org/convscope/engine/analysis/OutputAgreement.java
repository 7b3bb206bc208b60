package org.convscope.engine.analysis;

/**
 * How far the two models' final outputs (the first output of each, read as class scores per input)
 * agree.
 *
 * @param top1Agreement the fraction of inputs whose highest-scoring class is the same
 * @param top5Overlap   the mean over inputs of |top-5 of A ∩ top-5 of B| / 5 (top-k and k for fewer
 *                      than 5 classes)
 * @param inputs        how many inputs
 */
public record OutputAgreement(double top1Agreement, double top5Overlap, int inputs) {
}
