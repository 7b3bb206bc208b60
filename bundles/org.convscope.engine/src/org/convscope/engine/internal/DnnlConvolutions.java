package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D;

/**
 * The forward convolutions (Conv2D and depthwise) of one {@link GraphRunner} run by oneDNN directly: per convolution op
 * and input shape one {@link DnnlConvolution}, made at its first run (its kernel reordered then)
 * and kept until {@link #close}. A convolution this class does not take, or operands it cannot
 * hand to oneDNN as they are, stay with libnd4j.
 */
final class DnnlConvolutions implements AutoCloseable {

    /** Identity of the ops, value of the shapes. */
    private final Map<DifferentialFunction, Map<List<Long>, DnnlConvolution>> made = new IdentityHashMap<>();
    /** Convolutions oneDNN refused to make a primitive for: they stay with libnd4j. */
    private final Set<DifferentialFunction> refused = Collections.newSetFromMap(new IdentityHashMap<>());
    private dnnl_stream stream;

    /**
     * @return whether oneDNN can run {@code op} (when its operands are dense): a Conv2D of libnd4j
     *         on channels-last activations with a (kH, kW, in, out) kernel, or a depthwise one
     *         with a (kH, kW, channels, multiplier) kernel (a grouped convolution of one group
     *         per channel), "same" or without explicit padding, and the presets are
     *         {@linkplain Dnnl#available available}
     */
    static boolean applies(DifferentialFunction op) {
        if (!(op instanceof Conv2D || op instanceof DepthwiseConv2D) || op.argNames().length < 2
                || op.argNames().length > 3) {
            return false;
        }
        long[] a = ((DynamicCustomOp) op).iArgs();
        boolean nhwcHwio = a.length > 9 && a[9] == 1 && (a.length < 11 || a[10] == 0);
        return nhwcHwio && (a[8] == 1 || a[4] == 0 && a[5] == 0) && Dnnl.available();
    }

    /** {@link #forward(DifferentialFunction, long[], INDArray, INDArray, INDArray, DnnlConvolution.PostOp, INDArray, boolean, BufferPool, List)} with a post-op that does not sum. */
    INDArray forward(DifferentialFunction op, long[] args, INDArray x, INDArray kernel, INDArray bias,
            DnnlConvolution.PostOp post, BufferPool pool, List<INDArray> out) {
        return forward(op, args, x, kernel, bias, post, null, false, pool, out);
    }

    /**
     * Runs {@code op} (one {@link #applies} takes) into an array of {@code pool}'s added to
     * {@code out}.
     *
     * @param args   the convolution's integer arguments as it runs (see
     *               {@link GraphRunner#convolutionArgs})
     * @param kernel (kH, kW, in, out), or (kH, kW, channels, multiplier) for a depthwise one; its
     *               values are read at the first run of each input shape and must not change
     *               afterwards
     * @param bias   (out), or {@code null}
     * @param summand what a {@linkplain DnnlConvolution.PostOp#sums summing} post-op adds, of the
     *                output's shape, or {@code null}
     * @param inPlace whether the output may be written into {@code summand}'s array (then it is
     *                not added to {@code out})
     * @return the output, or {@code null} when the operands cannot be handed to oneDNN (then
     *         nothing was done)
     */
    INDArray forward(DifferentialFunction op, long[] args, INDArray x, INDArray kernel, INDArray bias,
            DnnlConvolution.PostOp post, INDArray summand, boolean inPlace, BufferPool pool, List<INDArray> out) {
        boolean depthwise = op instanceof DepthwiseConv2D;
        if (post.sums() && (summand == null || !DnnlConvolution.dense(summand))) {
            return null;
        }
        if (!DnnlConvolution.dense(x) || kernel.rank() != 4 || kernel.dataType() != DataType.FLOAT
                || kernel.size(0) != args[0] || kernel.size(1) != args[1] || refused.contains(op)) {
            return null;
        }
        long channels = depthwise ? kernel.size(2) * kernel.size(3) : kernel.size(3);
        if (bias != null && (bias.dataType() != DataType.FLOAT || bias.length() != channels)) {
            return null;
        }
        List<Long> shape = List.of(x.size(0), x.size(1), x.size(2), x.size(3));
        Map<List<Long>, DnnlConvolution> byShape = made.computeIfAbsent(op, k -> new HashMap<>());
        DnnlConvolution conv = byShape.get(shape);
        if (conv == null) {
            // Keras's depthwise (kH, kW, C, M) is a grouped (kH, kW, 1, C·M) in C groups, same memory
            long[] k = depthwise ? new long[] { args[0], args[1], 1, channels } : kernel.shape();
            DnnlConvolution.Spec spec = new DnnlConvolution.Spec(k, depthwise ? (int) kernel.size(2) : 1,
                    new int[] { (int) args[2], (int) args[3] }, new int[] { (int) args[6], (int) args[7] },
                    args[8] == 1, post);
            if (x.size(3) != spec.in()) {
                return null;
            }
            try {
                conv = new DnnlConvolution(spec, NdArrays.toTensor(kernel).data(),
                        bias == null ? null : NdArrays.toTensor(bias).data(), x.shape(), stream());
            } catch (IllegalStateException e) {
                // no implementation for this case in this oneDNN: libnd4j's stays, for every shape
                refused.add(op);
                return null;
            }
            byShape.put(shape, conv);
        }
        INDArray y;
        if (!post.sums()) {
            y = pool.take(conv.outputShape());
            out.add(y);
        } else if (!Arrays.equals(summand.shape(), conv.outputShape())) {
            return null;
        } else if (inPlace) {
            y = summand;
        } else {
            y = pool.take(conv.outputShape());
            out.add(y);
            y.assign(summand);
        }
        conv.forward(x, y, stream());
        return y;
    }

    /**
     * The input gradient of a convolution {@link #forward} ran at this input shape, by oneDNN's
     * backward-data convolution with the kernel kept for it ({@link DnnlConvolution#backwardData}).
     *
     * @param dx the input's gradient, dense; overwritten
     * @return false, having done nothing, when no such convolution was made or oneDNN has no
     *         primitive for its gradient, or the arrays are not dense
     */
    boolean inputGradient(DifferentialFunction op, INDArray dy, INDArray dx) {
        if (!DnnlConvolution.dense(dy) || !DnnlConvolution.dense(dx)) {
            return false;
        }
        DnnlConvolution conv = made.getOrDefault(op, Map.of())
                .get(List.of(dx.size(0), dx.size(1), dx.size(2), dx.size(3)));
        if (conv == null || !Arrays.equals(conv.outputShape(), dy.shape())) {
            return false;
        }
        return conv.backwardData(dy, dx, stream());
    }

    /** @return whether a primitive was made for {@code op} at {@code x}'s shape (its kernel is held) */
    boolean holds(DifferentialFunction op, INDArray x) {
        return x.rank() == 4 && made.getOrDefault(op, Map.of())
                .containsKey(List.of(x.size(0), x.size(1), x.size(2), x.size(3)));
    }

    /**
     * Puts {@code op}'s new kernel and bias into the primitives made for it (each input shape's),
     * which stay: its weights were replaced in place.
     *
     * @param kernel as {@link #forward} takes it
     * @param bias   or {@code null}
     */
    void setKernel(DifferentialFunction op, INDArray kernel, INDArray bias) {
        Map<List<Long>, DnnlConvolution> byShape = made.get(op);
        if (byShape == null || byShape.isEmpty()) {
            return;
        }
        INDArray k = plain(kernel);
        INDArray b = bias == null ? null : plain(bias);
        byShape.values().forEach(c -> c.setKernel(k, b, stream()));
        if (k != kernel) {
            k.close();
        }
        if (b != null && b != bias) {
            b.close();
        }
    }

    /** Closes the primitives made for {@code op}: the next run makes them anew. */
    void forget(DifferentialFunction op) {
        Map<List<Long>, DnnlConvolution> byShape = made.remove(op);
        if (byShape != null) {
            byShape.values().forEach(DnnlConvolution::close);
        }
    }

    /** @return {@code a}, or a dense C-order copy of it when it is not one */
    private static INDArray plain(INDArray a) {
        return !a.isView() && a.ordering() == 'c' && a.data().length() == a.length() && a.dataType() == DataType.FLOAT
                ? a
                : a.castTo(DataType.FLOAT).dup('c');
    }

    private dnnl_stream stream() {
        if (stream == null) {
            dnnl_stream s = new dnnl_stream();
            Dnnl.check(dnnl_stream_create(s, Dnnl.engine(), dnnl_stream_default_flags), "stream");
            stream = s;
        }
        return stream;
    }

    /** @return the bytes of the kernels the kept primitives hold in oneDNN's layouts */
    long kernelBytes() {
        return made.values().stream().flatMap(m -> m.values().stream()).mapToLong(DnnlConvolution::kernelBytes).sum();
    }

    /** @return the most scratch memory one of the kept primitives needs */
    long scratchpadBytes() {
        return made.values().stream().flatMap(m -> m.values().stream()).mapToLong(DnnlConvolution::scratchpadBytes)
                .max().orElse(0);
    }

    /** @return how many primitives (convolution and input shape) are kept */
    int size() {
        return made.values().stream().mapToInt(Map::size).sum();
    }

    /** Frees every kept primitive with its reordered kernel, and the stream. */
    @Override
    public void close() {
        List<DnnlConvolution> all = new ArrayList<>();
        made.values().forEach(m -> all.addAll(m.values()));
        made.clear();
        all.forEach(DnnlConvolution::close);
        if (stream != null) {
            dnnl_stream_destroy(stream);
            stream.close();
            stream = null;
        }
    }
}
