package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.convscope.core.model.Layer;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-layer model in the Model Graph view: it opens with its 400 blocks folded, a frame paints
 * the few boxes in the window and not the rest, and Find of a layer deep inside a folded block
 * unfolds that block alone and selects the layer.
 */
@ExtendWith(InWorkbench.class)
class GraphScaleViewTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void tenThousandLayersOpenFoldedPaintWhatIsInTheWindowAndFindUnfoldsAMatch(@TempDir Path dir)
            throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setSize(1400, 900);
        Path file = dir.resolve("residual10000.json");
        Files.writeString(file, TestModels.residualConfig(400));
        ModelEditor view = ModelEditors.open(window, file);
        GraphCanvas canvas = view.canvas();
        LaidOutGraph graph = canvas.graph();
        assertEquals(10_001, view.model().graph().layers().size());
        assertEquals(401, graph.boxes().size(), "the input and 400 folded blocks");
        assertTrue(graph.frames().isEmpty());
        assertTrue(canvas.textPixels() >= GraphCanvas.READABLE_PX, "opens readable");

        int painted = print(canvas, null);
        double[] v = canvas.viewport();
        long inWindow = graph.boxes().stream().filter(b -> b.x() < v[0] + v[2] && v[0] < b.x() + b.w()
                && b.y() < v[1] + v[3] && v[1] < b.y() + b.h()).count();
        assertTrue(painted > 0, "the window shows boxes");
        // the printed area may take in the scroll bars' strips too
        assertTrue(painted >= inWindow && painted <= inWindow + 4,
                painted + " painted, " + inWindow + " in the window");
        assertTrue(painted < 40, painted + " of " + graph.boxes().size() + " boxes painted");
        save(canvas, "graph-10000-open");

        Layer deep = view.model().graph().layers().stream().filter(l -> l.name().equals("block321_7_dense"))
                .findFirst().orElseThrow();
        view.findBar().find("block321_7_dense");
        assertEquals(List.of(deep.id()), view.findBar().hits());
        view.findBar().next();
        InWorkbench.waitUntil(() -> canvas.selection().equals(Set.of(deep.id())), TIMEOUT,
                "the match selected in its unfolded block");
        assertFalse(view.folded().contains("block:block321"));
        assertEquals(399, view.folded().size(), "the other blocks stay folded");
        LaidOutGraph unfolded = canvas.graph();
        assertEquals(400 + 25, unfolded.boxes().size());
        Box box = unfolded.boxesById().get(deep.id());
        double[] w = canvas.viewport();
        assertTrue(box.x() >= w[0] && box.y() >= w[1] && box.x() + box.w() <= w[0] + w[2]
                && box.y() + box.h() <= w[1] + w[3], "the match is in the window");
        save(canvas, "graph-10000-found");
        view.findBar().setVisible(false);
    }

    /** @return how many boxes the canvas painted, printed into an image (saved when asked) */
    private static int print(GraphCanvas canvas, Path out) {
        Control c = canvas.control();
        InWorkbench.flush();
        Point size = c.getSize();
        Image image = new Image(c.getDisplay(), Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(image);
        try {
            assertTrue(c.print(gc), "the canvas can print itself");
            int painted = canvas.painter().lastPainted();
            if (out != null) {
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { image.getImageData() };
                loader.save(out.toString(), SWT.IMAGE_PNG);
            }
            return painted;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static void save(GraphCanvas canvas, String name) throws Exception {
        Path dir = Path.of(System.getProperty("convscope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        print(canvas, dir.resolve(name + ".png"));
    }
}
