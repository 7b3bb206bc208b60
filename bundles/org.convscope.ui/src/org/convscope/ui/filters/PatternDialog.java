package org.convscope.ui.filters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.npy.Npy;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.PatternGrid;
import org.convscope.ui.CloseDialog;
import org.convscope.ui.grid.ZoomCanvas;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * One pattern enlarged, with its channel, objective value and exports: the tile as a PNG, or as
 * {@code .npy} float32 (1, H, W, 3) in pixel units 0–255, as {@code convscope filters --npy} writes
 * a layer's. Modeless, so several patterns can be open beside the atlas.
 */
final class PatternDialog extends CloseDialog {

    private static final int SIDE = 448;

    private final FilterPattern pattern;
    private final String title;
    private Label result;

    PatternDialog(Shell shell, FilterPattern pattern, String title) {
        super(shell);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
        this.pattern = pattern;
        this.title = title;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(3, false));
        ZoomCanvas canvas = new ZoomCanvas(area);
        canvas.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).span(3, 1).hint(SIDE, SIDE)
                .create());
        canvas.setImage(pattern.tile());
        Button png = new Button(area, SWT.PUSH);
        png.setText(Messages.exportPng);
        png.addListener(SWT.Selection, e -> export("*.png", ".png"));
        Button npy = new Button(area, SWT.PUSH);
        npy.setText(Messages.exportNpy);
        npy.addListener(SWT.Selection, e -> export("*.npy", ".npy"));
        result = new Label(area, SWT.NONE);
        result.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        result.setText(FiltersView.describe(pattern));
        return area;
    }

    private void export(String filter, String extension) {
        FileDialog d = new FileDialog(getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { filter });
        d.setFileName(pattern.layer().replace('/', '_') + "_" + pattern.filter() + extension);
        d.setOverwrite(true);
        String chosen = d.open();
        if (chosen != null) {
            try {
                write(pattern, Path.of(chosen));
                result.setText(Messages.bind(Messages.wrote, chosen));
            } catch (IOException e) {
                result.setText(Messages.bind(Messages.cannotWrite, chosen, e.getMessage()));
            }
        }
    }

    /** Writes {@code pattern} to {@code file}: {@code .npy} as float32 pixels, anything else as a PNG. */
    static void write(FilterPattern pattern, Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".npy")) {
            Npy.write(file, PatternGrid.pixels(List.of(pattern.tile())));
        } else {
            pattern.tile().writePng(file);
        }
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 360), Math.max(p.y, 300));
    }
}
