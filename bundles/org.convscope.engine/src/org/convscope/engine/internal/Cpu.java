package org.convscope.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU feature detection. The native library is libnd4j's oneDNN build for AVX2; on a CPU without
 * AVX2 it would die with an illegal instruction, so the engine checks first.
 */
public final class Cpu {

    private Cpu() {
    }

    /** @return whether the CPU has AVX2, or empty when it cannot be told (not Linux) */
    public static Optional<Boolean> hasAvx2() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return Optional.of(lines.filter(l -> l.startsWith("flags"))
                    .anyMatch(l -> (" " + l.substring(l.indexOf(':') + 1) + " ").contains(" avx2 ")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
