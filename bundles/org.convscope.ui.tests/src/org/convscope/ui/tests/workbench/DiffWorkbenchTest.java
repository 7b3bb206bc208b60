package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.convscope.core.diff.MatchStatus;
import org.convscope.ui.diff.CompareModelsHandler;
import org.convscope.ui.diff.DiffEditor;
import org.convscope.ui.diff.DiffModel;
import org.convscope.ui.diff.LayerPairEditor;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.graph.TestModels;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compare-models editor in the real workbench, on the diff fixtures of the engine's tests: a
 * model against a copy with conv2d_1's kernel perturbed, a fine-tuned copy with an extra layer, its
 * uint8 TensorFlow.js export, and a file that is no model.
 */
@ExtendWith(InWorkbench.class)
class DiffWorkbenchTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void window() {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1500, 950);
    }

    @AfterEach
    void closeEditors() {
        page.closeAllEditors(false);
        InWorkbench.flush();
    }

    private static Path base() {
        return TestModels.fixture("sequential_convnet.keras");
    }

    private static Path diffFixture(String name) {
        Path p = Path.of("..", "org.convscope.engine.tests", "fixtures", "diff", name).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p), "missing fixture " + p);
        return p;
    }

    private DiffEditor open(Path a, Path b) {
        DiffEditor editor = CompareModelsHandler.open(window, a, b);
        InWorkbench.waitUntil(editor::laidOut, Duration.ofSeconds(60), "both graphs laid out");
        InWorkbench.flush();
        return editor;
    }

    private static DiffModel.Row row(DiffEditor editor, String aName, String bName) {
        return editor.model().row(aName, bName).orElseThrow(() -> new AssertionError("no row " + aName + bName));
    }

    private static void runAndWait(DiffEditor editor, Path input) {
        editor.runOn(List.of(input));
        InWorkbench.waitUntil(() -> Job.getJobManager().find(editor).length == 0 && editor.model().run().isPresent()
                || editor.statusText().contains("rror"), Duration.ofSeconds(120), "the run on " + input);
        InWorkbench.flush();
        assertTrue(editor.model().run().isPresent(), editor.statusText());
    }

    @Test
    void perturbedLayerIsChangedFollowedAndFirstToDiverge() {
        DiffEditor editor = open(base(), diffFixture("perturbed.h5"));
        DiffModel m = editor.model();
        assertEquals(MatchStatus.CHANGED, row(editor, "conv2d_1", null).status());
        for (String same : List.of("conv2d", "max_pooling2d", "dense", "dense_1")) {
            assertEquals(MatchStatus.SAME, row(editor, same, null).status(), same);
        }
        assertEquals(DiffModel.CHANGED, m.tints(true).get("conv2d_1"));
        assertEquals(DiffModel.CHANGED, m.tints(false).get("conv2d_1"));
        assertEquals(DiffModel.SAME, m.tints(false).get("conv2d"));
        assertTrue(editor.statusText().contains("1 changed"), editor.statusText());

        // a click on conv2d_1 in A selects it in B, scrolled to, and in the table
        editor.canvas(1).select(List.of("dense_1"));
        click(editor.canvas(0), "conv2d_1");
        assertEquals(Set.of("conv2d_1"), editor.canvas(0).selection());
        assertEquals(Set.of("conv2d_1"), editor.canvas(1).selection());
        assertTrue(visible(editor.canvas(1), "conv2d_1"), "conv2d_1 scrolled into view in B");
        TableItem selected = editor.table().getSelection()[0];
        assertEquals("conv2d_1", selected.getText(1));
        // a row selects both nodes
        editor.table().setSelection(0);
        editor.table().notifyListeners(SWT.Selection, new Event());
        String first = editor.table().getItem(0).getText(1);
        assertEquals(Set.of(first), editor.canvas(0).selection());
        assertEquals(Set.of(first), editor.canvas(1).selection());

        runAndWait(editor, diffFixture("inputs.npy"));
        m = editor.model();
        assertEquals("conv2d_1", m.firstDivergence().orElseThrow());
        // sorted by divergence: the largest first; layers before conv2d_1 equal
        List<DiffModel.Row> rows = m.rows();
        for (int i = 1; i < rows.size(); i++) {
            double prev = rows.get(i - 1).divergence() == null ? -1 : rows.get(i - 1).divergence().rel();
            double here = rows.get(i).divergence() == null ? -1 : rows.get(i).divergence().rel();
            assertTrue(prev >= here, "sorted at row " + i);
        }
        String top = rows.get(0).aName();
        assertTrue(Set.of("activation", "flatten", "dropout").contains(top), top);
        assertEquals(m.maxRel(), rows.get(0).divergence().rel());
        assertEquals(0, row(editor, "conv2d", null).divergence().rel());
        assertEquals(0.0601, row(editor, "conv2d_1", null).divergence().rel(), 1e-3);
        TableItem marked = Arrays.stream(editor.table().getItems()).filter(t -> !t.getText(0).isEmpty())
                .findFirst().orElseThrow();
        assertEquals("conv2d_1", marked.getText(1));
        assertEquals(top, editor.table().getItem(0).getText(1));
        assertTrue(editor.statusText().contains("conv2d_1"), editor.statusText());
        // one scale: the most divergent layer is the top colour, an equal one the bottom, in both graphs
        assertEquals(DiffModel.scale(1, 1), m.tints(true).get(top));
        assertEquals(DiffModel.scale(0, 1), m.tints(false).get("conv2d"));

        // a double-click on a matched layer opens both outputs and their difference
        editor.open(row(editor, "conv2d_1", null));
        InWorkbench.waitUntil(() -> page.getActiveEditor() instanceof LayerPairEditor p && p.model() != null
                && !p.statusText().isEmpty(), Duration.ofSeconds(60), "the layer-pair editor");
        LayerPairEditor pair = (LayerPairEditor) page.getActiveEditor();
        assertEquals(2, pair.model().grids().size());
        float[] d = pair.model().difference().data();
        double max = 0;
        for (float v : d) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0 && max <= 0.1222, "A − B of conv2d_1 for the first input: " + max);
        assertTrue(pair.getTitle().contains("conv2d_1"), pair.getTitle());
    }

    @Test
    void fineTunedModelHasItsExtraLayerOnlyInB() {
        DiffEditor editor = open(base(), diffFixture("finetuned.keras"));
        assertEquals(MatchStatus.ONLY_B, row(editor, null, "extra_dense").status());
        assertEquals(DiffModel.ONLY, editor.model().tints(false).get("extra_dense"));
        assertNull(editor.model().tints(true).get("extra_dense"));
        assertTrue(editor.statusText().contains("1 only in B"), editor.statusText());
        // a layer only one model has selects nothing in the other
        click(editor.canvas(1), "extra_dense");
        assertEquals(Set.of(), editor.canvas(0).selection());
    }

    @Test
    void quantisedExportDivergesLayerByLayer() throws Exception {
        Path tfjs = TestModels.fixtures("tfjs").resolve("sequential_convnet_uint8").resolve("model.json");
        DiffEditor editor = open(base(), tfjs);
        runAndWait(editor, diffFixture("inputs.npy"));
        DiffModel m = editor.model();
        assertTrue(m.firstDivergence().isPresent(), editor.statusText());
        long compared = m.rows().stream().filter(r -> r.divergence() != null).count();
        assertTrue(compared >= 8, "divergence per layer: " + compared);
        assertTrue(m.maxRel() > 0);
        window.getShell().setSize(1366, 768);
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_MAXIMIZED);
        InWorkbench.flush();
        String first = m.firstDivergence().get();
        // the maximised part laid out before the table scrolls to the row
        window.getShell().layout(true, true);
        InWorkbench.flush();
        editor.selectLayer(row(editor, first, null));
        InWorkbench.flush();
        assertEquals(Set.of(first), editor.canvas(0).selection());
        assertEquals(Set.of(first), editor.canvas(1).selection());
        assertEquals(first, editor.table().getSelection()[0].getText(1));
        window.getShell().update();
        Screenshots.save(window.getShell(), "diff-editor");
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_RESTORED);
    }

    @Test
    void unreadableModelIsNamedAndTheOtherStillShown() {
        Path notAModel = diffFixture("inputs.npy");
        DiffEditor editor = open(base(), notAModel);
        assertNull(editor.model());
        assertNotNull(editor.canvas(0).graph(), "A's graph still shown");
        assertNull(editor.canvas(1).graph());
        assertTrue(editor.canvas(1).message().contains("inputs.npy"), editor.canvas(1).message());
        assertTrue(editor.statusText().contains("inputs.npy"), editor.statusText());
        assertFalse(editor.table().getItemCount() > 0, "no table without both models");
    }

    private static void click(GraphCanvas canvas, String id) {
        canvas.reveal(id);
        Box b = canvas.graph().boxesById().get(id);
        Point p = canvas.toControl(b.x() + b.w() / 2, b.y() + b.h() / 2);
        for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
            Event e = new Event();
            e.x = p.x;
            e.y = p.y;
            e.button = 1;
            canvas.control().notifyListeners(type, e);
        }
        InWorkbench.flush();
    }

    private static boolean visible(GraphCanvas canvas, String id) {
        Box b = canvas.graph().boxesById().get(id);
        Point p = canvas.toControl(b.x() + b.w() / 2, b.y() + b.h() / 2);
        return canvas.control().getClientArea().contains(p);
    }
}
