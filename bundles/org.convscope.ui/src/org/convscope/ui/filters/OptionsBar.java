package org.convscope.ui.filters;

import java.nio.file.Path;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The Filters view's settings row: preset, steps, size, objective with its class or direction,
 * diversity and seed. Empty steps and size mean the preset's (shown greyed in the field); the
 * class field is live for the class objective, the direction field for the direction objective.
 */
final class OptionsBar {

    private final Combo preset;
    private final Text steps;
    private final Text size;
    private final Combo objective;
    private final Text classIndex;
    private final Text direction;
    private final Button browse;
    private final Text diversity;
    private final Text seed;

    /** @param presetChanged told when another preset is picked, to show its steps and size */
    OptionsBar(Composite parent, Runnable presetChanged) {
        // two rows: one row of every field is wider than a view beside the graph
        Composite how = row(parent, 10);
        preset = combo(how, Messages.preset, AnalysisOptions.PRESETS.toArray(String[]::new), Messages.presetTip);
        preset.addListener(SWT.Selection, e -> presetChanged.run());
        steps = text(how, Messages.steps, 40, Messages.stepsTip);
        size = text(how, Messages.size, 40, Messages.sizeTip);
        seed = text(how, Messages.seed, 90, Messages.seedTip);
        diversity = text(how, Messages.diversity, 40, Messages.diversityTip);
        Composite what = row(parent, 7);
        objective = combo(what, Messages.objective, AnalysisOptions.OBJECTIVES.toArray(String[]::new),
                Messages.objectiveTip);
        objective.addListener(SWT.Selection, e -> enable());
        classIndex = text(what, Messages.classIndex, 30, Messages.classTip);
        direction = text(what, Messages.direction, 200, Messages.directionTip);
        browse = new Button(what, SWT.PUSH);
        browse.setText(Messages.browse);
        browse.setToolTipText(Messages.directionTip);
        browse.addListener(SWT.Selection, e -> browse());
    }

    private static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(columns, false));
        row.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        return row;
    }

    private static Combo combo(Composite bar, String label, String[] items, String tip) {
        new Label(bar, SWT.NONE).setText(label);
        Combo c = new Combo(bar, SWT.READ_ONLY);
        c.setItems(items);
        c.select(0);
        c.setToolTipText(tip);
        return c;
    }

    private static Text text(Composite bar, String label, int width, String tip) {
        new Label(bar, SWT.NONE).setText(label);
        Text t = new Text(bar, SWT.BORDER);
        t.setLayoutData(GridDataFactory.fillDefaults().hint(width, SWT.DEFAULT).create());
        t.setToolTipText(tip);
        return t;
    }

    private void browse() {
        FileDialog d = new FileDialog(direction.getShell(), SWT.OPEN | SWT.MULTI);
        d.setFilterExtensions(new String[] { "*.npy;*.png;*.jpg;*.jpeg", "*.*" });
        if (d.open() == null) {
            return;
        }
        String[] names = d.getFileNames();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(2, names.length); i++) {
            b.append(i > 0 ? "," : "").append(Path.of(d.getFilterPath(), names[i]));
        }
        direction.setText(b.toString());
    }

    private void enable() {
        ObjectiveKind k = ObjectiveKind.named(objective.getText());
        classIndex.setEnabled(k == ObjectiveKind.CLASS);
        direction.setEnabled(k == ObjectiveKind.DIRECTION);
        browse.setEnabled(k == ObjectiveKind.DIRECTION);
    }

    /** Fills the fields from {@code s}. */
    void set(AtlasSettings s) {
        preset.select(Math.max(0, AnalysisOptions.PRESETS.indexOf(s.preset())));
        steps.setText(s.steps() == null ? "" : s.steps().toString());
        size.setText(s.size() == null ? "" : s.size().toString());
        objective.select(Math.max(0, AnalysisOptions.OBJECTIVES.indexOf(s.objective())));
        classIndex.setText(Integer.toString(s.classIndex()));
        direction.setText(s.direction());
        diversity.setText(s.diversity() == 0 ? "" : Float.toString(s.diversity()));
        seed.setText(Long.toString(s.seed()));
        enable();
    }

    /** @return the chosen preset's name */
    String preset() {
        return preset.getText();
    }

    /** Shows the steps and size the preset runs with, in the empty fields. */
    void showDefaults(FilterPatternOptions o) {
        steps.setMessage(Integer.toString(o.steps()));
        size.setMessage(Integer.toString(o.size()));
    }

    /**
     * @param filters the filters field's text
     * @return the settings the fields hold
     * @throws AnalysisException naming the field whose text is not a number it takes
     */
    AtlasSettings read(String filters) {
        Integer n = steps.getText().isBlank() ? null : (int) number(steps, Messages.steps, 0);
        Integer s = size.getText().isBlank() ? null : (int) number(size, Messages.size, 8);
        int c = (int) number(classIndex, Messages.classIndex, 0);
        float d = decimal(diversity, Messages.diversity);
        long sd = seed.getText().isBlank() ? 0 : number(seed, Messages.seed, Integer.MIN_VALUE);
        return new AtlasSettings(filters, preset.getText(), n, s, objective.getText(), c, direction.getText(), d, sd);
    }

    private static long number(Text t, String label, long least) {
        try {
            long v = Long.parseLong(t.getText().trim());
            if (v >= least && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below with the field's name
        }
        throw new AnalysisException(Messages.bind(Messages.badNumber, new Object[] { label, t.getText(), least }));
    }

    private static float decimal(Text t, String label) {
        if (t.getText().isBlank()) {
            return 0f;
        }
        try {
            float v = Float.parseFloat(t.getText().trim());
            if (Float.isFinite(v) && v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below with the field's name
        }
        throw new AnalysisException(Messages.bind(Messages.badNumber, new Object[] { label, t.getText(), 0 }));
    }
}
