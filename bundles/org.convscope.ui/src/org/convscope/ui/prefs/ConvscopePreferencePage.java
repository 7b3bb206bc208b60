package org.convscope.ui.prefs;

import org.convscope.core.render.Colormap;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** The Convscope page of Window &gt; Preferences: the defaults of grids, comparisons and runs. */
public final class ConvscopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public ConvscopePreferencePage() {
        super(GRID);
        setDescription(Messages.pageDescription);
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(UiPreferences.workbench().store());
    }

    @Override
    protected void createFieldEditors() {
        Colormap[] maps = Colormap.values();
        String[][] colormaps = new String[maps.length][];
        for (int i = 0; i < maps.length; i++) {
            colormaps[i] = new String[] { maps[i].id(), maps[i].id() };
        }
        addField(new ComboFieldEditor(UiPreferences.COLORMAP, Messages.colormap, colormaps, getFieldEditorParent()));

        IntegerFieldEditor perRow = new IntegerFieldEditor(UiPreferences.PER_ROW, Messages.perRow,
                getFieldEditorParent(), 3);
        perRow.setValidRange(1, 256);
        addField(perRow);

        addField(new RadioGroupFieldEditor(UiPreferences.SCOPE, Messages.scope, 1,
                new String[][] { { Messages.scopeChannel, "channel" }, { Messages.scopeLayer, "layer" },
                        { Messages.scopeGlobal, "global" } },
                getFieldEditorParent(), true));

        addField(new ComboFieldEditor(UiPreferences.PREPROCESSING, Messages.preprocessing,
                new String[][] { { Messages.preprocessingAuto, UiPreferences.AUTO },
                        { Messages.preprocessingRescale, "rescale" }, { Messages.preprocessingCaffe, "caffe" },
                        { Messages.preprocessingTf, "tf" }, { Messages.preprocessingTorch, "torch" },
                        { Messages.preprocessingNone, "none" } },
                getFieldEditorParent()));
    }
}
