package org.convscope.engine.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.convscope.core.render.HeatmapOverlay;
import org.convscope.core.render.PixelFont;
import org.convscope.core.render.RgbImage;
import org.convscope.core.text.MessageBundles;

/**
 * The picture of {@code convscope explain} and of the Explain view's PNG export: rows images, columns methods, each map normalised and
 * laid over its image in jet; the method's name above each column, the image's file name and class
 * left of each row, and when the trust measures were computed each tile's under it
 * ({@link #brief(TrustMetrics)}).
 */
public final class ExplainGridPicture {

    /** Smallest side of a tile: small inputs are drawn larger, pixel by pixel. */
    public static final int TILE = 160;
    public static final int GAP = 4;
    public static final int BACKGROUND = 0xFF202020;
    public static final int TEXT = 0xFFE0E0E0;
    /** Tiles at least this wide get text at twice the font's size. */
    private static final int LARGE_TEXT = 220;
    /** Longest row label, in characters; longer ones are cut. */
    private static final int LABEL_CHARS = 24;

    private ExplainGridPicture() {
    }

    /**
     * @param names    each image's name (its file name)
     * @param labels   class names, or {@code null}
     * @param pictures the images the maps are laid over
     */
    public static RgbImage draw(Explanation e, List<RgbImage> pictures, List<String> names, List<String> labels,
            List<AttributionMethod> methods, double alpha) {
        List<List<RgbImage>> rows = new ArrayList<>();
        for (ImageExplanation image : e.images()) {
            RgbImage picture = pictures.get(image.image());
            int scale = Math.max(1, (int) Math.ceil((double) TILE / Math.max(1, Math.min(picture.width(),
                    picture.height()))));
            List<RgbImage> row = new ArrayList<>();
            for (AttributionMethod m : methods) {
                Attribution a = image.maps().get(m);
                row.add(ExplainPictures
                        .upscale(HeatmapOverlay.overlay(picture, a.normalized(), a.width(), a.height(), alpha), scale));
            }
            rows.add(row);
        }
        int[] columns = new int[methods.size()];
        for (List<RgbImage> row : rows) {
            for (int j = 0; j < columns.length; j++) {
                columns[j] = Math.max(columns[j], row.get(j).width());
            }
        }
        int s = Arrays.stream(columns).min().orElse(0) >= LARGE_TEXT ? 2 : 1;
        int line = PixelFont.LINE * s;

        List<List<String>> rowLabels = new ArrayList<>();
        List<List<List<String>>> tileTexts = new ArrayList<>();
        int labelWidth = 0;
        int textLines = 0;
        for (ImageExplanation image : e.images()) {
            String label = labels != null && image.classIndex() < labels.size()
                    ? " " + labels.get(image.classIndex())
                    : "";
            List<String> lines = List.of(names.get(image.image()),
                    MessageBundles.bind(Messages.gridClass, image.classIndex(), label));
            List<String> cut = new ArrayList<>();
            for (String l : lines) {
                String fitted = PixelFont.fit(l, PixelFont.width("x".repeat(LABEL_CHARS), s), s);
                cut.add(fitted);
                labelWidth = Math.max(labelWidth, PixelFont.width(fitted, s));
            }
            rowLabels.add(cut);
            List<List<String>> texts = new ArrayList<>();
            for (int j = 0; j < methods.size(); j++) {
                TrustMetrics t = image.metrics().get(methods.get(j));
                List<String> tile = t == null ? List.of() : lines(t, columns[j], s);
                textLines = Math.max(textLines, tile.size());
                texts.add(tile);
            }
            tileTexts.add(texts);
        }

        int left = GAP + (labelWidth > 0 ? labelWidth + 2 * GAP : 0);
        int top = GAP + line;
        int under = textLines * line + (textLines > 0 ? GAP : 0);
        int width = left + Arrays.stream(columns).sum() + GAP * columns.length;
        int height = top + rows.stream().mapToInt(r -> r.stream().mapToInt(RgbImage::height).max().orElse(0))
                .sum() + (under + GAP) * rows.size();
        int[] argb = new int[width * height];
        Arrays.fill(argb, BACKGROUND);
        int x0 = left;
        for (int j = 0; j < methods.size(); j++) {
            String title = PixelFont.fit(methods.get(j).id(), columns[j], s);
            PixelFont.draw(argb, width, x0 + (columns[j] - PixelFont.width(title, s)) / 2, GAP, title, TEXT, s);
            x0 += columns[j] + GAP;
        }
        int y0 = top;
        for (int i = 0; i < rows.size(); i++) {
            List<RgbImage> row = rows.get(i);
            int rowHeight = row.stream().mapToInt(RgbImage::height).max().orElse(0);
            List<String> label = rowLabels.get(i);
            int ly = y0 + (rowHeight - label.size() * line) / 2;
            for (String l : label) {
                PixelFont.draw(argb, width, GAP, ly, l, TEXT, s);
                ly += line;
            }
            x0 = left;
            for (int j = 0; j < row.size(); j++) {
                RgbImage tile = row.get(j);
                for (int y = 0; y < tile.height(); y++) {
                    System.arraycopy(tile.argb(), y * tile.width(), argb, (y0 + y) * width + x0, tile.width());
                }
                int ty = y0 + rowHeight + GAP;
                for (String t : tileTexts.get(i).get(j)) {
                    PixelFont.draw(argb, width, x0, ty, t, TEXT, s);
                    ty += line;
                }
                x0 += columns[j] + GAP;
            }
            y0 += rowHeight + under + GAP;
        }
        return new RgbImage(width, height, argb);
    }

    /** @return e.g. {@code del 0.12 ins 0.56 top25 −0.03}: the trust measures, two decimals */
    public static String brief(TrustMetrics t) {
        return deletionInsertion(t) + " " + top25(t);
    }

    /** {@link #brief} on one line when it fits the tile, else on two. */
    private static List<String> lines(TrustMetrics t, int tileWidth, int s) {
        String one = brief(t);
        if (PixelFont.width(one, s) <= tileWidth) {
            return List.of(one);
        }
        return List.of(PixelFont.fit(deletionInsertion(t), tileWidth, s), PixelFont.fit(top25(t), tileWidth, s));
    }

    private static String deletionInsertion(TrustMetrics t) {
        return String.format(Locale.ROOT, "del %.2f ins %.2f", t.deletionAuc(), t.insertionAuc());
    }

    private static String top25(TrustMetrics t) {
        return "top25 " + String.format(Locale.ROOT, "%+.2f", t.confidenceChange()).replace('-', '\u2212');
    }
}
