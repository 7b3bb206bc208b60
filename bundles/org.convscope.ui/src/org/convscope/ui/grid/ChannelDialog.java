package org.convscope.ui.grid;

import org.convscope.ui.CloseDialog;
import org.convscope.core.render.ChannelPlot;
import org.convscope.core.render.Colormap;
import org.convscope.core.tensor.Tensor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * One channel enlarged with its colour bar, like the notebook's {@code plt.matshow}: the bar's
 * ends are labelled with the channel's real minimum and maximum, and hovering reads values out.
 * Modeless, so several channels can be open beside the grid.
 */
public final class ChannelDialog extends CloseDialog {

    private static final int TARGET_SIZE = 420;

    private final ChannelPlot plot;
    private final String title;
    private final int upscale;
    private Label readout;

    /**
     * @param shell      the parent shell
     * @param activation the layer output
     * @param channel    the channel to show
     * @param colormap   its colours
     * @param title      the window title (layer and channel)
     */
    public ChannelDialog(Shell shell, Tensor activation, int channel, Colormap colormap, String title) {
        super(shell);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
        int rank = activation.rank();
        int side = rank == 4 ? Math.max(activation.dim(1), activation.dim(2)) : Math.max(1, activation.dim(1));
        this.upscale = Math.max(1, TARGET_SIZE / Math.max(1, side));
        this.plot = ChannelPlot.render(activation, 0, channel, upscale, colormap);
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
        area.setLayout(new GridLayout(2, false));
        ZoomCanvas canvas = new ZoomCanvas(area);
        int w = plot.image().width();
        int h = plot.image().height();
        canvas.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).hint(w + 8, h + 8).create());
        canvas.setImage(plot.image());
        Composite labels = new Composite(area, SWT.NONE);
        labels.setLayout(new GridLayout(1, false));
        labels.setLayoutData(GridDataFactory.fillDefaults().grab(false, true).create());
        Label max = new Label(labels, SWT.NONE);
        max.setText(Messages.bind(Messages.barMax, GridModel.format(plot.stats().max())));
        max.setLayoutData(
                GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).grab(false, true).create());
        Label min = new Label(labels, SWT.NONE);
        min.setText(Messages.bind(Messages.barMin, GridModel.format(plot.stats().min())));
        min.setLayoutData(GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.END).grab(false, true).create());
        readout = new Label(area, SWT.NONE);
        readout.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).grab(true, false).create());
        readout.setText(stats());
        canvas.addListener(new ZoomCanvas.Listener() {

            @Override
            public void pointerMoved(ZoomCanvas source, int x, int y) {
                if (readout.isDisposed()) {
                    return;
                }
                float v = x < 0 || x >= plot.barX() ? Float.NaN : plot.valueAt(x, y);
                readout.setText(Float.isNaN(v)
                        ? stats()
                        : Messages.bind(Messages.plotHover,
                                new Object[] { y / upscale, x / upscale, GridModel.format(v) }));
            }
        });
        return area;
    }

    private String stats() {
        return Messages.bind(Messages.plotStats, new Object[] { plot.channel(), GridModel.format(plot.stats().mean()),
                GridModel.format(plot.stats().std()), Math.round(plot.stats().zeroShare() * 100) });
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 360), Math.max(p.y, 300));
    }
}
