package org.convscope.ui.prefs;

import org.convscope.core.render.GridOptions;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/** Declares the built-in defaults in the default scope, so "Restore Defaults" knows them. */
public final class PreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences node = DefaultScope.INSTANCE.getNode(UiPreferences.NODE);
        node.put(UiPreferences.COLORMAP, "viridis");
        node.putInt(UiPreferences.PER_ROW, GridOptions.DEFAULT_PER_ROW);
        node.put(UiPreferences.SCOPE, "channel");
        node.put(UiPreferences.PREPROCESSING, UiPreferences.AUTO);
    }
}
