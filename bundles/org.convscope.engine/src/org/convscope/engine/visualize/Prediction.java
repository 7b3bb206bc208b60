package org.convscope.engine.visualize;

/**
 * One entry of a model's top-k.
 *
 * @param index the output unit (class index)
 * @param score its value in the model's output
 * @param label the class name, or {@code null} when no label set applies
 */
public record Prediction(int index, float score, String label) {

    /** @return {@code "386 African elephant 0.912"}, or without the name when there is none */
    @Override
    public String toString() {
        return index + (label == null ? "" : " " + label) + " " + score;
    }
}
