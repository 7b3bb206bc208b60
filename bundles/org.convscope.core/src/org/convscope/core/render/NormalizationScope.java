package org.convscope.core.render;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * Which values share one mean and standard deviation when a grid is standardised with
 * {@code (x − mean)/std·64 + 128}.
 */
public enum NormalizationScope {

    /** Each channel by its own statistics, as the notebook does: every tile uses the full colour range. */
    CHANNEL,
    /** One mean and std over every channel of the shown batch item, so tiles compare with each other. */
    LAYER,
    /** One mean and std over the whole tensor, every batch item included, so batch items compare too. */
    GLOBAL,
    /**
     * Per-channel statistics pooled over several inputs ({@link SharedScale}), so the same channel
     * compares across images shown side by side.
     */
    SHARED;

    /** @return the scope for a name ({@code "channel"}, {@code "layer"}, {@code "global"}, {@code "shared"}), any case */
    public static NormalizationScope named(String name) {
        return find(name).orElseThrow(() -> new AnalysisException(MessageBundles.bind(Messages.unknownScale, name)));
    }

    /** @return the scope for a name, any case, or empty when {@code name} is none (a stored preference) */
    public static Optional<NormalizationScope> find(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(n)).findFirst();
    }
}
