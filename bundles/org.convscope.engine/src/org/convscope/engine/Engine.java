package org.convscope.engine;

import java.util.Set;

import org.convscope.core.text.MessageBundles;
import org.convscope.engine.internal.Cpu;
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
    public static Network open(org.convscope.core.model.ModelGraph model) {
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
     * Verifies, once, that the CPU has AVX2 (the oneDNN native build needs it) and that the native
     * library loads.
     *
     * @throws EngineUnavailableException with a message for the user otherwise
     */
    public static void checkPlatform() {
        if (checked) {
            return;
        }
        if (!Cpu.hasAvx2().orElse(true)) {
            throw new EngineUnavailableException(Messages.noAvx2, null);
        }
        limitNativeMemory();
        try {
            Nd4j.scalar(0f).close();
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException(MessageBundles.bind(Messages.nativeFailed, e.getMessage()), e);
        }
        checked = true;
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
