package org.convscope.engine.ops;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * A stride-1 Conv2D whose backward pass computes only the gradient with respect to its input.
 * The engine's weights are constants and never need gradients, yet libnd4j's {@code conv2d_bp}
 * always computes the kernel's gradient too — as much work again as the input's. The input's
 * gradient of a stride-1 convolution is a transposed convolution of the output gradient with the
 * same kernel (the HWIO kernel is deconv2d's [kH, kW, out, in] layout read the other way), which
 * libnd4j also runs on oneDNN. The forward pass is the ordinary {@code conv2d}.
 */
final class InputGradientConv2D extends Conv2D {

    InputGradientConv2D(SameDiff sd, SDVariable[] inputs, Conv2DConfig config) {
        super(sd, inputs, config);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        Conv2DConfig c = getConfig();
        DeConv2DConfig back = DeConv2DConfig.builder().kH(c.getKH()).kW(c.getKW()).sH(1).sW(1).dH(1).dW(1)
                .isSameMode(c.getPaddingMode() == PaddingMode.SAME).dataFormat(DeConv2DConfig.NHWC).build();
        SDVariable[] in = args();
        List<SDVariable> out = new ArrayList<>(in.length);
        out.add(sameDiff.cnn().deconv2d(gradients.get(0), in[1], back));
        // constants: their gradients are never asked for, so these ops never run
        for (int i = 1; i < in.length; i++) {
            out.add(sameDiff.zerosLike(in[i]));
        }
        return out;
    }
}
