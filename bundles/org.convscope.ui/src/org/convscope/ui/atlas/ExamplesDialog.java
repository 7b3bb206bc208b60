package org.convscope.ui.atlas;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.RgbImage;
import org.convscope.scan.ChannelSummary;
import org.convscope.scan.Example;
import org.convscope.ui.CloseDialog;
import org.convscope.ui.grid.SwtImages;
import org.convscope.ui.theme.UiTheme;
import org.convscope.ui.views.AnalysisJob;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * A channel's top examples large: each whole image as the model saw it, the receptive field of the
 * strongest position outlined and the channel's activation on that image laid over it (the engine
 * runs the store's model on the examples in a background job). Without the model the examples
 * show without the activation, and the dialog says why. Modeless, so several can be open.
 */
public final class ExamplesDialog extends CloseDialog {

    /** Per example, the picture to show (null for a missing image) and its caption. */
    record Shown(List<RgbImage> pictures, String note) {
    }

    private static final int COLUMNS = 3;

    private final OpenAtlas open;
    private final String layer;
    private final ChannelSummary channel;
    private final List<Label> pictures = new ArrayList<>();
    private final List<Label> captions = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private Label status;
    private boolean finished;

    ExamplesDialog(Shell shell, OpenAtlas open, String layer, ChannelSummary channel) {
        super(shell);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
        this.open = open;
        this.layer = layer;
        this.channel = channel;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(NLS.bind(Messages.dialogTitle, layer, channel.channel()));
        shell.addDisposeListener(e -> images.forEach(Image::dispose));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(1, false));
        Label stats = new Label(area, SWT.WRAP);
        stats.setText(AtlasEditor.hoverText(channel, -1));
        status = new Label(area, SWT.WRAP);
        status.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(560, SWT.DEFAULT).create());
        status.setText(open.model() == null ? open.modelLine() : Messages.overlayComputing);
        ScrolledComposite scroll = new ScrolledComposite(area, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        Composite grid = new Composite(scroll, SWT.NONE);
        grid.setLayout(new GridLayout(Math.min(COLUMNS, Math.max(1, channel.top().size())), true));
        for (Example e : channel.top()) {
            Composite cell = new Composite(grid, SWT.NONE);
            cell.setLayout(new GridLayout(1, false));
            Label picture = new Label(cell, SWT.NONE);
            picture.setLayoutData(GridDataFactory.fillDefaults()
                    .hint(TileRenderer.LARGE, TileRenderer.LARGE).create());
            Label caption = new Label(cell, SWT.WRAP);
            caption.setText(NLS.bind(Messages.exampleCaption,
                    new Object[] { e.image(), Atlas.format(e.score()), e.y(), e.x() }));
            caption.setLayoutData(GridDataFactory.fillDefaults().hint(TileRenderer.LARGE, SWT.DEFAULT).create());
            pictures.add(picture);
            captions.add(caption);
        }
        scroll.setContent(grid);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        scroll.setMinSize(grid.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        start();
        return area;
    }

    private void start() {
        int outline = UiTheme.palette().markPicked();
        new AnalysisJob<>(NLS.bind(Messages.overlayTask, layer, channel.channel()), AtlasEditor.class,
                monitor -> compute(outline, monitor), AnalysisJob.inUi(status, outcome -> {
                    if (outcome.ok()) {
                        show(outcome.value());
                    } else {
                        status.setText(outcome.message());
                    }
                    finished = true;
                })).schedule();
    }

    /** Decodes the examples and, with the model at hand, runs it on them. */
    private Shown compute(int outline, ProgressMonitor monitor) throws IOException {
        List<Example> top = channel.top();
        List<ActivationMaps.ChannelMap> maps = null;
        String note;
        if (open.model() == null) {
            note = NLS.bind(Messages.overlayNoModel, open.modelLine());
        } else {
            try {
                maps = ActivationMaps.compute(open, layer, channel.channel(), top, monitor);
                note = NLS.bind(Messages.overlayShown, channel.channel(), layer);
            } catch (AnalysisException | IOException | LinkageError e) {
                // the engine cannot run here or this layer: the examples still show
                note = NLS.bind(Messages.overlayFailed, e.getMessage());
            }
        }
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            ExampleImages.Loaded l = open.images().load(top.get(i).image());
            ActivationMaps.ChannelMap m = maps == null ? null : maps.get(i);
            out.add(l == null
                    ? null
                    : TileRenderer.large(l.picture(), top.get(i).crop(), m == null ? null : m.values(),
                            m == null ? 0 : m.rows(), m == null ? 0 : m.columns(), outline));
        }
        return new Shown(out, note);
    }

    private void show(Shown s) {
        status.setText(s.note());
        for (int i = 0; i < s.pictures().size(); i++) {
            RgbImage p = s.pictures().get(i);
            if (p == null) {
                pictures.get(i).setText(NLS.bind(Messages.exampleMissing, channel.top().get(i).image()));
            } else {
                Image img = new Image(status.getDisplay(), SwtImages.toImageData(p));
                images.add(img);
                pictures.get(i).setImage(img);
            }
        }
        getShell().layout(true, true);
    }

    /** @return the status line: computing, the overlay shown, or why there is none */
    public String statusText() {
        return status.getText();
    }

    /** @return whether the examples are shown (the background work ended) */
    public boolean finished() {
        return finished;
    }

    /** @return per example, whether a picture shows */
    public List<Boolean> picturesShown() {
        return pictures.stream().map(l -> l.getImage() != null).toList();
    }

    /** @return the captions, one per example */
    public List<String> captions() {
        return captions.stream().map(Label::getText).toList();
    }

    /** @return the text of the places of missing images */
    public List<String> placeholders() {
        return pictures.stream().map(Label::getText).toList();
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.min(Math.max(p.x, 600), 900), Math.min(Math.max(p.y, 400), 760));
    }
}
