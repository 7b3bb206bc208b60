package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.convscope.core.model.Layer;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.graph.FoldMenu;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.Overview;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.ModelEditors;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResNet50 (177 layers) in the running product: it opens readable at its inputs with a mini-map
 * that moves the window, its blocks fold and unfold one at a time or all at once, and Find unfolds
 * the block of what it finds.
 */
@ExtendWith(InWorkbench.class)
class GraphReadingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private IWorkbenchWindow window;
    private ModelEditor view;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setSize(1366, 768);
    }

    @AfterEach
    void closeTheEditors() throws Exception {
        ModelEditors.closeAllBut(window, TestModels.sample());
    }

    private OpenModel openResNet50(Path dir) throws Exception {
        Path json = TestModels.applicationFile("ResNet50");
        Path file = dir.resolve("resnet50.json");
        Files.move(json, file);
        view = ModelEditors.open(window, file);
        InWorkbench.flush();
        return view.model();
    }

    /** Waits for the layout that follows a fold or unfold. */
    private LaidOutGraph relaidOut(LaidOutGraph before) {
        InWorkbench.waitUntil(() -> view.canvas().graph() != before, TIMEOUT, "the new layout");
        return view.canvas().graph();
    }

    @Test
    void resNet50OpensReadableAtItsInputsWithAMiniMapThatMovesTheWindow(@TempDir Path dir) throws Exception {
        OpenModel model = openResNet50(dir);
        GraphCanvas canvas = view.canvas();
        LaidOutGraph graph = canvas.graph();
        assertEquals(177, graph.boxes().size(), "opens unfolded: every layer has its box");
        assertEquals(16, graph.frames().size(), "one frame per residual block");
        assertTrue(canvas.textPixels() >= GraphCanvas.READABLE_PX, "text at " + canvas.textPixels() + " px");

        Layer input = model.graph().layers().get(0);
        Box in = graph.boxesById().get(input.id());
        double[] v = canvas.viewport();
        assertTrue(in.x() >= v[0] && in.y() >= v[1] && in.x() + in.w() <= v[0] + v[2]
                && in.y() + in.h() <= v[1] + v[3], "the input is in the window: " + List.of(v[0], v[1], v[2], v[3]));
        assertTrue(in.y() - v[1] < v[3] / 4, "near the window's top");
        shot("graph-resnet50-open");

        Overview o = canvas.overview();
        assertNotNull(o, "the graph is larger than the window: a mini-map");
        Control c = canvas.control();
        Rectangle area = canvas.control().getClientArea();
        assertTrue(o.x() + o.w() <= area.width && o.y() + o.h() <= area.height, "the mini-map lies in the window");
        int px = o.x() + o.w() / 2;
        int py = o.y() + o.h() * 3 / 4;
        mouse(c, SWT.MouseDown, px, py);
        mouse(c, SWT.MouseMove, px, py + 2);
        mouse(c, SWT.MouseUp, px, py + 2);
        double[] target = o.toGraph(px, py + 2);
        double[] moved = canvas.viewport();
        assertEquals(target[1], moved[1] + moved[3] / 2, 2 / o.scale() + 2, "the window is centred where dragged");
        assertTrue(moved[1] > v[1] + v[3], "the window moved down the graph");

        canvas.home();
        assertEquals(v[1], canvas.viewport()[1], 1.0, "Home goes back to the inputs");
        canvas.fit();
        assertTrue(canvas.zoom() < 0.5, "fit shows the whole graph, small");
    }

    @Test
    void blocksFoldAndUnfoldOneOrAllAndFindUnfoldsTheBlockOfAMatch(@TempDir Path dir) throws Exception {
        OpenModel model = openResNet50(dir);
        LaidOutGraph before = view.canvas().graph();
        view.setAllExpanded(false);
        LaidOutGraph folded = relaidOut(before);
        assertEquals(25, folded.boxes().size(), "nine layers and sixteen blocks");
        assertTrue(folded.frames().isEmpty());
        assertEquals(16, view.folded().size());

        // a double click on a folded block unfolds it
        Box block = folded.boxesById().get("block:conv3_block2");
        GraphCanvas canvas = view.canvas();
        canvas.reveal(block.node().id());
        Point p = canvas.toControl(block.x() + block.w() / 2, block.y() + block.h() / 2);
        mouse(canvas.control(), SWT.MouseDoubleClick, p.x, p.y);
        LaidOutGraph one = relaidOut(folded);
        assertEquals(25 - 1 + 10, one.boxes().size());
        assertEquals(1, one.frames().size());
        assertFalse(view.folded().contains("block:conv3_block2"));
        canvas.reveal("conv3_block2_2_conv");
        shot("graph-resnet50-group-expanded");

        // a double click inside its frame, off the boxes, folds it again
        Frame frame = one.frames().get(0);
        Point inside = canvas.toControl(frame.x() + 3, frame.y() + frame.h() / 2);
        mouse(canvas.control(), SWT.MouseDoubleClick, inside.x, inside.y);
        LaidOutGraph again = relaidOut(one);
        assertEquals(25, again.boxes().size());

        // the right-click menu unfolds the block under the pointer, and folds the one around it
        Box second = again.boxesById().get("block:conv2_block2");
        canvas.reveal(second.node().id());
        Point at = canvas.toControl(second.x() + second.w() / 2, second.y() + second.h() / 2);
        mouse(canvas.control(), SWT.MouseDown, at.x, at.y, 3);
        IAction unfold = menuItem("Expand conv2_block2");
        unfold.run();
        LaidOutGraph opened = relaidOut(again);
        assertEquals(25 - 1 + 10, opened.boxes().size());
        Box inner = opened.boxesById().get("conv2_block2_2_conv");
        canvas.reveal(inner.node().id());
        at = canvas.toControl(inner.x() + inner.w() / 2, inner.y() + inner.h() / 2);
        mouse(canvas.control(), SWT.MouseDown, at.x, at.y, 3);
        menuItem("Collapse conv2_block2 · 10 layers").run();
        assertEquals(25, relaidOut(opened).boxes().size());

        // Find sees inside folded blocks; stepping to a match unfolds its block and selects it
        Layer hidden = model.graph().layers().stream().filter(l -> l.name().equals("conv4_block3_2_conv"))
                .findFirst().orElseThrow();
        view.findBar().find("conv4_block3_2_conv");
        assertEquals(List.of(hidden.id()), view.findBar().hits());
        view.findBar().next();
        InWorkbench.waitUntil(() -> view.canvas().selection().equals(Set.of(hidden.id())), TIMEOUT,
                "the match selected in its unfolded block");
        assertFalse(view.folded().contains("block:conv4_block3"));
        assertTrue(view.folded().contains("block:conv4_block2"), "the other blocks stay folded");
        view.findBar().setVisible(false);

        LaidOutGraph last = view.canvas().graph();
        view.setAllExpanded(true);
        assertEquals(177, relaidOut(last).boxes().size());
    }

    /** @return the action of the graph's fold menu, as the last right click would show it, with that label */
    private IAction menuItem(String label) {
        MenuManager menu = new MenuManager();
        try {
            FoldMenu.fill(menu, view.canvas(), view::toggle);
            List<String> labels = new ArrayList<>();
            for (IContributionItem item : menu.getItems()) {
                if (item instanceof ActionContributionItem a) {
                    labels.add(a.getAction().getText());
                    if (a.getAction().getText().equals(label)) {
                        return a.getAction();
                    }
                }
            }
            throw new AssertionError("no \"" + label + "\" in the menu: " + labels);
        } finally {
            menu.dispose();
        }
    }

    private static void mouse(Control c, int type, int x, int y) {
        mouse(c, type, x, y, 1);
    }

    private static void mouse(Control c, int type, int x, int y, int button) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = button;
        e.count = type == SWT.MouseDoubleClick ? 2 : 1;
        c.notifyListeners(type, e);
    }

    /** Saves what the canvas paints (Screenshots.printed: the paint code, not the screen). */
    private void shot(String name) throws Exception {
        Screenshots.printed(view.canvas().control(), name);
    }
}
