package org.convscope.engine.ops;

import java.util.Arrays;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A layer's output in the graph together with its shape without the batch axis. The engine tracks
 * shapes itself because SameDiff leaves them unknown while the batch size is open, and Flatten,
 * Reshape and Dense need them.
 *
 * @param variable the graph variable holding the output
 * @param shape    the output's dimensions, batch axis excluded
 */
public record OpOutput(SDVariable variable, long[] shape) {

    public OpOutput {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return variable.name() + Arrays.toString(shape);
    }
}
