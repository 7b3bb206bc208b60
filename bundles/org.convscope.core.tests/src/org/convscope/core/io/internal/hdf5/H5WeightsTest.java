package org.convscope.core.io.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A weight's type in numpy's spelling, from what jhdf tells of it: the Java type it reads the
 * elements as and their size in the file.
 */
class H5WeightsTest {

    @Test
    void numbersAreNamedAsNumpyNamesThem() {
        assertEquals(Optional.of("float16"), H5Weights.dtype(float.class, 2), "jhdf reads float16 as float");
        assertEquals(Optional.of("float32"), H5Weights.dtype(float.class, 4));
        assertEquals(Optional.of("float32"), H5Weights.dtype(Float.class, 4), "a scalar dataset");
        assertEquals(Optional.of("float64"), H5Weights.dtype(double.class, 8));
        assertEquals(Optional.of("int8"), H5Weights.dtype(byte.class, 1));
        assertEquals(Optional.of("int16"), H5Weights.dtype(short.class, 2));
        assertEquals(Optional.of("int32"), H5Weights.dtype(int.class, 4));
        assertEquals(Optional.of("int64"), H5Weights.dtype(long.class, 8));
    }

    @Test
    void unsignedIntegersAreKnownByTheirWiderJavaType() {
        assertEquals(Optional.of("uint8"), H5Weights.dtype(int.class, 1));
        assertEquals(Optional.of("uint16"), H5Weights.dtype(int.class, 2));
        assertEquals(Optional.of("uint32"), H5Weights.dtype(long.class, 4));
        assertEquals(Optional.of("uint64"), H5Weights.dtype(BigInteger.class, 8));
    }

    @Test
    void otherDataHasNoNumpyName() {
        assertEquals(Optional.empty(), H5Weights.dtype(String.class, 8), "strings and enums");
        assertEquals(Optional.empty(), H5Weights.dtype(Map.class, 12), "compound records");
        assertEquals(Optional.empty(), H5Weights.dtype(boolean.class, 1), "bit fields");
        assertEquals(Optional.empty(), H5Weights.dtype(byte[].class, 4), "opaque data");
        assertEquals(Optional.empty(), H5Weights.dtype(Object.class, 16), "variable-length sequences");
    }
}
