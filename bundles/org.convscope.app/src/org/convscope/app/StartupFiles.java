package org.convscope.app;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.convscope.ui.ModelOpener;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IWorkbenchWindow;
import org.osgi.framework.Bundle;

/**
 * Opens what the command line named ({@code convscope MODEL [IMAGE...]}), or the bundled sample
 * when it named nothing.
 */
final class StartupFiles {

    private static final String SAMPLES_BUNDLE = "org.convscope.samples";
    private static final String SAMPLE_MODEL = "models/mnist_convnet.keras";

    private StartupFiles() {
    }

    static void open(IWorkbenchWindow window, List<String> args) {
        List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
        Path model = files.isEmpty() ? bundledSample() : Path.of(files.get(0)).toAbsolutePath();
        if (model != null) {
            ModelOpener.open(window, model);
        }
    }

    /** @return the bundled sample model, or null when the samples bundle is not installed */
    static Path bundledSample() {
        Bundle bundle = Platform.getBundle(SAMPLES_BUNDLE);
        if (bundle == null) {
            return null;
        }
        URL entry = bundle.getEntry(SAMPLE_MODEL);
        if (entry == null) {
            return null;
        }
        try {
            return Path.of(FileLocator.toFileURL(entry).getPath());
        } catch (IOException e) {
            ILog.of(StartupFiles.class).error("cannot locate the bundled sample", e);
            return null;
        }
    }
}
