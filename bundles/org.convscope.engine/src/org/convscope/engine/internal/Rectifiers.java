package org.convscope.engine.internal;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Relu6;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU and ReLU6 forward and back through libnd4j's vectorised element-wise ops. Its
 * {@code clipbyvalue}, {@code relu_bp} and {@code relu6_bp} custom ops call a lambda per element;
 * on 19 M floats (MobileNetV2's largest activation, batch 16) they took 1.3–2.6 s, 0.36–0.53 s and
 * 0.87–1.14 s where the same values come from the scalar {@code relu6} op in 0.04–0.08 s, and from
 * two or four plain passes in 0.11–0.36 s and 0.19–0.52 s (one loaded machine, one process,
 * RESULTS.md session 10). The results are the same: the masks compare the output with the same
 * bounds. Where oneDNN is {@linkplain Dnnl#available available} the gradients take its one
 * vectorised pass instead ({@link DnnlRectifiers}).
 */
final class Rectifiers {

    private Rectifiers() {
    }

    /** @return whether {@code op} is a clip of one operand to [0, 6] (Keras's ReLU6) */
    static boolean relu6(DifferentialFunction op) {
        if (!(op instanceof ClipByValue c) || op.argNames().length != 1) {
            return false;
        }
        double[] t = c.tArgs();
        return t.length == 2 && t[0] == 0 && t[1] == 6;
    }

    /** {@code z = min(max(x, 0), 6)} */
    static void relu6(INDArray x, INDArray z) {
        Nd4j.exec(new Relu6(x, z, 0.0));
    }

    /**
     * TensorFlow's Relu6Grad from the output: {@code dx = dy} where {@code 0 < y < 6}, else 0, as
     * {@code step((6 − y) · y) · dy} (for y in [0, 6] the product is positive exactly there).
     *
     * @param y  the ReLU6's output
     * @param dx written; may not be {@code y} or {@code dy}
     */
    static void relu6Backward(INDArray y, INDArray dy, INDArray dx) {
        if (DnnlRectifiers.backward(true, y, dy, dx)) {
            return;
        }
        Nd4j.exec(new ScalarReverseSubtraction(y, null, dx, 6.0));
        Nd4j.exec(new MulOp(dx, y, dx));
        Nd4j.exec(new Step(dx, dx, 0.0));
        Nd4j.exec(new MulOp(dx, dy, dx));
    }

    /**
     * ReLU's gradient from the output: {@code dx = dy} where {@code y > 0}, else 0.
     *
     * @param y  the ReLU's output
     * @param dx written; may not be {@code y} or {@code dy}
     */
    static void reluBackward(INDArray y, INDArray dy, INDArray dx) {
        if (DnnlRectifiers.backward(false, y, dy, dx)) {
            return;
        }
        Nd4j.exec(new Step(y, dx, 0.0));
        Nd4j.exec(new MulOp(dx, dy, dx));
    }
}
