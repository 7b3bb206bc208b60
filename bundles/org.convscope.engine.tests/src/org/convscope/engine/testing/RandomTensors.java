package org.convscope.engine.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.convscope.core.tensor.Tensor;

/** Seeded tensors for tests that build their models in code. */
public final class RandomTensors {

    private RandomTensors() {
    }

    /** @return a tensor of this shape, uniform in [-1, 1), the same for the same seed */
    public static Tensor uniform(long seed, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) r.nextDouble(-1, 1);
        }
        return new Tensor(d, shape);
    }
}
