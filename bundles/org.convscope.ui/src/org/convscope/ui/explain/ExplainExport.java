package org.convscope.ui.explain;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.convscope.core.npy.Npy;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainGridPicture;
import org.convscope.engine.explain.ExplainPictures;
import org.convscope.engine.explain.SanityCheck;
import org.convscope.engine.explain.TrustMetrics;

/**
 * The Explain view's exports, without a display: the grid picture, one {@code .npy} per method
 * named and shaped as the command line's {@code --npy} writes them, and a CSV of the trust measures.
 * The view asks before any of them replaces a file.
 */
public final class ExplainExport {

    /** The CSV's first line. */
    public static final String CSV_HEADER = "image,method,deletion_auc,insertion_auc,top25_change,sanity_1,sanity_2,sanity_3";

    private ExplainExport() {
    }

    /**
     * Writes the grid picture as {@code convscope explain} draws it: rows images, columns methods,
     * the methods' names above, each image's name and class at the left, and the trust measures
     * under each tile when they were computed.
     */
    public static void png(ExplainResult r, double alpha, Path file) throws IOException {
        ExplainGridPicture.draw(r.explanation(), r.pictures(), r.names(), r.labels(), r.methods(), alpha)
                .writePng(file);
    }

    /** @return the files {@link #npy} writes for {@code base}: {@code maps.npy} → {@code maps.gradcam.npy}, … */
    public static List<Path> npyFiles(ExplainResult r, Path base) {
        return r.methods().stream().map(m -> ExplainPictures.npyFile(base, m)).toList();
    }

    /**
     * Writes one float32 array of shape (images, H, W) per method, at the map's resolution, images in
     * the grid's order.
     *
     * @return the files written
     */
    public static List<Path> npy(ExplainResult r, Path base) throws IOException {
        List<Path> out = new ArrayList<>();
        for (AttributionMethod m : r.methods()) {
            Path file = ExplainPictures.npyFile(base, m);
            Npy.write(file, ExplainPictures.stack(r.explanation(), m));
            out.add(file);
        }
        return out;
    }

    /**
     * Writes one line per image and method: the trust measures and the sanity check's rank
     * correlations; a value not computed, or undefined for a constant map, is left empty.
     */
    public static void csv(ExplainResult r, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CSV_HEADER);
            w.write('\n');
            for (int i = 0; i < r.imageCount(); i++) {
                for (AttributionMethod m : r.methods()) {
                    StringBuilder line = new StringBuilder(quote(r.names().get(i))).append(',').append(m.id());
                    Optional<TrustMetrics> t = r.metrics(i, m);
                    line.append(',').append(number(t.map(TrustMetrics::deletionAuc)));
                    line.append(',').append(number(t.map(TrustMetrics::insertionAuc)));
                    line.append(',').append(number(t.map(TrustMetrics::confidenceChange)));
                    float[] rho = r.sanity(i, m).map(SanityCheck::correlations).orElse(new float[0]);
                    for (int d = 0; d < 3; d++) {
                        line.append(',').append(number(d < rho.length ? Optional.of(rho[d]) : Optional.empty()));
                    }
                    w.write(line.append('\n').toString());
                }
            }
        }
    }

    private static String number(Optional<Float> v) {
        return v.filter(Float::isFinite).map(f -> String.format(Locale.ROOT, "%.6g", f)).orElse("");
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
