package org.convscope.ui.explain;

import org.convscope.core.render.Colormap;
import org.convscope.core.render.RgbImage;
import org.convscope.engine.explain.Attribution;
import org.convscope.ui.grid.ZoomCanvas;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * One tile of the Explain view enlarged (zoom and pan as in the channel grid), the value under the
 * pointer, and the colour bar from the map's minimum to its maximum.
 */
final class TileDialog extends Dialog {

    private static final int SIZE = 480;
    private static final int BAR_HEIGHT = 16;

    private final String title;
    private final RgbImage tile;
    private final Attribution map;
    private Label hover;

    TileDialog(Shell parent, String title, RgbImage tile, Attribution map) {
        super(parent);
        this.title = title;
        this.tile = tile;
        this.map = map;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        ZoomCanvas canvas = new ZoomCanvas(area);
        canvas.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).hint(SIZE, SIZE).create());
        canvas.setImage(tile);
        hover = new Label(area, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        canvas.addListener(new ZoomCanvas.Listener() {

            @Override
            public void pointerMoved(ZoomCanvas source, int x, int y) {
                hover.setText(x < 0 ? "" : valueAt(x, y));
            }
        });
        Composite bar = new Composite(area, SWT.NONE);
        bar.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        bar.setLayout(GridLayoutFactory.fillDefaults().numColumns(3).create());
        float[] v = map.values();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        label(bar, Messages.bind(Messages.barMin, TileText.value(min)));
        Canvas colours = new Canvas(bar, SWT.DOUBLE_BUFFERED);
        colours.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, BAR_HEIGHT).create());
        colours.addListener(SWT.Paint, e -> {
            Rectangle r = colours.getClientArea();
            for (int x = 0; x < r.width; x++) {
                int argb = Colormap.JET.argb(r.width == 1 ? 0 : (double) x / (r.width - 1));
                Color c = new Color(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF);
                e.gc.setForeground(c);
                e.gc.drawLine(x, 0, x, r.height);
            }
        });
        label(bar, Messages.bind(Messages.barMax, TileText.value(max)));
        if (TileText.constant(map)) {
            label(area, Messages.bind(Messages.constantMap, TileText.number(min)));
        }
        return area;
    }

    private static void label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
    }

    /** @return the map's value under tile pixel ({@code x}, {@code y}) */
    private String valueAt(int x, int y) {
        int mx = Math.min(map.width() - 1, (int) ((long) x * map.width() / tile.width()));
        int my = Math.min(map.height() - 1, (int) ((long) y * map.height() / tile.height()));
        return Messages.bind(Messages.dialogHover,
                new Object[] { mx, my, map.width(), map.height(),
                        TileText.value(map.values()[my * map.width() + mx]) });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
