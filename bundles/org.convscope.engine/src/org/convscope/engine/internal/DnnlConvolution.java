package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_dilated_convolution_backward_data_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_dilated_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_clip;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_hwigo;
import static org.bytedeco.dnnl.global.dnnl.dnnl_hwio;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_append_eltwise;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_append_sum;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_post_ops;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_scratchpad_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import java.util.Arrays;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution layer at one input shape, run by oneDNN on channels-last activations as they
 * are: the primitive is made once, and the kernel is reordered once into the layout the primitive
 * chose and kept, as TensorFlow does; bias and a rectifier run inside the convolution (oneDNN's
 * post-op). The natives it makes (primitive, descriptors, the reordered kernel, the bias) are freed
 * by {@link #close}.
 * <p>
 * Keras's kernel layouts map onto oneDNN's without a copy: (kH, kW, in, out) is {@code hwio} and a
 * grouped kernel (kH, kW, in / groups, out), a depthwise one (kH, kW, channels, multiplier)
 * included, is {@code hwigo} (output channel g · out / groups + o).
 */
final class DnnlConvolution implements AutoCloseable {

    /**
     * What runs on the convolution's output inside it. {@code SUM} adds what the output array
     * holds when the convolution runs (a residual connection's other operand, put there by the
     * caller), {@code SUM_RELU} then rectifies the sum.
     */
    enum PostOp {

        NONE, RELU, RELU6, SUM, SUM_RELU;

        /** @return whether the output array must hold the summand when the convolution runs */
        boolean sums() {
            return this == SUM || this == SUM_RELU;
        }
    }

    /**
     * A convolution independent of its input's size.
     *
     * @param kernel   (kH, kW, in / groups, out), as Keras stores it
     * @param stride   (height, width)
     * @param dilation (height, width), 1 for none
     * @param same     TensorFlow's "same" padding (the smaller half before), else "valid"
     */
    record Spec(long[] kernel, int groups, int[] stride, int[] dilation, boolean same, PostOp post) {

        long in() {
            return kernel[2] * groups;
        }

        long out() {
            return kernel[3];
        }

        /** @return the output's height and width for an input of this height and width */
        long[] outSize(long h, long w) {
            return new long[] { outLength(h, 0), outLength(w, 1) };
        }

        private long outLength(long in, int axis) {
            long reach = (kernel[axis] - 1) * dilation[axis] + 1;
            return same ? (in + stride[axis] - 1) / stride[axis] : (in - reach) / stride[axis] + 1;
        }

        /** @return the padding (before, after) of an axis for an input of this length */
        long[] padding(long in, int axis) {
            if (!same) {
                return new long[] { 0, 0 };
            }
            long reach = (kernel[axis] - 1) * dilation[axis] + 1;
            long total = Math.max((outLength(in, axis) - 1) * stride[axis] + reach - in, 0);
            return new long[] { total / 2, total - total / 2 };
        }
    }

    private final long[] inShape;
    private final long[] outShape;
    private final dnnl_memory_desc_t srcMd = new dnnl_memory_desc_t();
    private final dnnl_memory_desc_t dstMd = new dnnl_memory_desc_t();
    private final dnnl_memory_desc_t biasMd = new dnnl_memory_desc_t();
    private final dnnl_primitive_desc pd = new dnnl_primitive_desc();
    private final dnnl_primitive primitive = new dnnl_primitive();
    private final dnnl_memory src = new dnnl_memory();
    private final dnnl_memory dst = new dnnl_memory();
    private final dnnl_memory weights = new dnnl_memory();
    private final dnnl_memory bias = new dnnl_memory();
    private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(4);
    private final String implementation;
    private final Spec spec;
    /** The input gradient's primitive, made at its first use; its kernel is {@link #weights} when the layouts agree. */
    private dnnl_primitive_desc backPd;
    private dnnl_primitive back;
    private dnnl_memory backWeights;
    private dnnl_exec_arg_t backArgs;
    /** Whether oneDNN has no input gradient primitive for this convolution. */
    private boolean noBack;

    /**
     * @param kernel the kernel's values in {@link Spec#kernel}'s shape, C order
     * @param bias   (out), or {@code null}
     * @param input  (N, H, W, C)
     * @param stream where the kernel's reorder runs
     */
    DnnlConvolution(Spec spec, float[] kernel, float[] bias, long[] input, dnnl_stream stream) {
        this.spec = spec;
        this.inShape = input.clone();
        long[] hw = spec.outSize(input[1], input[2]);
        this.outShape = new long[] { input[0], hw[0], hw[1], spec.out() };
        if (input[3] != spec.in() || hw[0] < 1 || hw[1] < 1) {
            throw new IllegalArgumentException("input " + Arrays.toString(input) + " for kernel "
                    + Arrays.toString(spec.kernel()) + " in " + spec.groups() + " groups");
        }
        dnnl_engine engine = Dnnl.engine();
        boolean ok = false;
        try (dnnl_memory_desc_t weightsAny = new dnnl_memory_desc_t();
                dnnl_memory_desc_t weightsUser = new dnnl_memory_desc_t();
                dnnl_convolution_desc_t desc = new dnnl_convolution_desc_t()) {
            long[] weightDims = weightDims(spec);
            int userTag = spec.groups() == 1 ? dnnl_hwio : dnnl_hwigo;
            Dnnl.check(dnnl_memory_desc_init_by_tag(srcMd, 4, nchw(inShape), dnnl_f32, dnnl_nhwc), "source layout");
            Dnnl.check(dnnl_memory_desc_init_by_tag(dstMd, 4, nchw(outShape), dnnl_f32, dnnl_nhwc), "output layout");
            Dnnl.check(dnnl_memory_desc_init_by_tag(weightsAny, weightDims.length, weightDims, dnnl_f32,
                    dnnl_format_tag_any), "kernel layout");
            Dnnl.check(dnnl_memory_desc_init_by_tag(weightsUser, weightDims.length, weightDims, dnnl_f32, userTag),
                    "Keras kernel layout");
            Dnnl.check(dnnl_memory_desc_init_by_tag(biasMd, 1, new long[] { spec.out() }, dnnl_f32, dnnl_x),
                    "bias layout");
            long[] padH = spec.padding(input[1], 0);
            long[] padW = spec.padding(input[2], 1);
            Dnnl.check(dnnl_dilated_convolution_forward_desc_init(desc, dnnl_forward_inference,
                    dnnl_convolution_direct, srcMd, weightsAny, bias == null ? null : biasMd, dstMd,
                    new long[] { spec.stride()[0], spec.stride()[1] },
                    new long[] { spec.dilation()[0] - 1, spec.dilation()[1] - 1 }, new long[] { padH[0], padW[0] },
                    new long[] { padH[1], padW[1] }), "convolution descriptor");
            createPrimitiveDesc(desc, spec.post(), engine);
            Dnnl.check(dnnl_primitive_create(primitive, pd), "convolution");
            implementation = Dnnl.implementation(pd);
            Dnnl.check(dnnl_memory_create(src, srcMd, engine, null), "source memory");
            Dnnl.check(dnnl_memory_create(dst, dstMd, engine, null), "output memory");
            dnnl_memory_desc_t chosen = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
            Dnnl.check(dnnl_memory_create(weights, chosen, engine, Dnnl.Address.ALLOCATE), "kernel memory");
            reorder(weightsUser, kernel, chosen, weights, engine, stream);
            if (bias != null) {
                Dnnl.check(dnnl_memory_create(this.bias, biasMd, engine, Dnnl.Address.ALLOCATE), "bias memory");
                reorder(biasMd, bias, biasMd, this.bias, engine, stream);
            }
            args.position(0).arg(DNNL_ARG_SRC).memory(src);
            args.position(1).arg(DNNL_ARG_WEIGHTS).memory(weights);
            args.position(2).arg(DNNL_ARG_DST).memory(dst);
            args.position(3).arg(DNNL_ARG_BIAS).memory(this.bias);
            args.position(0);
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /**
     * Puts new kernel and bias values (of the same shapes) into the memory the primitives read,
     * which stay: for weights replaced in place ({@link SameDiffNetwork#withWeights}).
     *
     * @param kernel as for the constructor, a dense C-order array
     * @param bias   (out), dense, or {@code null} when this convolution has none
     */
    void setKernel(INDArray kernel, INDArray bias, dnnl_stream stream) {
        dnnl_engine engine = Dnnl.engine();
        try (dnnl_memory_desc_t weightsUser = new dnnl_memory_desc_t()) {
            long[] weightDims = weightDims(spec);
            Dnnl.check(dnnl_memory_desc_init_by_tag(weightsUser, weightDims.length, weightDims, dnnl_f32,
                    spec.groups() == 1 ? dnnl_hwio : dnnl_hwigo), "Keras kernel layout");
            dnnl_memory_desc_t chosen = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
            reorder(weightsUser, kernel.data().addressPointer(), chosen, weights, engine, stream);
            if (bias != null && !this.bias.isNull()) {
                reorder(biasMd, bias.data().addressPointer(), biasMd, this.bias, engine, stream);
            }
            if (backWeights != null) {
                reorder(chosen, weights, dnnl_primitive_desc_query_md(backPd, dnnl_query_weights_md, 0), backWeights,
                        stream);
            }
        }
    }

    private void createPrimitiveDesc(dnnl_convolution_desc_t desc, PostOp post, dnnl_engine engine) {
        try (dnnl_primitive_attr attr = new dnnl_primitive_attr(); dnnl_post_ops ops = new dnnl_post_ops()) {
            Dnnl.check(dnnl_primitive_attr_create(attr), "attributes");
            Dnnl.check(dnnl_post_ops_create(ops), "post-ops");
            try {
                if (post.sums()) {
                    Dnnl.check(dnnl_post_ops_append_sum(ops, 1f), "sum post-op");
                }
                if (post == PostOp.RELU || post == PostOp.SUM_RELU) {
                    Dnnl.check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "ReLU post-op");
                } else if (post == PostOp.RELU6) {
                    Dnnl.check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_clip, 0f, 6f), "ReLU6 post-op");
                }
                Dnnl.check(dnnl_primitive_attr_set_post_ops(attr, ops), "post-ops");
                Dnnl.check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(desc), attr, engine, null),
                        "convolution primitive descriptor");
            } finally {
                dnnl_post_ops_destroy(ops);
                dnnl_primitive_attr_destroy(attr);
            }
        }
    }

    /** Copies {@code values} (in layout {@code from}) into {@code to}'s memory, in layout {@code toMd}. */
    private static void reorder(dnnl_memory_desc_t from, float[] values, dnnl_memory_desc_t toMd, dnnl_memory to,
            dnnl_engine engine, dnnl_stream stream) {
        try (FloatPointer data = new FloatPointer(values)) {
            reorder(from, data, toMd, to, engine, stream);
        }
    }

    /** Copies the values at {@code data} (in layout {@code from}) into {@code to}'s memory, in layout {@code toMd}. */
    private static void reorder(dnnl_memory_desc_t from, Pointer data, dnnl_memory_desc_t toMd, dnnl_memory to,
            dnnl_engine engine, dnnl_stream stream) {
        try (dnnl_memory user = new dnnl_memory()) {
            Dnnl.check(dnnl_memory_create(user, from, engine, data), "kernel memory");
            try {
                reorder(from, user, toMd, to, stream);
            } finally {
                dnnl_memory_destroy(user);
            }
        }
    }

    /** oneDNN's logical dimensions of a kernel: (out, in, kH, kW), or (groups, out/g, in/g, kH, kW). */
    private static long[] weightDims(Spec s) {
        long[] k = s.kernel();
        if (s.groups() == 1) {
            return new long[] { k[3], k[2], k[0], k[1] };
        }
        return new long[] { s.groups(), k[3] / s.groups(), k[2], k[0], k[1] };
    }

    /** @return oneDNN's logical (N, C, H, W) order of an (N, H, W, C) shape */
    private static long[] nchw(long[] nhwc) {
        return new long[] { nhwc[0], nhwc[3], nhwc[1], nhwc[2] };
    }

    /** @return the input shape (N, H, W, C) this convolution was made for */
    long[] inputShape() {
        return inShape.clone();
    }

    /** @return the output shape (N, H', W', out) */
    long[] outputShape() {
        return outShape.clone();
    }

    /** @return oneDNN's name of the implementation that runs, e.g. {@code brg:avx512_core} */
    String implementation() {
        return implementation;
    }

    /**
     * Runs the convolution.
     *
     * @param x (N, H, W, C) of {@link #inputShape}, float, C order, dense
     * @param y (N, H', W', out) of {@link #outputShape}, float, C order, dense; overwritten (holding the summand
     *          when the post-op {@linkplain PostOp#sums sums})
     */
    void forward(INDArray x, INDArray y, dnnl_stream stream) {
        requireDense(x, inShape);
        requireDense(y, outShape);
        try (Dnnl.Address in = Dnnl.Address.of(x); Dnnl.Address out = Dnnl.Address.of(y)) {
            Dnnl.check(dnnl_memory_set_data_handle(src, in), "source");
            Dnnl.check(dnnl_memory_set_data_handle(dst, out), "output");
            Dnnl.check(dnnl_primitive_execute(primitive, stream, bias.isNull() ? 3 : 4, args), "convolution");
            Dnnl.check(dnnl_stream_wait(stream), "convolution");
        }
    }

    /**
     * The gradient with respect to the input, never the kernel's: oneDNN's backward-data
     * convolution with the kernel this convolution keeps (reordered again, once, when that
     * primitive wants another layout). A rectifier fused into the forward convolution is not part
     * of it: its gradient is the caller's.
     *
     * @param dy the output's gradient, of {@link #outputShape}, dense
     * @param dx the input's gradient, of {@link #inputShape}, dense; overwritten
     * @return false, having done nothing, when oneDNN has no such primitive for this convolution
     */
    boolean backwardData(INDArray dy, INDArray dx, dnnl_stream stream) {
        requireDense(dy, outShape);
        requireDense(dx, inShape);
        if (back == null && !noBack) {
            makeBack(stream);
        }
        if (back == null) {
            return false;
        }
        try (Dnnl.Address g = Dnnl.Address.of(dy); Dnnl.Address d = Dnnl.Address.of(dx)) {
            Dnnl.check(dnnl_memory_set_data_handle(dst, g), "output gradient");
            Dnnl.check(dnnl_memory_set_data_handle(src, d), "input gradient");
            Dnnl.check(dnnl_primitive_execute(back, stream, 3, backArgs), "input gradient");
            Dnnl.check(dnnl_stream_wait(stream), "input gradient");
        }
        return true;
    }

    private void makeBack(dnnl_stream stream) {
        dnnl_engine engine = Dnnl.engine();
        long[] weightDims = weightDims(spec);
        long[] padH = spec.padding(inShape[1], 0);
        long[] padW = spec.padding(inShape[2], 1);
        try (dnnl_memory_desc_t weightsAny = new dnnl_memory_desc_t();
                dnnl_convolution_desc_t desc = new dnnl_convolution_desc_t()) {
            Dnnl.check(dnnl_memory_desc_init_by_tag(weightsAny, weightDims.length, weightDims, dnnl_f32,
                    dnnl_format_tag_any), "kernel layout");
            Dnnl.check(dnnl_dilated_convolution_backward_data_desc_init(desc, dnnl_convolution_direct, srcMd,
                    weightsAny, dstMd, new long[] { spec.stride()[0], spec.stride()[1] },
                    new long[] { spec.dilation()[0] - 1, spec.dilation()[1] - 1 }, new long[] { padH[0], padW[0] },
                    new long[] { padH[1], padW[1] }), "input gradient descriptor");
            dnnl_primitive_desc p = new dnnl_primitive_desc();
            if (dnnl_primitive_desc_create(p, new const_dnnl_op_desc_t(desc), null, engine, pd) != dnnl_success) {
                noBack = true;
                return;
            }
            backPd = p;
            dnnl_memory_desc_t wanted = dnnl_primitive_desc_query_md(backPd, dnnl_query_weights_md, 0);
            dnnl_memory_desc_t kept = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
            dnnl_memory w = weights;
            if (dnnl_memory_desc_equal(wanted, kept) == 0) {
                backWeights = new dnnl_memory();
                Dnnl.check(dnnl_memory_create(backWeights, wanted, engine, Dnnl.Address.ALLOCATE), "kernel memory");
                reorder(kept, weights, wanted, backWeights, stream);
                w = backWeights;
            }
            dnnl_primitive b = new dnnl_primitive();
            Dnnl.check(dnnl_primitive_create(b, backPd), "input gradient");
            back = b;
            backArgs = new dnnl_exec_arg_t(3);
            backArgs.position(0).arg(DNNL_ARG_DIFF_DST).memory(dst);
            backArgs.position(1).arg(DNNL_ARG_WEIGHTS).memory(w);
            backArgs.position(2).arg(DNNL_ARG_DIFF_SRC).memory(src);
            backArgs.position(0);
        }
    }

    /** Copies one memory into another of another layout. */
    private static void reorder(dnnl_memory_desc_t fromMd, dnnl_memory from, dnnl_memory_desc_t toMd, dnnl_memory to,
            dnnl_stream stream) {
        dnnl_engine engine = Dnnl.engine();
        try (dnnl_primitive_desc rpd = new dnnl_primitive_desc();
                dnnl_primitive r = new dnnl_primitive();
                dnnl_exec_arg_t a = new dnnl_exec_arg_t(2)) {
            Dnnl.check(dnnl_reorder_primitive_desc_create(rpd, fromMd, engine, toMd, engine, null), "reorder");
            try {
                Dnnl.check(dnnl_primitive_create(r, rpd), "reorder");
                a.position(0).arg(DNNL_ARG_FROM).memory(from);
                a.position(1).arg(DNNL_ARG_TO).memory(to);
                a.position(0);
                Dnnl.check(dnnl_primitive_execute(r, stream, 2, a), "reorder");
                Dnnl.check(dnnl_stream_wait(stream), "reorder");
            } finally {
                if (!r.isNull()) {
                    dnnl_primitive_destroy(r);
                }
                dnnl_primitive_desc_destroy(rpd);
            }
        }
    }

    /** @return whether {@code a} can be handed to oneDNN as a dense channels-last float array of this shape */
    static boolean dense(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.rank() == 4
                && a.elementWiseStride() == 1 && a.length() == a.data().length() - a.offset();
    }

    private static void requireDense(INDArray a, long[] shape) {
        if (!dense(a) || !Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("not a dense float array of shape " + Arrays.toString(shape));
        }
    }

    /** @return the bytes of the kernels this convolution keeps in oneDNN's layouts (about: blocked layouts pad) */
    long kernelBytes() {
        long n = Float.BYTES;
        for (long d : spec.kernel()) {
            n *= d;
        }
        return backWeights != null ? 2 * n : n;
    }

    /** @return the most scratch memory oneDNN needs to run this convolution or its input gradient */
    long scratchpadBytes() {
        long forward = dnnl_memory_desc_get_size(dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0));
        return backPd == null
                ? forward
                : Math.max(forward,
                        dnnl_memory_desc_get_size(dnnl_primitive_desc_query_md(backPd, dnnl_query_scratchpad_md, 0)));
    }

    /** Frees the primitives, their descriptors and their memories (the reordered kernels and bias). */
    @Override
    public void close() {
        if (back != null) {
            dnnl_primitive_destroy(back);
            back = null;
            backArgs.close();
        }
        if (backPd != null) {
            dnnl_primitive_desc_destroy(backPd);
            backPd = null;
        }
        if (backWeights != null) {
            dnnl_memory_destroy(backWeights);
            backWeights = null;
        }
        if (!primitive.isNull()) {
            dnnl_primitive_destroy(primitive);
        }
        if (!pd.isNull()) {
            dnnl_primitive_desc_destroy(pd);
        }
        for (dnnl_memory m : new dnnl_memory[] { src, dst, weights, bias }) {
            if (!m.isNull()) {
                dnnl_memory_destroy(m);
            }
            m.close();
        }
        primitive.close();
        pd.close();
        args.close();
        srcMd.close();
        dstMd.close();
        biasMd.close();
    }
}
