package org.convscope.app;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.convscope.ui.InputChoice;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.ViewIds;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.osgi.framework.Bundle;

/**
 * Opens what the command line named ({@code convscope MODEL [IMAGE...]}), or the bundled sample
 * when it named nothing. The images go to the Activation view through the event broker
 * ({@link ModelEvents#INPUTS_CHOSEN}): it makes them its inputs and runs the model on the first.
 */
public final class StartupFiles {

    private static final String SAMPLES_BUNDLE = "org.convscope.samples";
    private static final String SAMPLE_MODEL = "models/mnist_convnet.keras";

    private StartupFiles() {
    }

    /**
     * Opens the model and hands the images to the Activation view; what the window does once it
     * has painted, and what the UI tests call to start as the command line would.
     *
     * @param window the workbench window
     * @param args   the application's arguments: options (skipped), then a model, then images
     */
    public static void open(IWorkbenchWindow window, List<String> args) {
        List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
        Path model = files.isEmpty() ? bundledSample() : Path.of(files.get(0)).toAbsolutePath();
        if (model == null) {
            return;
        }
        ModelOpener.open(window, model);
        List<Path> images = files.stream().skip(1).map(f -> Path.of(f).toAbsolutePath()).toList();
        if (!images.isEmpty()) {
            giveInputs(window, new InputChoice(model, images));
        }
    }

    private static void giveInputs(IWorkbenchWindow window, InputChoice inputs) {
        IWorkbenchPage page = window.getActivePage();
        try {
            page.showView(ViewIds.ACTIVATIONS, null, IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            ILog.of(StartupFiles.class).error("cannot open the Activation view for " + inputs.files(), e);
            return;
        }
        // sent, not posted: the view exists now and is subscribed; it takes the inputs at once
        window.getService(IEventBroker.class).send(ModelEvents.INPUTS_CHOSEN, inputs);
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
