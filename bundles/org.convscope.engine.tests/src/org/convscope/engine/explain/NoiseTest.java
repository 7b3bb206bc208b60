package org.convscope.engine.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** {@link Noise#fill} draws, on every core, the very numbers one {@link Noise} draws in sequence. */
class NoiseTest {

    @Test
    void fillDrawsTheSequencesNumbers() {
        for (long seed : new long[] { 0, 7, -3 }) {
            for (int first : new int[] { 0, 1, 6 }) {
                // across chunks, of an odd length
                float[] expected = new float[3 * 65536 + 11];
                Noise n = new Noise(seed);
                for (int i = 0; i < first; i++) {
                    n.nextGaussian();
                }
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) (0.25 + 1.5 * n.nextGaussian());
                }
                float[] drawn = new float[expected.length];
                Noise.fill(seed, first, 0.25, 1.5, drawn);
                assertArrayEquals(expected, drawn, "seed " + seed + ", from " + first);
            }
        }
    }
}
