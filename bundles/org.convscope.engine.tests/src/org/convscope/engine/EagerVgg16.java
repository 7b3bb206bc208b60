package org.convscope.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.internal.NdArrays;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The benchmark's comparison path: the same VGG16 run as a chain of eager libnd4j calls
 * ({@code Nd4j.exec} into outputs allocated once and reused), to measure what the engine's
 * SameDiff graph costs over the bare ops. Handles only the layers VGG16 has.
 */
final class EagerVgg16 implements AutoCloseable {

    private record Step(String kind, INDArray w, INDArray b, INDArray out, String activation) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).paddingMode(PaddingMode.SAME)
            .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
    private final Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(true)
            .paddingMode(PaddingMode.VALID).build();

    EagerVgg16(List<LayerSpec> layers) throws IOException {
        long h = 224;
        long c = 3;
        for (LayerSpec l : layers) {
            switch (l.kerasClass()) {
                case "Conv2D" -> {
                    List<Tensor> w = l.weights().load();
                    c = w.get(0).dim(3);
                    steps.add(new Step("conv", NdArrays.toNd(w.get(0)), NdArrays.toNd(w.get(1)),
                            Nd4j.create(DataType.FLOAT, 1, h, h, c), "relu"));
                }
                case "MaxPooling2D" -> {
                    h /= 2;
                    steps.add(new Step("pool", null, null, Nd4j.create(DataType.FLOAT, 1, h, h, c), null));
                }
                case "Dense" -> {
                    List<Tensor> w = l.weights().load();
                    steps.add(new Step("dense", NdArrays.toNd(w.get(0)),
                            NdArrays.toNd(w.get(1)).reshape(1, w.get(1).dim(0)), null,
                            String.valueOf(((Map<?, ?>) l.config()).get("activation"))));
                }
                default -> {
                    // InputLayer and Flatten need no call: Flatten is a reshape below
                }
            }
        }
    }

    /** @return the class probabilities for one NHWC image */
    INDArray forward(INDArray x) {
        INDArray a = x;
        for (Step s : steps) {
            switch (s.kind()) {
                case "conv" -> {
                    Nd4j.exec(new Conv2D(a, s.w(), s.b(), s.out(), conv));
                    a = Transforms.relu(s.out(), false);
                }
                case "pool" -> {
                    Nd4j.exec(new MaxPooling2D(a, s.out(), pool));
                    a = s.out();
                }
                default -> {
                    INDArray y = a.reshape(1, a.length()).mmul(s.w()).addiRowVector(s.b());
                    a = "softmax".equals(s.activation()) ? Transforms.softmax(y, false) : Transforms.relu(y, false);
                }
            }
        }
        return a;
    }

    @Override
    public void close() {
        for (Step s : steps) {
            NdArrays.release(s.w());
            NdArrays.release(s.b());
            NdArrays.release(s.out());
        }
    }
}
