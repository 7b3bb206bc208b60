package org.convscope.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** CPU feature detection, to pick the native build this CPU runs fastest (see {@link NativeBuild}). */
public final class Cpu {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private Cpu() {
    }

    /**
     * @return the instruction-set flags the kernel reports for this CPU (e.g. {@code avx2},
     *         {@code avx512f}), or empty when they cannot be told (not Linux)
     */
    public static Optional<Set<String>> flags() {
        if (!Files.isReadable(CPUINFO)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(CPUINFO)) {
            return lines.filter(l -> l.startsWith("flags") && l.indexOf(':') >= 0).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
