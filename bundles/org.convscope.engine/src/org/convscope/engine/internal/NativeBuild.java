package org.convscope.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The builds of libnd4j (ND4J's native library) the engine can load, fastest first. Each is a
 * classifier jar of {@code org.nd4j:nd4j-native}; the product ships some of them and the engine
 * loads the fastest one this CPU runs, by setting JavaCPP's platform extension before ND4J's first
 * use. A build compiled for instructions the CPU lacks dies with an illegal instruction as soon
 * as it loads, so the choice is made from the CPU's flags, never by trying.
 *
 * <p>All three include oneDNN, which picks its convolution kernels for the CPU at run time
 * (AVX-512 included) whatever the build; the builds differ in libnd4j's own loops (element-wise
 * ops, reductions, pooling), compiled for AVX-512, AVX2 or plain x86-64.
 */
public enum NativeBuild {

    /** oneDNN with libnd4j compiled for AVX-512 (Skylake-X and later, Zen 4 and later). */
    ONEDNN_AVX512("-onednn-avx512", "oneDNN, AVX-512",
            Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")),
    /** oneDNN with libnd4j compiled for AVX2 (Haswell, Zen and later). */
    ONEDNN_AVX2("-onednn-avx2", "oneDNN, AVX2", Set.of("avx2", "fma", "f16c", "bmi1", "bmi2")),
    /** oneDNN with libnd4j compiled for any x86-64 CPU. */
    ONEDNN("-onednn", "oneDNN, x86-64", Set.of());

    /** JavaCPP's system property naming the build to load. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private static final String PLATFORM = "linux-x86_64";

    private final String extension;
    private final String label;
    private final Set<String> needs;

    NativeBuild(String extension, String label, Set<String> needs) {
        this.extension = extension;
        this.label = label;
        this.needs = needs;
    }

    /** @return JavaCPP's platform extension of this build, e.g. {@code -onednn-avx2} */
    public String extension() {
        return extension;
    }

    /** @return a short description for people, e.g. {@code oneDNN, AVX2} */
    public String label() {
        return label;
    }

    /** @return whether a CPU with these flags runs this build */
    public boolean runsOn(Collection<String> cpuFlags) {
        return cpuFlags.containsAll(needs);
    }

    /**
     * @param cpuFlags the CPU's flags, or empty when they cannot be told
     * @param shipped  which builds are present
     * @return the fastest present build the CPU runs; when the flags are unknown, the most
     *         portable present build; empty when none is present
     */
    public static Optional<NativeBuild> choose(Optional<Set<String>> cpuFlags, Predicate<NativeBuild> shipped) {
        List<NativeBuild> present = List.of(values()).stream().filter(shipped).toList();
        if (cpuFlags.isEmpty()) {
            return present.isEmpty() ? Optional.empty() : Optional.of(present.get(present.size() - 1));
        }
        return present.stream().filter(b -> b.runsOn(cpuFlags.get())).findFirst();
    }

    /** @return the build whose extension JavaCPP was told to load, if it is one of these */
    public static Optional<NativeBuild> ofExtension(String extension) {
        return List.of(values()).stream().filter(b -> b.extension.equals(extension)).findFirst();
    }

    /**
     * @return whether this build's native library is on the class path, looked up beside the
     *         class JavaCPP loads it for (without initialising that class, which would load it)
     */
    public boolean isShipped() {
        try {
            Class<?> bindings = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu", false,
                    NativeBuild.class.getClassLoader());
            return bindings.getResource(PLATFORM + extension + "/libjnind4jcpu.so") != null;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
