package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        assertEquals(Optional.of(NativeBuild.ONEDNN),
                NativeBuild.choose(Optional.empty(), b -> true));
        assertEquals(Optional.of(NativeBuild.ONEDNN_AVX2),
                NativeBuild.choose(Optional.empty(), b -> b != NativeBuild.ONEDNN));
    }

    @Test
    void everyBuildShipsAndTheLoadedLibraryIsTheOneChosenForThisCpu() throws IOException {
        for (NativeBuild b : NativeBuild.values()) {
            assertTrue(b.isShipped(), b + " is on the class path");
        }
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
