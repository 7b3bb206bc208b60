package org.convscope.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** The product version: the Bundle-Version of the jar this class was loaded from. */
final class Version {

    private static final String UNKNOWN = Messages.versionDevelopment;

    private Version() {
    }

    static String get() {
        try {
            var source = Version.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return UNKNOWN;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (!location.toString().endsWith(".jar")) {
                return UNKNOWN;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                var manifest = jar.getManifest();
                String version = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
                return version == null ? UNKNOWN : version;
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return UNKNOWN;
        }
    }
}
