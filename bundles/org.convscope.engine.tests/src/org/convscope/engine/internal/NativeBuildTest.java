package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bytedeco.javacpp.Loader;
import org.convscope.engine.Engine;
import org.junit.jupiter.api.Test;

class NativeBuildTest {

    /** Flags of a Zen 5 EPYC (AVX-512), trimmed to what matters. */
    private static final Set<String> ZEN5 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "avx512f",
            "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_vnni");
    /** Flags of a Zen 3 (AVX2, no AVX-512). */
    private static final Set<String> ZEN3 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2");
    /** Flags of a 2011 Sandy Bridge (AVX, no AVX2). */
    private static final Set<String> SANDY_BRIDGE = Set.of("sse4_2", "avx");
    /** A CPU that reports AVX-512 Foundation without the subsets the AVX-512 build is compiled for (Xeon Phi). */
    private static final Set<String> KNIGHTS_LANDING = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2",
            "avx512f", "avx512cd", "avx512er", "avx512pf");

    private static Optional<NativeBuild> choose(Set<String> flags, NativeBuild... shipped) {
        List<NativeBuild> present = List.of(shipped);
        return NativeBuild.choose(Optional.of(flags), present::contains);
    }

    /** The builds the Linux x86-64 fragment ships (the generic build is left out). */
    private static final List<NativeBuild> LINUX_X86_64 = List.of(NativeBuild.ONEDNN_AVX512, NativeBuild.ONEDNN_AVX2,
            NativeBuild.ONEDNN);

    @Test
    void theFastestBuildTheCpuRunsIsChosen() {
        NativeBuild[] all = NativeBuild.values();
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX512), choose(ZEN5, all));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2), choose(ZEN3, all));
        assertEquals(Optional.of(NativeBuild.ONEDNN), choose(SANDY_BRIDGE, all));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2), choose(KNIGHTS_LANDING, all));
    }

    @Test
    void aBuildThatIsNotShippedIsPassedOver() {
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2),
                choose(ZEN5, NativeBuild.ONEDNN_AVX2, NativeBuild.ONEDNN));
        assertEquals(Optional.empty(), choose(SANDY_BRIDGE, NativeBuild.ONEDNN_AVX512, NativeBuild.ONEDNN_AVX2));
    }

    @Test
    void unknownFlagsTakeTheMostPortableShippedBuild() {
        assertEquals(Optional.of(NativeBuild.GENERIC), NativeBuild.choose(Optional.empty(), b -> true));
        assertEquals(Optional.of(NativeBuild.ONEDNN), NativeBuild.choose(Optional.empty(), LINUX_X86_64::contains));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2),
                NativeBuild.choose(Optional.empty(), b -> b == NativeBuild.ONEDNN_AVX2));
    }

    /** ARM64 ships only the generic build; its CPU flags are no x86 flags, or none at all. */
    @Test
    void onArmTheGenericBuildIsChosen() {
        Set<String> neoverse = Set.of("fp", "asimd", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "sve");
        assertEquals(Optional.of(NativeBuild.GENERIC), choose(neoverse, NativeBuild.GENERIC));
        assertEquals(Optional.of(NativeBuild.GENERIC),
                NativeBuild.choose(Optional.empty(), b -> b == NativeBuild.GENERIC));
    }

    /**
     * The platform is named as JavaCPP names it, without JavaCPP's {@code Loader} (whose first use
     * would fix the platform extension before the engine chose the build).
     */
    @Test
    void thePlatformIsNamedAsJavaCppNamesIt() {
        Engine.checkPlatform();
        assertEquals(Loader.getPlatform(), NativeBuild.platform());
    }

    /** The entries as they are in the classifier jars of nd4j-native 1.0.0-M2.1. */
    @Test
    void theLibraryIsLookedUpUnderEachPlatformsNameAndFileName() {
        assertEquals("linux-x86_64-onednn-avx512/libjnind4jcpu.so", NativeBuild.ONEDNN_AVX512.library("linux-x86_64"));
        assertEquals("linux-arm64/libjnind4jcpu.so", NativeBuild.GENERIC.library("linux-arm64"));
        assertEquals("windows-x86_64-onednn/jnind4jcpu.dll", NativeBuild.ONEDNN.library("windows-x86_64"));
        assertEquals("macosx-x86_64-onednn/libjnind4jcpu.dylib", NativeBuild.ONEDNN.library("macosx-x86_64"));
        assertEquals("macosx-arm64/libjnind4jcpu.dylib", NativeBuild.GENERIC.library("macosx-arm64"));
    }

    @Test
    void everyBuildShipsAndTheLoadedLibraryIsTheOneChosenForThisCpu() throws IOException {
        for (NativeBuild b : LINUX_X86_64) {
            assertTrue(b.isShipped(), b + " is on the class path");
        }
        // the generic build would load without oneDNN: releng/nd4j-libraries leaves it out
        assertFalse(NativeBuild.GENERIC.isShipped(), "the generic build is not on the class path");
        Engine.checkPlatform();
        String extension = System.getProperty(NativeBuild.PROPERTY);
        NativeBuild expected = NativeBuild.choose(Cpu.flags(), NativeBuild::isShipped).orElseThrow();
        assertEquals(expected.extension(), extension, "the property the engine set");
        assertEquals(expected.label(), Engine.nativeBuild());
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            List<String> loaded = Files.readAllLines(maps).stream().filter(l -> l.endsWith("/libnd4jcpu.so"))
                    .map(l -> l.substring(l.indexOf('/'))).distinct().toList();
            assertEquals(1, loaded.size(), "one libnd4j loaded: " + loaded);
            assertTrue(loaded.get(0).contains("/linux-x86_64" + expected.extension() + "/"),
                    "loaded " + loaded.get(0) + ", chose " + expected);
        }
    }
}
