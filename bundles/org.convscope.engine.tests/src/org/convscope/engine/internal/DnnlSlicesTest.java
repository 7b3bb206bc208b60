package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.bytedeco.javacpp.Loader;
import org.convscope.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A concatenation's gradient cut into its parts by oneDNN ({@link DnnlSlices}) against the same
 * windows taken by ND4J's indexing: every part of a split along the last axis, at ranks 2 to 5,
 * with widths and offsets that no vector width divides.
 */
class DnnlSlicesTest {

    @BeforeAll
    static void load() {
        Engine.checkPlatform();
        assertTrue(Dnnl.available() || !"linux-x86_64".equals(Loader.getPlatform()),
                "oneDNN's presets did not load on Linux x86-64");
    }

    @Test
    void everyPartIsItsWindowOfTheLastAxis() {
        if (!Dnnl.available()) {
            return; // elsewhere the backward pass copies the parts itself
        }
        Random random = new Random(3);
        long[][] shapes = { { 5, 23 }, { 2, 3, 23 }, { 2, 7, 5, 23 }, { 1, 2, 3, 4, 23 }, { 4, 25, 25, 288 } };
        long[][] widths = { { 3, 17, 3 }, { 1, 22 }, { 23 }, { 7, 16 }, { 64, 64, 96, 64 } };
        for (int k = 0; k < shapes.length; k++) {
            long[] shape = shapes[k];
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] values = new float[(int) n];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            INDArray whole = Nd4j.create(values, shape, 'c');
            long offset = 0;
            for (long w : widths[k % widths.length]) {
                long[] partShape = shape.clone();
                partShape[shape.length - 1] = w;
                INDArray part = Nd4j.createUninitialized(DataType.FLOAT, partShape);
                assertTrue(DnnlSlices.copy(whole, offset, part));
                INDArrayIndex[] window = new INDArrayIndex[shape.length];
                for (int a = 0; a < window.length; a++) {
                    window[a] = a < window.length - 1
                            ? NDArrayIndex.all()
                            : NDArrayIndex.interval(offset, offset + w);
                }
                float[] expected = whole.get(window).dup('c').data().asFloat();
                assertArrayEquals(expected, part.data().asFloat(), 0f,
                        "shape " + Arrays.toString(shape) + ", offset " + offset + ", width " + w);
                offset += w;
            }
        }
        assertTrue(DnnlSlices.size() <= DnnlSlices.KEPT);
    }

    @Test
    void declinesWhatItCannotTake() {
        INDArray vector = Nd4j.create(new float[] { 1, 2, 3 }, new long[] { 3 }, 'c');
        assertFalse(DnnlSlices.copy(vector, 0, Nd4j.createUninitialized(DataType.FLOAT, 2)), "rank 1");
        INDArray doubles = Nd4j.create(DataType.DOUBLE, 2, 4);
        assertFalse(DnnlSlices.copy(doubles, 0, Nd4j.createUninitialized(DataType.FLOAT, 2, 2)), "not floats");
        INDArray fortran = Nd4j.create(DataType.FLOAT, new long[] { 3, 4 }, 'f');
        assertFalse(DnnlSlices.copy(fortran, 1, Nd4j.createUninitialized(DataType.FLOAT, 3, 2)), "not C order");
    }
}
