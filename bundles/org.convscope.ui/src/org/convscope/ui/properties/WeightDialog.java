package org.convscope.ui.properties;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import org.convscope.ui.CloseDialog;
import org.convscope.core.io.WeightRef;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.Histogram;
import org.convscope.core.render.WeightPicture;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;

/**
 * A weight as a picture ({@link WeightPicture}: a kernel's filters, RGB for a first layer, a matrix,
 * a strip), its histogram and statistics, and its export as {@code .npy}. The values load in a job;
 * the dialog is not modal, so several weights can be compared.
 */
public final class WeightDialog extends CloseDialog {

    /** Bins of the histogram. */
    public static final int BINS = 64;

    private static Function<Shell, String> npyChooser = WeightDialog::askNpy;

    private final String layer;
    private final WeightRef weight;
    private Tensor values;
    private WeightStats stats;
    private Histogram histogram;
    private WeightPicture picture;
    private ZoomCanvas canvas;
    private Canvas bars;
    private Label summary;
    private Spinner channel;
    private Button rgb;
    private Button export;

    /**
     * @param parent the window
     * @param layer  the name of the layer holding the weight
     * @param weight the weight
     */
    public WeightDialog(Shell parent, String layer, WeightRef weight) {
        super(parent);
        this.layer = layer;
        this.weight = weight;
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    /**
     * Replaces the save dialog of the export, for tests.
     *
     * @param chooser gets the shell, returns the file or null; null restores the save dialog
     * @return the chooser before
     */
    public static Function<Shell, String> setNpyChooser(Function<Shell, String> chooser) {
        Function<Shell, String> before = npyChooser;
        npyChooser = chooser == null ? WeightDialog::askNpy : chooser;
        return before;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(NLS.bind(Messages.weightTitle, new Object[] { layer, weight.name(),
                PropertySources.shape(weight.shape()) }));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite row = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(row);
        row.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        int[] shape = weight.shape();
        boolean kernel = WeightPicture.isKernel(shape);
        int in = kernel ? shape[shape.length - 2] : 1;
        new Label(row, SWT.NONE).setText(Messages.weightChannel);
        channel = new Spinner(row, SWT.BORDER);
        channel.setValues(0, 0, Math.max(0, in - 1), 0, 1, 10);
        channel.setEnabled(kernel && in > 1);
        rgb = new Button(row, SWT.CHECK);
        rgb.setText(Messages.weightRgb);
        rgb.setSelection(kernel && in == 3);
        rgb.setEnabled(kernel && in == 3);
        channel.setEnabled(channel.getEnabled() && !rgb.getSelection());
        export = new Button(row, SWT.PUSH);
        export.setText(Messages.weightExportNpy);
        export.setEnabled(false);
        export.addListener(SWT.Selection, e -> exportNpy());
        channel.addListener(SWT.Selection, e -> redraw());
        rgb.addListener(SWT.Selection, e -> {
            channel.setEnabled(!rgb.getSelection() && in > 1);
            redraw();
        });

        canvas = new ZoomCanvas(area);
        canvas.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).hint(520, 420).create());
        bars = new Canvas(area, SWT.DOUBLE_BUFFERED);
        bars.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 110).create());
        bars.addListener(SWT.Paint, this::paintHistogram);
        summary = new Label(area, SWT.WRAP);
        summary.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).create());
        // two lines, statistics then layout: the label's height is set here, before they are known
        summary.setText(Messages.computing + "\n");
        load();
        return area;
    }

    private void load() {
        Job job = Job.create(NLS.bind(Messages.statsJob, weight.name()), monitor -> {
            try {
                Tensor t = weight.load();
                WeightStats s = WeightStats.of(t);
                Histogram h = Histogram.of(t.data(), BINS, s.min(), s.max());
                inUi(() -> shown(t, s, h, null));
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                inUi(() -> shown(null, null, null, e.getMessage() == null ? e.toString() : e.getMessage()));
                return Status.OK_STATUS;
            }
        });
        job.setSystem(true);
        job.schedule();
    }

    private void inUi(Runnable r) {
        Shell shell = getShell();
        if (shell != null && !shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> {
                if (!shell.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void shown(Tensor t, WeightStats s, Histogram h, String error) {
        if (error != null) {
            summary.setText(NLS.bind(Messages.loadFailed, error));
            return;
        }
        values = t;
        stats = s;
        histogram = h;
        export.setEnabled(true);
        redraw();
        bars.redraw();
    }

    private void redraw() {
        if (values == null) {
            return;
        }
        picture = WeightPicture.of(values, channel.getSelection(), rgb.getSelection(),
                UiPreferences.workbench().colormap());
        canvas.setImage(picture.image());
        canvas.fit();
        String layout = switch (picture.kind()) {
            case FILTERS, RGB_FILTERS -> NLS.bind(Messages.weightFilters, weight.shape()[weight.shape().length - 1],
                    picture.tileH() + "\u00d7" + picture.tileW());
            case MATRIX, STRIP -> picture.step() > 1 ? NLS.bind(Messages.weightShrunk, picture.step()) : "";
        };
        summary.setText(String.format(Locale.ROOT, "%s %s %s %s %s %.2f %%%n%s", label(Messages.min, stats.min()),
                label(Messages.max, stats.max()), label(Messages.mean, stats.mean()), label(Messages.std, stats.std()),
                Messages.sparsity, 100 * stats.sparsity(), layout));
    }

    private static String label(String name, double v) {
        return String.format(Locale.ROOT, "%s %.5g \u00b7", name, v);
    }

    private void paintHistogram(Event e) {
        Rectangle r = bars.getClientArea();
        e.gc.setBackground(bars.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        e.gc.fillRectangle(r);
        if (histogram == null || histogram.peak() == 0) {
            return;
        }
        long[] counts = histogram.counts();
        int labelH = e.gc.getFontMetrics().getHeight() + 2;
        int h = Math.max(1, r.height - labelH);
        double peak = Math.log1p(histogram.peak());
        e.gc.setBackground(bars.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
        for (int i = 0; i < counts.length; i++) {
            int x0 = r.width * i / counts.length;
            int x1 = r.width * (i + 1) / counts.length;
            // log counts: a kernel's tails are what one looks for, and they are thin
            int bh = (int) Math.round(h * Math.log1p(counts[i]) / peak);
            e.gc.fillRectangle(x0, h - bh, Math.max(1, x1 - x0 - 1), bh);
        }
        e.gc.setForeground(bars.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        e.gc.drawText(String.format(Locale.ROOT, "%.4g", histogram.min()), 2, h + 1, true);
        String hi = String.format(Locale.ROOT, "%.4g", histogram.max());
        e.gc.drawText(hi, r.width - e.gc.textExtent(hi).x - 2, h + 1, true);
        String mid = NLS.bind(Messages.weightHistogram, BINS);
        e.gc.drawText(mid, (r.width - e.gc.textExtent(mid).x) / 2, h + 1, true);
    }

    private void exportNpy() {
        String chosen = npyChooser.apply(getShell());
        if (chosen == null || values == null) {
            return;
        }
        try {
            Npy.write(Path.of(chosen), values);
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getShell(), Messages.weightExportNpy, chosen + ": " + e.getMessage());
        }
    }

    private static String askNpy(Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { "*.npy" });
        dialog.setFileName("weight.npy");
        return dialog.open();
    }

    /** @return whether the values are loaded and drawn */
    public boolean ready() {
        return picture != null;
    }

    /** @return the picture shown, or null while loading */
    public WeightPicture picture() {
        return picture;
    }

    /** @return the histogram shown, or null while loading */
    public Histogram histogram() {
        return histogram;
    }

    /** @return the statistics shown, or null while loading */
    public WeightStats stats() {
        return stats;
    }

    /** @return the summary line under the histogram */
    public String summary() {
        return summary.getText();
    }

    /** @param c the input channel the filters show */
    public void setChannel(int c) {
        channel.setSelection(c);
        redraw();
    }

    /** @param on draw a three-channel kernel in colour */
    public void setRgb(boolean on) {
        rgb.setSelection(on);
        redraw();
    }

    /** Presses Export .npy. */
    public void pressExport() {
        exportNpy();
    }
}
