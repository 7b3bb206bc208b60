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
 * One fixed loop of the kinds of work the engine gives libnd4j, timed in one process: a 3x3
 * convolution (oneDNN), element-wise passes and a reduction (libnd4j's own loops, compiled per
 * build), a max pool. native_builds.sh runs it once per libnd4j build, alternating, to show what
 * each build is worth on this CPU. Prints one JSON line.
 */
public class NativeBuildsBench {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 56, 56, 256);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, 256, 256);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256);
        INDArray conv = Nd4j.create(DataType.FLOAT, 1, 56, 56, 256);
        INDArray e = Nd4j.rand(DataType.FLOAT, 1, 112, 112, 256);
        INDArray pooled = Nd4j.create(DataType.FLOAT, 1, 56, 56, 256);
        Conv2DConfig cc = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).paddingMode(PaddingMode.SAME)
                .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        Pooling2DConfig pc = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).paddingMode(PaddingMode.VALID)
                .isNHWC(true).build();
        // one untimed round: oneDNN creates its primitives on first use
        Nd4j.exec(new Conv2D(x, w, b, conv, cc));
        long convNs = 0, elementwiseNs = 0, poolNs = 0;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            Nd4j.exec(new Conv2D(x, w, b, conv, cc));
            convNs += System.nanoTime() - t;
            t = System.nanoTime();
            for (int k = 0; k < 5; k++) {
                Transforms.relu(e, false).addi(1.0f).muli(0.5f).subi(e);
                e.sum(1, 2).close();
            }
            elementwiseNs += System.nanoTime() - t;
            t = System.nanoTime();
            Nd4j.exec(new MaxPooling2D(e, pooled, pc));
            poolNs += System.nanoTime() - t;
        }
        System.out.printf("{\"build\":\"%s\",\"rounds\":%d,\"conv_ms\":%.0f,\"elementwise_ms\":%.0f,\"pool_ms\":%.0f,"
                + "\"total_ms\":%.0f}%n", System.getProperty("org.bytedeco.javacpp.platform.extension"), rounds,
                convNs / 1e6, elementwiseNs / 1e6, poolNs / 1e6, (convNs + elementwiseNs + poolNs) / 1e6);
    }
}
