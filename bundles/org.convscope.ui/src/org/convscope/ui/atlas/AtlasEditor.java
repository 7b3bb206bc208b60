package org.convscope.ui.atlas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.scan.ChannelSummary;
import org.convscope.scan.Example;
import org.convscope.ui.ComputedEditor;
import org.convscope.ui.grid.SwtImages;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

/**
 * The Channel Atlas: a scan store's layer as one tile per channel, its strongest examples'
 * receptive-field crops and, when cached, its feature visualisation; under each, the channel's
 * number, mean and share of zeros, dead channels outlined. Sort, filter, zoom, hover for numbers,
 * click for the examples large with the activation over them. Tiles are decoded in a background
 * {@link TileJob} as they come on screen and kept (a bounded number) as images.
 */
public final class AtlasEditor extends ComputedEditor {

    /** The editor's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.editors.atlas";

    /** Tile images kept; a 512-channel layer fits. */
    private static final int KEPT = 1024;

    private AtlasBar bar;
    private Label summary;
    private AtlasCanvas canvas;
    private Label hover;
    private String layer;
    private List<ChannelSummary> shown = List.of();
    private TileRenderer renderer;
    private TileJob job;
    private ExamplesDialog lastDialog;
    private Display display;
    private final Map<Integer, Image> images = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Integer, TileRenderer.Tile> drawn = new HashMap<>();

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof AtlasEditorInput)) {
            throw new PartInitException(NLS.bind(Messages.wrongInput, input.getName()));
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    private OpenAtlas open() {
        return ((AtlasEditorInput) getEditorInput()).open();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        display = parent.getDisplay();
        bar = new AtlasBar(parent, open().atlas().layers(), this::refresh);
        bar.onZoom(f -> canvas.zoomBy(f), () -> canvas.fit(), () -> canvas.setZoom(1));
        summary = new Label(parent, SWT.WRAP);
        summary.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        canvas = new AtlasCanvas(parent, new Tiles());
        canvas.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        hover = new Label(parent, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        hover.setText(Messages.hoverHint);
        canvas.control().addDisposeListener(e -> clearTiles());
        UiTheme.follow(canvas.control(), p -> {
            // the tiles' gutters and placeholders are drawn in the palette's colours
            renderer = null;
            refresh();
        });
        String first = ((AtlasEditorInput) getEditorInput()).layer();
        showLayer(first != null && open().atlas().layers().contains(first) ? first : open().atlas().layers().get(0));
    }

    /** Shows {@code name}, one of the store's layers. */
    public void showLayer(String name) {
        bar.selectLayer(name);
        refresh();
    }

    /** Reads the controls and redraws: a new layer's tiles are decoded anew. */
    private void refresh() {
        String l = bar.layer();
        try {
            shown = open().atlas().select(l, bar.order(), bar.show(), bar.channels());
            bar.setProblem(null);
        } catch (AnalysisException e) {
            bar.setProblem(e.getMessage());
            return;
        }
        if (!l.equals(layer) || renderer == null || job == null || job.stopped()) {
            layer = l;
            clearTiles();
            Palette p = UiTheme.palette();
            renderer = new TileRenderer(open().atlas().topK(), open().hasPatterns(l),
                    new TileRenderer.Colours(p.gutter(), p.outline(), p.markPicked()));
            Map<Integer, ChannelSummary> byChannel = new HashMap<>();
            open().atlas().channels().get(l).forEach(s -> byChannel.put(s.channel(), s));
            TileJob[] made = new TileJob[1];
            made[0] = new TileJob(open(), l, renderer, byChannel, (c, tile) -> arrived(made[0], c, tile));
            job = made[0];
        }
        canvas.setTiles(shown.size(), renderer.width(), renderer.height());
        int all = open().atlas().channels().get(l).size();
        summary.setText(NLS.bind(Messages.summary,
                new Object[] { l, all, open().atlas().deadCount(l), shown.size(), open().atlas().topK(),
                        open().atlas().imageCount(), open().modelLine() }));
    }

    private void arrived(TileJob from, int channel, TileRenderer.Tile tile) {
        // the job may end after the editor closed: the display, not the disposed canvas, is asked
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (canvas.control().isDisposed() || from != job) {
                return;
            }
            drawn.put(channel, tile);
            Image old = images.put(channel, new Image(display,
                    SwtImages.toImageData(tile.image())));
            if (old != null) {
                old.dispose();
            }
            while (images.size() > KEPT) {
                Integer eldest = images.keySet().iterator().next();
                images.remove(eldest).dispose();
            }
            canvas.redraw();
        });
    }

    private void clearTiles() {
        if (job != null) {
            job.stop();
        }
        images.values().forEach(Image::dispose);
        images.clear();
        drawn.clear();
    }

    /** Opens the examples of the tile at {@code index} large. */
    public ExamplesDialog openChannel(int index) {
        ChannelSummary s = shown.get(index);
        ExamplesDialog d = new ExamplesDialog(getSite().getShell(), open(), layer, s);
        d.open();
        lastDialog = d;
        return d;
    }

    private final class Tiles implements AtlasCanvas.Tiles {

        @Override
        public Image image(int index) {
            return images.get(shown.get(index).channel());
        }

        @Override
        public String[] label(int index) {
            ChannelSummary s = shown.get(index);
            return new String[] {
                    s.dead() ? NLS.bind(Messages.tileDead, s.channel()) : NLS.bind(Messages.tileChannel, s.channel()),
                    NLS.bind(Messages.tileStats, Atlas.format(s.mean()), Atlas.percent(s.zeros())) };
        }

        @Override
        public boolean dead(int index) {
            return shown.get(index).dead();
        }

        @Override
        public String missingName(int index) {
            TileRenderer.Tile t = drawn.get(shown.get(index).channel());
            return t == null || t.missing().isEmpty() ? null : NLS.bind(Messages.missingImage, t.missing().get(0));
        }

        @Override
        public void missing(List<Integer> indices) {
            List<Integer> channels = new ArrayList<>();
            indices.forEach(i -> channels.add(shown.get(i).channel()));
            job.request(channels);
        }

        @Override
        public void hovered(int index, int x, int y) {
            if (hover.isDisposed()) {
                return;
            }
            String text = index < 0 ? Messages.hoverHint : hoverText(shown.get(index), renderer.exampleAt(x, y));
            hover.setText(text);
            getEditorSite().getActionBars().getStatusLineManager().setMessage(index < 0 ? "" : text);
        }

        @Override
        public void clicked(int index) {
            openChannel(index);
        }
    }

    /** @return the read-out of a channel, and of its example {@code example} when ≥ 0 */
    static String hoverText(ChannelSummary s, int example) {
        String text = NLS.bind(Messages.hoverChannel,
                new Object[] { s.channel(), Atlas.format(s.mean()), Atlas.format(s.std()), Atlas.format(s.max()),
                        Atlas.percent(s.zeros()), s.dead() ? Messages.markDead : "" });
        if (example >= 0 && example < s.top().size()) {
            Example e = s.top().get(example);
            int[] c = e.crop();
            text += NLS.bind(Messages.hoverExample, new Object[] { example + 1, e.image(), Atlas.format(e.score()),
                    e.y() + ", " + e.x(), c[0] + ":" + c[2] + ", " + c[1] + ":" + c[3] });
        }
        return text;
    }

    /** @return the examples dialog opened last, or null */
    public ExamplesDialog lastDialog() {
        return lastDialog;
    }

    /** @return the layer shown */
    public String layer() {
        return layer;
    }

    /** @return the channels of the tiles, in their order */
    public List<Integer> shownChannels() {
        return shown.stream().map(ChannelSummary::channel).toList();
    }

    /** @return the controls (tests set them as a person would) */
    public AtlasBar bar() {
        return bar;
    }

    /** @return the tile canvas */
    public AtlasCanvas canvas() {
        return canvas;
    }

    /** @return the tiles decoded so far, by channel */
    public Map<Integer, TileRenderer.Tile> drawnTiles() {
        return Map.copyOf(drawn);
    }

    /** @return the summary line */
    public String summaryText() {
        return summary.getText();
    }

    /** @return the hover line */
    public String hoverText() {
        return hover.getText();
    }

    /** @return the store and what was found around it */
    public OpenAtlas atlas() {
        return open();
    }

    @Override
    public void dispose() {
        clearTiles();
        super.dispose();
    }

    @Override
    public void setFocus() {
        canvas.control().setFocus();
    }
}
