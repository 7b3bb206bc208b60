package org.convscope.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.convscope.core.model.ModelGraph;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.internal.Cpu;
import org.convscope.engine.internal.NativeBuild;
import org.convscope.engine.internal.SameDiffNetwork;
import org.convscope.engine.ops.OpRegistry;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Entry point of the engine: checks that the native backend can run here and turns a model into
 * an executable {@link Network}.
 */
public final class Engine {

    private static volatile boolean checked;
    /** Why the native library could not load, once it failed: a second try would fail less clearly. */
    private static volatile EngineUnavailableException failure;
    private static volatile boolean loading;
    /** The platform extension the engine chose and set; null while it has not, or when it was set before. */
    private static volatile String chosen;

    private Engine() {
    }

    /**
     * Builds an executable network. Nothing is computed yet; unsupported layers show up in
     * {@link Network#check} and as failures in results, never as an exception here.
     *
     * @throws EngineUnavailableException when the native backend cannot run on this machine
     */
    public static Network open(NetworkSpec spec) {
        checkPlatform();
        return new SameDiffNetwork(spec, OpRegistry.defaults());
    }

    /**
     * Builds an executable network from the core's graph model (see {@link ModelGraphs}). The
     * model must stay open while the network loads its weights, i.e. until the first forward pass.
     */
    public static Network open(ModelGraph model) {
        return open(ModelGraphs.toSpec(model));
    }

    /** @return whether the engine can run layers of this Keras class (some options may still fail) */
    public static boolean supports(String kerasClass) {
        return "InputLayer".equals(kerasClass) || OpRegistry.defaults().find(kerasClass).isPresent();
    }

    /** @return the Keras layer classes the engine runs */
    public static Set<String> supportedClasses() {
        return OpRegistry.defaults().supportedClasses();
    }

    /**
     * Loads the native library once: the fastest shipped build of libnd4j that this CPU runs (see
     * {@link NativeBuild}), unless JavaCPP's platform extension was set already (by the user, to
     * force a build).
     *
     * @throws EngineUnavailableException with a message for the user when no build can load
     */
    public static void checkPlatform() {
        if (checked) {
            return;
        }
        synchronized (Engine.class) {
            if (checked) {
                return;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                load();
            } catch (EngineUnavailableException e) {
                failure = e;
                throw e;
            }
            checked = true;
        }
    }

    private static void load() {
        if (System.getProperty(NativeBuild.PROPERTY) == null) {
            NativeBuild build = NativeBuild.choose(Cpu.flags(), NativeBuild::isShipped)
                    .orElseThrow(() -> new EngineUnavailableException(Messages.noNativeBuild, null));
            chosen = build.extension();
            System.setProperty(NativeBuild.PROPERTY, chosen);
        }
        limitNativeMemory();
        try {
            Nd4j.scalar(0f).close();
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException(MessageBundles.bind(Messages.nativeFailed, e.getMessage()), e);
        }
    }

    /**
     * Starts {@link #checkPlatform} on a background thread, so that loading the native library
     * (seconds: libnd4j is a few hundred MB) overlaps with reading the model; the first
     * {@link #open} waits for it, and reports its failure. Does nothing once started.
     */
    public static void loadInBackground() {
        synchronized (Engine.class) {
            if (checked || loading) {
                return;
            }
            loading = true;
        }
        Thread t = new Thread(() -> {
            try {
                checkPlatform();
            } catch (EngineUnavailableException e) {
                // kept in failure, and thrown to the caller that needs the engine
            }
        }, "convscope-native-load");
        t.setDaemon(true);
        t.start();
    }

    /**
     * @return the native build the engine loads, or loaded, e.g. "oneDNN, AVX2"; told without
     *         loading it
     */
    public static String nativeBuild() {
        String forced = System.getProperty(NativeBuild.PROPERTY);
        if (forced == null || forced.equals(chosen)) {
            return NativeBuild.choose(Cpu.flags(), NativeBuild::isShipped).map(NativeBuild::label)
                    .orElse(Messages.noNativeBuildShort);
        }
        return MessageBundles.bind(Messages.nativeBuildForced,
                NativeBuild.ofExtension(forced).map(NativeBuild::label).orElse(forced));
    }

    /** @return the native builds installed, fastest first, e.g. "oneDNN, AVX-512" */
    public static List<String> nativeBuildsInstalled() {
        return Stream.of(NativeBuild.values()).filter(NativeBuild::isShipped).map(NativeBuild::label).toList();
    }

    /**
     * Caps the process's physical memory as JavaCPP sees it, unless the launcher already did.
     * ND4J's temporaries are freed when the garbage collector runs; without a cap JavaCPP never
     * asks for a collection and a gradient loop was measured growing to 24 GB. With one, JavaCPP
     * collects when the process nears it. Only effective before ND4J's first use.
     */
    private static void limitNativeMemory() {
        String key = "org.bytedeco.javacpp.maxphysicalbytes";
        if (System.getProperty(key) == null) {
            long cap = Runtime.getRuntime().maxMemory() + (6L << 30);
            System.setProperty(key, Long.toString(cap));
        }
    }

    /** @return libnd4j's build description (names the CPU extensions and oneDNN when present) */
    public static String nativeDescription() {
        checkPlatform();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    }
}
