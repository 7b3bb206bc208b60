package org.convscope.ui.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.convscope.core.render.RgbImage;
import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.ui.grid.SwtImages;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;

/**
 * The Explain view's results: rows images, columns methods under their titles; each tile the map
 * over its image with its trust measures beneath. The pointer over a tile reads the map's value
 * there; a click asks for the tile enlarged.
 */
final class ExplainGrid {

    /** Side of a tile on screen; pictures are scaled to fit it, small ones pixel by pixel. */
    static final int TILE = 150;

    /** A tile as drawn: what it shows and the canvas it is drawn on. */
    record Tile(int image, AttributionMethod method, Canvas canvas, Label text) {
    }

    private final ScrolledComposite scroll;
    private final Consumer<String> hover;
    private final Consumer<Tile> clicked;
    private final List<Tile> tiles = new ArrayList<>();
    private Composite content;
    private ExplainResult result;

    /**
     * @param hover   told the text to show for the value under the pointer ("" when it leaves)
     * @param clicked told the tile clicked
     */
    ExplainGrid(Composite parent, Consumer<String> hover, Consumer<Tile> clicked) {
        this.hover = hover;
        this.clicked = clicked;
        scroll = new ScrolledComposite(parent, SWT.H_SCROLL | SWT.V_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
    }

    /** @return the SWT control, for layout and drops */
    Control control() {
        return scroll;
    }

    /** Shows {@code r} at opacity {@code alpha}, replacing what was shown. */
    void show(ExplainResult r, double alpha) {
        clear();
        result = r;
        content = new Composite(scroll, SWT.NONE);
        content.setLayout(new GridLayout(r.methods().size() + 1, false));
        new Label(content, SWT.NONE);
        for (AttributionMethod m : r.methods()) {
            Label title = new Label(content, SWT.CENTER);
            title.setText(m.id());
            title.setFont(JFaceResources.getBannerFont());
            title.setLayoutData(GridDataFactory.fillDefaults().hint(TILE, SWT.DEFAULT).create());
        }
        for (int i = 0; i < r.imageCount(); i++) {
            Label name = new Label(content, SWT.NONE);
            name.setText(r.names().get(i));
            name.setLayoutData(GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).create());
            for (AttributionMethod m : r.methods()) {
                tiles.add(tile(i, m, alpha));
            }
        }
        scroll.setContent(content);
        scroll.setMinSize(content.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        content.layout(true, true);
    }

    private Tile tile(int i, AttributionMethod m, double alpha) {
        Composite cell = new Composite(content, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        l.marginHeight = 2;
        cell.setLayout(l);
        cell.setLayoutData(GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.BEGINNING).create());
        Canvas canvas = new Canvas(cell, SWT.DOUBLE_BUFFERED);
        canvas.setLayoutData(GridDataFactory.fillDefaults().hint(TILE, TILE).create());
        Image image = new Image(canvas.getDisplay(), SwtImages.toImageData(result.tile(i, m, alpha)));
        canvas.addListener(SWT.Dispose, e -> image.dispose());
        canvas.addListener(SWT.Paint, e -> paint(e.gc, canvas, image));
        Label text = new Label(cell, SWT.WRAP);
        text.setText(TileText.of(result, i, result.map(i, m)));
        text.setFont(JFaceResources.getFont(JFaceResources.DEFAULT_FONT));
        text.setLayoutData(GridDataFactory.fillDefaults().hint(TILE, SWT.DEFAULT).create());
        Tile tile = new Tile(i, m, canvas, text);
        canvas.addListener(SWT.MouseMove, e -> hover.accept(valueText(tile, e)));
        canvas.addListener(SWT.MouseExit, e -> hover.accept(""));
        canvas.addListener(SWT.MouseUp, e -> {
            if (e.button == 1) {
                clicked.accept(tile);
            }
        });
        return tile;
    }

    /** The picture scaled to fit the tile, centred; magnified pixels stay sharp. */
    private static void paint(GC gc, Canvas canvas, Image image) {
        Rectangle b = image.getBounds();
        Rectangle d = fit(b.width, b.height, canvas.getClientArea());
        gc.setInterpolation(d.width >= b.width ? SWT.NONE : SWT.HIGH);
        gc.drawImage(image, 0, 0, b.width, b.height, d.x, d.y, d.width, d.height);
    }

    /** @return where a {@code w × h} picture lies in {@code area}, scaled to fit and centred */
    static Rectangle fit(int w, int h, Rectangle area) {
        double s = Math.min((double) area.width / w, (double) area.height / h);
        int dw = Math.max(1, (int) Math.round(w * s));
        int dh = Math.max(1, (int) Math.round(h * s));
        return new Rectangle(area.x + (area.width - dw) / 2, area.y + (area.height - dh) / 2, dw, dh);
    }

    /** @return "method, image: map x, y = value" for the pointer at ({@code e.x}, {@code e.y}), or "" off the picture */
    String valueText(Tile t, Event e) {
        RgbImage picture = result.pictures().get(t.image());
        Rectangle d = fit(picture.width(), picture.height(), t.canvas().getClientArea());
        if (e.x < d.x || e.y < d.y || e.x >= d.x + d.width || e.y >= d.y + d.height) {
            return "";
        }
        Attribution a = result.map(t.image(), t.method());
        int x = Math.min(a.width() - 1, (int) ((long) (e.x - d.x) * a.width() / d.width));
        int y = Math.min(a.height() - 1, (int) ((long) (e.y - d.y) * a.height() / d.height));
        return Messages.bind(Messages.hover, new Object[] { t.method().id(), result.names().get(t.image()), x, y,
                a.width(), a.height(), TileText.value(a.values()[y * a.width() + x]) });
    }

    /** @return the tiles shown, row by row */
    List<Tile> tiles() {
        return List.copyOf(tiles);
    }

    /** @return what is shown, or null */
    ExplainResult result() {
        return result;
    }

    /** Shows nothing. */
    void clear() {
        tiles.clear();
        result = null;
        if (content != null) {
            content.dispose();
            content = null;
        }
    }
}
