package org.convscope.ui.prefs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.render.Colormap;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.NormalizationScope;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * Typed access to the Convscope preferences. Every part reads its defaults here, so a value
 * changed on the preference page applies to the next grid, comparison or run. Takes any
 * {@link IPreferenceStore}, so tests use an in-memory store without a workbench.
 */
public final class UiPreferences {

    /** The preference node (the UI bundle's symbolic name). */
    public static final String NODE = "org.convscope.ui";
    /** Colour map id, e.g. {@code viridis}. */
    public static final String COLORMAP = "grid.colormap";
    /** Tiles per row. */
    public static final String PER_ROW = "grid.perRow";
    /** Normalisation scope: {@code channel}, {@code layer} or {@code global}. */
    public static final String SCOPE = "grid.scope";
    /** Preprocessing: {@link #AUTO} or a mode name ({@code rescale}, {@code caffe}, …). */
    public static final String PREPROCESSING = "input.preprocessing";
    /** Recent input images, newest first, one absolute path per line. */
    public static final String RECENT_INPUTS = "input.recent";
    /** The preprocessing value that means "as the model's metadata or family says". */
    public static final String AUTO = "auto";
    /** How many recent inputs are kept. */
    public static final int MAX_RECENT = 10;

    private static final int MAX_PER_ROW = 256;

    private static UiPreferences instance;

    private final IPreferenceStore store;

    /** @param store where the values live; defaults are set in it if absent */
    public UiPreferences(IPreferenceStore store) {
        this.store = Objects.requireNonNull(store, "store");
        setDefaults(store);
    }

    /** @return the workbench's instance-scope preferences (created on first use) */
    public static synchronized UiPreferences workbench() {
        if (instance == null) {
            instance = new UiPreferences(new ScopedPreferenceStore(InstanceScope.INSTANCE, NODE));
        }
        return instance;
    }

    /** Sets the built-in defaults: the notebook's 16 per row, viridis, per-channel scale. */
    static void setDefaults(IPreferenceStore store) {
        store.setDefault(COLORMAP, Colormap.VIRIDIS.id());
        store.setDefault(PER_ROW, GridOptions.DEFAULT_PER_ROW);
        store.setDefault(SCOPE, NormalizationScope.CHANNEL.name().toLowerCase(Locale.ROOT));
        store.setDefault(PREPROCESSING, AUTO);
        store.setDefault(RECENT_INPUTS, "");
    }

    /** @return the store behind these preferences (for the preference page) */
    public IPreferenceStore store() {
        return store;
    }

    /** @return the default colour map; an unknown stored name falls back to viridis */
    public Colormap colormap() {
        return Colormap.find(store.getString(COLORMAP)).orElse(Colormap.VIRIDIS);
    }

    /** @return the default tiles per row, kept within 1..256 */
    public int perRow() {
        int n = store.getInt(PER_ROW);
        return n < 1 ? GridOptions.DEFAULT_PER_ROW : Math.min(n, MAX_PER_ROW);
    }

    /** @return the default scale; SHARED is a comparison's own and is never a default */
    public NormalizationScope scope() {
        return NormalizationScope.find(store.getString(SCOPE)).filter(s -> s != NormalizationScope.SHARED)
                .orElse(NormalizationScope.CHANNEL);
    }

    /** @return the preprocessing the user fixed, or empty for "as the model says" */
    public Optional<Preprocessing> preprocessing() {
        String v = store.getString(PREPROCESSING);
        if (v == null || v.isBlank() || AUTO.equals(v)) {
            return Optional.empty();
        }
        return Preprocessing.find(v);
    }

    /** @return grid options from these defaults, with the active theme's gutters */
    public GridOptions gridOptions() {
        return GridOptions.defaults().withPerRow(perRow()).withColormap(colormap()).withScope(scope())
                .withBackground(UiTheme.palette().gutterArgb());
    }

    /** @return the recent inputs, newest first */
    public List<Path> recentInputs() {
        List<Path> out = new ArrayList<>();
        for (String line : store.getString(RECENT_INPUTS).split("\n")) {
            if (!line.isBlank()) {
                out.add(Path.of(line.trim()));
            }
        }
        return out;
    }

    /** Puts {@code file} first in the recent inputs, keeping at most {@link #MAX_RECENT}. */
    public void addRecentInput(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentInputs());
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX_RECENT) {
            list.remove(list.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : list) {
            sb.append(p).append('\n');
        }
        store.setValue(RECENT_INPUTS, sb.toString());
        save();
    }

    private void save() {
        if (store instanceof ScopedPreferenceStore scoped) {
            try {
                scoped.save();
            } catch (IOException e) {
                // the list still works for this session; only its survival over a restart is lost
                ILog.of(UiPreferences.class).warn("cannot save recent inputs", e);
            }
        }
    }
}
