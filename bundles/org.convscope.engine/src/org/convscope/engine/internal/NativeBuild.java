package org.convscope.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The builds of libnd4j (ND4J's native library) the engine can load, fastest first. Each is a
 * classifier jar of {@code org.nd4j:nd4j-native}, {@code <platform><extension>}; the product ships
 * some of them for its platform (in the fragment {@code org.convscope.nd4j.<os>.<arch>}) and the
 * engine loads the fastest one this CPU runs, by setting JavaCPP's platform extension before
 * ND4J's first use. A build compiled for instructions the CPU lacks dies with an illegal
 * instruction as soon as it loads, so the choice is made from the CPU's flags, never by trying.
 *
 * <p>The oneDNN builds pick their convolution kernels for the CPU at run time (AVX-512 included)
 * whatever the build; they differ in libnd4j's own loops (element-wise ops, reductions, pooling),
 * compiled for AVX-512, AVX2 or plain x86-64. Linux x86-64 ships all three; Windows and macOS
 * x86-64 the portable one (the CPU's flags are read on Linux only); ARM64 has no oneDNN build, so
 * Linux and macOS on ARM64 ship the generic build.
 */
public enum NativeBuild {

    /** oneDNN with libnd4j compiled for AVX-512 (Skylake-X and later, Zen 4 and later). */
    ONEDNN_AVX512("-onednn-avx512", "oneDNN, AVX-512",
            Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")),
    /** oneDNN with libnd4j compiled for AVX2 (Haswell, Zen and later). */
    ONEDNN_AVX2("-onednn-avx2", "oneDNN, AVX2", Set.of("avx2", "fma", "f16c", "bmi1", "bmi2")),
    /** oneDNN with libnd4j compiled for any x86-64 CPU. */
    ONEDNN("-onednn", "oneDNN, x86-64", Set.of()),
    /** The generic build, without oneDNN: the only one published for ARM64. */
    GENERIC("", "generic, no oneDNN", Set.of());

    /** JavaCPP's system property naming the build to load. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";

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
     * @param platform JavaCPP's name of a platform, e.g. {@code linux-x86_64}, {@code windows-x86_64},
     *                 {@code macosx-arm64}
     * @return where this build's JNI library for that platform sits, relative to the package of the
     *         class JavaCPP loads it for, e.g. {@code windows-x86_64-onednn/jnind4jcpu.dll}
     */
    public String library(String platform) {
        String file;
        if (platform.startsWith("windows")) {
            file = "jnind4jcpu.dll";
        } else if (platform.startsWith("macosx")) {
            file = "libjnind4jcpu.dylib";
        } else {
            file = "libjnind4jcpu.so";
        }
        return platform + extension + "/" + file;
    }

    /**
     * @return JavaCPP's name of this machine's platform, e.g. {@code linux-x86_64}, told as JavaCPP
     *         tells it but without touching JavaCPP's {@code Loader}: the first use of that class
     *         reads the platform's properties once, the platform extension included, so a build
     *         chosen after it would be ignored (the first build on the class path loaded: the
     *         AVX2 one where AVX-512 was chosen)
     */
    public static String platform() {
        String forced = System.getProperty("org.bytedeco.javacpp.platform");
        if (forced != null) {
            return forced;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac os x") || os.startsWith("darwin")) {
            os = "macosx";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else if (os.startsWith("linux")) {
            os = "linux";
        }
        arch = switch (arch) {
            case "amd64", "x86-64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return os + "-" + arch;
    }

    /**
     * @return whether this build's native library for this machine's platform is on the class
     *         path, looked up beside the class JavaCPP loads it for (without initialising that
     *         class, which would load it)
     */
    public boolean isShipped() {
        try {
            Class<?> bindings = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu", false,
                    NativeBuild.class.getClassLoader());
            return bindings.getResource(library(platform())) != null;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
