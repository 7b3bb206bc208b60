package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bytedeco.javacpp.Loader;
import org.convscope.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rectifiers' gradients by oneDNN ({@link DnnlRectifiers}) against TensorFlow's definitions
 * written out per element: ReluGrad passes dy where y > 0, Relu6Grad where 0 < y < 6. The outputs
 * hold the bounds themselves (0 and 6, where a saturated ReLU6 sits), values just inside them, and
 * odd lengths that no vector width divides.
 */
class DnnlRectifiersTest {

    @BeforeAll
    static void load() {
        Engine.checkPlatform();
        assertTrue(Dnnl.available() || !"linux-x86_64".equals(Loader.getPlatform()),
                "oneDNN's presets did not load on Linux x86-64");
    }

    @Test
    void gradientsPassExactlyWhereTensorFlowsDo() {
        if (!Dnnl.available()) {
            return; // elsewhere libnd4j's passes serve alone
        }
        Random random = new Random(14);
        for (int length : new int[] { 1, 7, 33, 1000, 100_003 }) {
            float[] y = new float[length];
            float[] dy = new float[length];
            float[] bounds = { 0f, 6f, Math.nextUp(0f), Math.nextDown(6f), 3f };
            for (int i = 0; i < length; i++) {
                y[i] = i < bounds.length ? bounds[i] : random.nextInt(4) == 0 ? 6f : random.nextFloat() * 6.5f;
                dy[i] = (float) random.nextGaussian();
            }
            for (boolean six : new boolean[] { false, true }) {
                float[] expected = new float[length];
                for (int i = 0; i < length; i++) {
                    boolean passes = six ? y[i] > 0 && y[i] < 6 : y[i] > 0;
                    expected[i] = passes ? dy[i] : 0f;
                }
                INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, 1, length);
                assertTrue(DnnlRectifiers.backward(six, Nd4j.create(y, 1, length), Nd4j.create(dy, 1, length), dx));
                // a delta of 0: the sign of a zero (oneDNN multiplies by 0) is no difference
                assertArrayEquals(expected, dx.data().asFloat(), 0f, (six ? "ReLU6" : "ReLU") + ", length " + length);

                // the engine's entry point gives the same, and may write over the gradient
                INDArray inPlace = Nd4j.create(dy.clone(), 1, length);
                if (six) {
                    Rectifiers.relu6Backward(Nd4j.create(y, 1, length), inPlace, inPlace);
                } else {
                    Rectifiers.reluBackward(Nd4j.create(y, 1, length), inPlace, inPlace);
                }
                assertArrayEquals(expected, inPlace.data().asFloat(), 0f);
            }
        }
    }

    @Test
    void oneDnnTakesOnlyDenseFloatArraysOfOneLength() {
        if (!Dnnl.available()) {
            return; // elsewhere libnd4j's passes serve alone
        }
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 4, 6);
        assertFalse(DnnlRectifiers.backward(true, y.transpose(), dy.transpose(),
                Nd4j.create(DataType.FLOAT, 6, 4).transpose()), "a transposed view");
        assertFalse(DnnlRectifiers.backward(false, y, dy, Nd4j.create(DataType.FLOAT, 4, 5)), "another length");
        assertFalse(DnnlRectifiers.backward(false, y.castTo(DataType.DOUBLE), dy.castTo(DataType.DOUBLE),
                Nd4j.create(DataType.DOUBLE, 4, 6)), "doubles");
    }
}
