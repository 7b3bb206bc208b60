package org.convscope.ui.activations;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** The images shipped in the samples bundle, offered in the input chooser. */
public final class SampleInputs {

    private static final String BUNDLE = "org.convscope.samples";

    private SampleInputs() {
    }

    /** @return the bundled images sorted by name; empty when the samples bundle is absent */
    public static List<Path> images() {
        Bundle b = Platform.getBundle(BUNDLE);
        if (b == null) {
            return List.of();
        }
        Enumeration<URL> e = b.findEntries("images", "*.png", false);
        List<Path> out = new ArrayList<>();
        while (e != null && e.hasMoreElements()) {
            try {
                out.add(Path.of(FileLocator.toFileURL(e.nextElement()).getPath()));
            } catch (IOException | IllegalArgumentException ex) {
                ILog.of(SampleInputs.class).warn("cannot locate a bundled sample image", ex);
            }
        }
        Collections.sort(out);
        return out;
    }
}
