package org.convscope.ui.tests.workbench;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The bundled sample files, found through the samples bundle in OSGi, or beside this bundle otherwise. */
final class Samples {

    private Samples() {
    }

    static Path file(String entry) throws IOException {
        Bundle self = FrameworkUtil.getBundle(Samples.class);
        if (self != null) {
            for (Bundle b : self.getBundleContext().getBundles()) {
                if ("org.convscope.samples".equals(b.getSymbolicName())) {
                    URL u = b.getEntry(entry);
                    if (u != null) {
                        return Path.of(FileLocator.toFileURL(u).getPath());
                    }
                }
            }
        }
        // plain JUnit run from the bundle's folder
        Path p = Path.of("../org.convscope.samples").resolve(entry);
        if (!Files.isRegularFile(p)) {
            p = Path.of("bundles/org.convscope.samples").resolve(entry);
        }
        return p.toAbsolutePath().normalize();
    }

    static Path model() throws IOException {
        return file("models/mnist_convnet.keras");
    }

    static Path three(int i) throws IOException {
        return file("images/digit_3_" + i + ".png");
    }
}
