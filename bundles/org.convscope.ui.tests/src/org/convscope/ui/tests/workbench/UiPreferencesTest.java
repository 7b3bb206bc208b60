package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.render.Colormap;
import org.convscope.core.render.NormalizationScope;
import org.convscope.ui.prefs.UiPreferences;
import org.eclipse.jface.preference.PreferenceStore;
import org.junit.jupiter.api.Test;

/** The preference defaults and their use, on an in-memory store. */
class UiPreferencesTest {

    @Test
    void defaultsAreTheNotebooks() {
        UiPreferences p = new UiPreferences(new PreferenceStore());
        assertEquals(Colormap.VIRIDIS, p.colormap());
        assertEquals(16, p.perRow());
        assertEquals(NormalizationScope.CHANNEL, p.scope());
        assertEquals(Optional.empty(), p.preprocessing());
        assertEquals(16, p.gridOptions().perRow());
    }

    @Test
    void storedValuesAreUsedAndNonsenseFallsBack() {
        PreferenceStore s = new PreferenceStore();
        UiPreferences p = new UiPreferences(s);
        s.setValue(UiPreferences.COLORMAP, "magma");
        s.setValue(UiPreferences.PER_ROW, 8);
        s.setValue(UiPreferences.SCOPE, "layer");
        s.setValue(UiPreferences.PREPROCESSING, "caffe");
        assertEquals(Colormap.MAGMA, p.gridOptions().colormap());
        assertEquals(8, p.gridOptions().perRow());
        assertEquals(NormalizationScope.LAYER, p.gridOptions().scope());
        assertEquals(Optional.of(Preprocessing.CAFFE), p.preprocessing());
        s.setValue(UiPreferences.COLORMAP, "rainbow");
        s.setValue(UiPreferences.PER_ROW, -3);
        s.setValue(UiPreferences.SCOPE, "shared");
        assertEquals(Colormap.VIRIDIS, p.colormap());
        assertEquals(16, p.perRow());
        assertEquals(NormalizationScope.CHANNEL, p.scope(), "a comparison's shared scale is never a default");
    }

    @Test
    void recentInputsAreNewestFirstWithoutRepeats() {
        UiPreferences p = new UiPreferences(new PreferenceStore());
        for (int i = 0; i < 12; i++) {
            p.addRecentInput(Path.of("/tmp/img" + i + ".png"));
        }
        p.addRecentInput(Path.of("/tmp/img5.png"));
        assertEquals(UiPreferences.MAX_RECENT, p.recentInputs().size());
        assertEquals(Path.of("/tmp/img5.png"), p.recentInputs().get(0));
        assertEquals(1, p.recentInputs().stream().filter(x -> x.endsWith("img5.png")).count());
        assertTrue(p.recentInputs().contains(Path.of("/tmp/img11.png")));
    }
}
