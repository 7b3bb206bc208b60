package org.convscope.ui.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Display;

/** Writes the laid out graph to PNG (drawn at twice its size, for sharp slides) or SVG. */
public final class GraphExport {

    /** Keeps a PNG of a very long graph within memory: about 48 M pixels. */
    static final double MAX_PIXELS = 48e6;

    private GraphExport() {
    }

    /**
     * @param graph the graph
     * @param file  the SVG file to write
     * @throws IOException if writing fails
     */
    public static void svg(LaidOutGraph graph, Path file) throws IOException {
        Files.writeString(file, SvgExport.toSvg(graph), StandardCharsets.UTF_8);
    }

    /**
     * @param graph the graph
     * @return the scale a PNG is drawn at: 2, or less when 2× would exceed {@link #MAX_PIXELS}
     */
    public static double pngScale(LaidOutGraph graph) {
        double pixels = graph.width() * graph.height();
        return Math.min(2, Math.sqrt(MAX_PIXELS / Math.max(1, pixels)));
    }

    /**
     * Paints the graph into an image at {@link #pngScale(LaidOutGraph)} and saves it. UI thread.
     *
     * @param display the display
     * @param graph   the graph
     * @param file    the PNG file to write
     * @return the scale used
     */
    public static double png(Display display, LaidOutGraph graph, Path file) {
        double scale = pngScale(graph);
        int w = Math.max(1, (int) Math.ceil(graph.width() * scale));
        int h = Math.max(1, (int) Math.ceil(graph.height() * scale));
        GraphPainter painter = new GraphPainter(display);
        Image image = new Image(display, w, h);
        try {
            GC gc = new GC(image);
            Transform t = new Transform(display);
            try {
                t.scale((float) scale, (float) scale);
                gc.setTransform(t);
                painter.paint(gc, graph, new double[] { 0, 0, graph.width(), graph.height() }, Set.of(), Set.of());
            } finally {
                t.dispose();
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
            painter.dispose();
        }
        return scale;
    }
}
