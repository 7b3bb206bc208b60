package org.convscope.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the engine's committed fixtures, under tycho-surefire (working directory below the
 * bundle) or on a plain classpath (anywhere in the repository).
 */
public final class EngineFixtures {

    private static final String PROPERTY = "convscope.engine.fixtures";
    private static final Path RELATIVE = Paths.get("bundles", "org.convscope.engine.tests", "fixtures");

    private EngineFixtures() {
    }

    /** @return the fixtures folder; fails when it cannot be found */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(RELATIVE))) {
                return p.resolve(RELATIVE);
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("org.convscope.engine.tests")
                    && Files.isDirectory(p.resolve("fixtures"))) {
                return p.resolve("fixtures");
            }
        }
        throw new IllegalStateException("engine fixtures not found above " + Paths.get("").toAbsolutePath()
                + "; set -D" + PROPERTY + "=<path>");
    }
}
