package org.convscope.engine;

import java.util.Map;

import org.convscope.core.tensor.Tensor;

/**
 * Gradients of an {@link Objective}, with the forward values that usually go with them.
 *
 * @param gradients        name → d(objective)/d(that tensor), same shape as it; names are input
 *                         layer names or layer names
 * @param outputs          name → the forward value of the same tensors (Grad-CAM needs the layer's
 *                         activation beside its gradient)
 * @param objectivePerItem the objective's value for each batch item (a filter whose value stays at
 *                         zero is dead)
 */
public record GradientResult(Map<String, Tensor> gradients, Map<String, Tensor> outputs, float[] objectivePerItem) {

    public GradientResult {
        gradients = Map.copyOf(gradients);
        outputs = Map.copyOf(outputs);
        objectivePerItem = objectivePerItem.clone();
    }

    /** @return the gradient with respect to {@code name}; fails when it was not asked for */
    public Tensor gradient(String name) {
        Tensor t = gradients.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no gradient for '" + name + "' in this result");
        }
        return t;
    }

    @Override
    public float[] objectivePerItem() {
        return objectivePerItem.clone();
    }
}
