package org.convscope.engine.visualize;

/**
 * Adam (Kingma and Ba, 2015) ascending a vector of parameters, with TensorFlow's
 * {@code AdamOptimizer} defaults (β₁ 0.9, β₂ 0.999, ε 1e-8). Each coordinate is scaled on its own,
 * so items of a batch stored side by side move exactly as they would alone.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double rate;
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(int size, double rate) {
        this.rate = rate;
        m = new double[size];
        v = new double[size];
    }

    /** One step up the gradient {@code g} of {@code p}. */
    void ascend(double[] p, double[] g) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double step = rate * Math.sqrt(c2) / c1;
        for (int i = 0; i < p.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            p[i] += step * m[i] / (Math.sqrt(v[i]) + EPSILON);
        }
    }
}
