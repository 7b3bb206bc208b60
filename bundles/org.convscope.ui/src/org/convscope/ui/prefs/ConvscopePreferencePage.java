package org.convscope.ui.prefs;

import org.convscope.core.render.Colormap;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.PlatformUI;

/**
 * The Convscope page of Window &gt; Preferences: the defaults of grids, comparisons and runs, and the
 * light or dark theme (the platform's CSS theme, which this product has no Appearance page for).
 */
public final class ConvscopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    private Combo theme;

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

        Composite parent = getFieldEditorParent();
        new Label(parent, SWT.NONE).setText(Messages.theme);
        theme = new Combo(parent, SWT.READ_ONLY);
        theme.setItems(Messages.themeLight, Messages.themeDark);
        theme.select(UiTheme.palette().dark() ? 1 : 0);
        Label note = new Label(parent, SWT.WRAP);
        note.setText(Messages.themeNote);
        note.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).hint(400, SWT.DEFAULT).create());
    }

    /** @return the theme choice (Light, Dark), for tests */
    public Combo themeChoice() {
        return theme;
    }

    @Override
    protected void performDefaults() {
        super.performDefaults();
        theme.select(0);
    }

    @Override
    public boolean performOk() {
        boolean dark = theme.getSelectionIndex() == 1;
        if (dark != UiTheme.palette().dark() && UiTheme.choose(dark) && askRestart()) {
            getShell().getDisplay().asyncExec(() -> PlatformUI.getWorkbench().restart());
        }
        return super.performOk();
    }

    private boolean askRestart() {
        return new MessageDialog(getShell(), Messages.restartTitle, null, Messages.restartText, MessageDialog.QUESTION,
                0, Messages.restartNow, Messages.restartLater).open() == 0;
    }
}
