package org.convscope.ui.activations;

import java.util.List;
import java.util.Locale;

/** The one-line account of a run that the Activation view shows above its table. */
public final class RunSummary {

    private RunSummary() {
    }

    /** @return model, input, preprocessing, layer count, time, and the first failure if any */
    public static String of(ActivationRun run, String modelName) {
        String text = Messages.bind(Messages.computed, new Object[] { modelName, run.input().fileName(),
                run.input().preprocessing().name().toLowerCase(Locale.ROOT), run.rows().size(), run.millis() });
        List<LayerRow> failed = run.rows().stream().filter(r -> !r.ok()).toList();
        return failed.isEmpty()
                ? text
                : text + Messages.bind(Messages.failedLayers, failed.size(), failed.get(0).error());
    }
}
