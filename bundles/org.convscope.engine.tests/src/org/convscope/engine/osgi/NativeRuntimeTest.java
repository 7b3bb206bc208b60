package org.convscope.engine.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.engine.Engine;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.junit.jupiter.api.Test;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * ND4J's native backend and DL4J's Keras import work inside Equinox, loaded from the library
 * bundle org.convscope.nd4j (jars on its Bundle-ClassPath, natives extracted by JavaCPP) and its
 * fragment for this platform.
 */
class NativeRuntimeTest {

    @Test
    void runsInsideOsgi() {
        Bundle bundle = FrameworkUtil.getBundle(NativeRuntimeTest.class);
        assertNotNull(bundle, "loaded by an OSGi bundle class loader");
        assertEquals("org.convscope.engine", bundle.getSymbolicName(), "the engine fragment's host");
        Bundle nd4j = FrameworkUtil.getBundle(Nd4j.class);
        assertNotNull(nd4j, "ND4J comes from a bundle");
        assertEquals("org.convscope.nd4j", nd4j.getSymbolicName());
    }

    /** The engine's p2.inf brings this platform's natives fragment into the runtime, and no other. */
    @Test
    void theNativesComeFromThisPlatformsFragmentAttachedToTheLibraryBundle() {
        Bundle nd4j = FrameworkUtil.getBundle(Nd4j.class);
        List<String> attached = nd4j.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE).stream()
                .map(w -> w.getRequirer().getSymbolicName()).toList();
        assertEquals(List.of("org.convscope.nd4j.linux.x86_64"), attached, "fragments attached to " + nd4j);
        assertNotNull(nd4j.getResource("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libjnind4jcpu.so"),
                "the host finds the fragment's native library");
    }

    @Test
    void nativeBackendIsTheOneDnnBuild() {
        String info = Engine.nativeDescription();
        assertTrue(Nd4j.getBackend().getClass().getName().contains("Cpu"), Nd4j.getBackend().getClass().getName());
        assertTrue(info.toUpperCase().contains("ONEDNN"), "libnd4j build info names oneDNN: " + info);
    }

    @Test
    void smallConvolutionComputesNatively() {
        // 1x3x3x1 NHWC input 1..9, a 2x2 kernel of ones (HWIO), bias 0.5, VALID: each output is
        // the sum of a 2x2 window plus 0.5.
        try (INDArray x = Nd4j.create(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new long[] { 1, 3, 3, 1 });
                INDArray w = Nd4j.ones(DataType.FLOAT, 2, 2, 1, 1);
                INDArray b = Nd4j.create(new float[] { 0.5f }, new long[] { 1 });
                INDArray out = Nd4j.create(DataType.FLOAT, 1, 2, 2, 1)) {
            Conv2DConfig config = Conv2DConfig.builder().kH(2).kW(2).sH(1).sW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC)
                    .weightsFormat(WeightsFormat.YXIO).build();
            Nd4j.exec(new Conv2D(x, w, b, out, config));
            assertArrayEquals(new float[] { 12.5f, 16.5f, 24.5f, 28.5f }, out.data().asFloat(), 1e-6f);
        }
    }

    @Test
    void dl4jKerasImportLoadsAndReadsHdf5() throws Exception {
        // DL4J's importer reads the HDF5 file through its native HDF5 library, then rejects the
        // Keras 3 config: proof that the import classes and the natives load in OSGi, and the
        // reason Convscope reads Keras files with its own reader.
        Path sample = sampleModel();
        Exception e = assertThrows(Exception.class,
                () -> KerasModelImport.importKerasSequentialModelAndWeights(sample.toString()));
        Throwable root = e;
        while (!(root instanceof InvalidKerasConfigurationException) && root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("3"), "rejects Keras 3: " + root);
    }

    private static Path sampleModel() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("bundles/org.convscope.samples/models/mnist_convnet.h5");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("sample model not found above " + Path.of("").toAbsolutePath());
    }
}
