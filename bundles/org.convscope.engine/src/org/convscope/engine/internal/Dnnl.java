package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_impl_info_str;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN driven directly, through JavaCPP's presets of oneDNN 2.5 ({@code org.bytedeco:dnnl}), beside
 * the copy linked into libnd4j (whose symbols are hidden). libnd4j's convolutions hand oneDNN their
 * operands in layouts of "any" kind and so reorder the input, the kernel and the output into
 * blocked layouts and the output back on every call, into buffers allocated per call: for ResNet50
 * the reorders took twice the convolutions' time (RESULTS.md, session 10). Driven directly, a
 * convolution runs on the channels-last activations as they are and on a kernel reordered once
 * ({@link DnnlConvolution}).
 * <p>
 * The presets ship natives for Linux x86-64 in the product; elsewhere, or when they do not load,
 * or when the system property {@code convscope.dnnl} is {@code false}, {@link #available} is false
 * and the engine keeps libnd4j's convolutions.
 */
final class Dnnl {

    /** {@code -Dconvscope.dnnl=false} keeps libnd4j's convolutions (for comparisons). */
    static final String PROPERTY = "convscope.dnnl";

    private static volatile Boolean available;
    private static dnnl_engine engine;

    private Dnnl() {
    }

    /** @return whether oneDNN's presets loaded on this platform and the engine may use them */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (Dnnl.class) {
                a = available;
                if (a == null) {
                    a = load();
                    available = a;
                }
            }
        }
        return a;
    }

    private static boolean load() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
                || !"linux-x86_64".equals(NativeBuild.platform())) {
            return false;
        }
        try {
            Loader.load(dnnl.class);
            dnnl_engine e = new dnnl_engine();
            if (dnnl_engine_create(e, dnnl_cpu, 0) != dnnl_success) {
                return false;
            }
            engine = e;
            return true;
        } catch (LinkageError | RuntimeException e) {
            // missing or unloadable natives: libnd4j's convolutions stay
            return false;
        }
    }

    /** @return the CPU engine, once {@link #available} said so; never destroyed */
    static dnnl_engine engine() {
        return engine;
    }

    /** @throws IllegalStateException naming {@code what} when oneDNN did not return success */
    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN: " + what + " failed (status " + status + ")");
        }
    }

    /** @return oneDNN's name of the implementation a primitive descriptor chose, e.g. brg:avx512_core */
    static String implementation(dnnl_primitive_desc pd) {
        try (PointerPointer<BytePointer> out = new PointerPointer<>(1)) {
            check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, out), "query implementation");
            BytePointer s = out.get(BytePointer.class, 0);
            return s == null ? "?" : s.getString();
        }
    }

    /** A native address as a JavaCPP pointer, for oneDNN's data handles. */
    static final class Address extends Pointer {

        /** oneDNN's {@code DNNL_MEMORY_ALLOCATE}: the library allocates the memory's buffer. */
        static final Address ALLOCATE = new Address(-1);

        Address(long address) {
            this.address = address;
        }

        /** @return where {@code a}'s first float lies (its buffer's address plus its offset) */
        static Address of(INDArray a) {
            return new Address(a.data().address() + a.offset() * Float.BYTES);
        }
    }
}
