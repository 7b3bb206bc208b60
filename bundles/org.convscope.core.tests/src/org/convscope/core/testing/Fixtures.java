package org.convscope.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the committed fixture files, whether the tests run inside Equinox under tycho-surefire
 * (whose working directory is below the bundle's {@code target/}) or on a plain classpath.
 */
public final class Fixtures {

    private static final String PROPERTY = "convscope.fixtures";
    private static final Path RELATIVE = Paths.get("bundles", "org.convscope.core.tests", "fixtures");

    private Fixtures() {
    }

    /** @return the fixtures folder; fails when it cannot be found */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("org.convscope.core.tests")
                    && Files.isDirectory(p.resolve("fixtures"))) {
                return p.resolve("fixtures");
            }
        }
        throw new IllegalStateException("fixtures not found above " + Paths.get("").toAbsolutePath()
                + "; set -D" + PROPERTY + "=<path>");
    }

    /** @return {@code dir().resolve(relative)} */
    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
