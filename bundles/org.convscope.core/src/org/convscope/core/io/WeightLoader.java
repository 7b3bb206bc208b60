package org.convscope.core.io;

import java.io.IOException;

import org.convscope.core.tensor.Tensor;

/**
 * Reads one weight's values on demand, so that opening a model costs no more than its structure.
 */
@FunctionalInterface
public interface WeightLoader {

    /**
     * @return the values as float32 in Keras's layout (conv kernel HWIO, dense kernel (in, out));
     *         quantized weights come back dequantized
     * @throws ModelFormatException if the stored data is damaged, missing or larger than allowed
     * @throws IOException          if reading fails
     */
    Tensor load() throws IOException;
}
