package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.graph.GraphGroups;
import org.convscope.ui.graph.GraphLayout;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.graph.OpeningLayouts;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code .keras} model is laid out in the thread that reads it, before its weights are walked,
 * and its editor shows that layout as it is: the same boxes in the same places as a layout made
 * from nothing.
 */
@ExtendWith(InWorkbench.class)
class OpeningLayoutsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @AfterEach
    void closeTheEditors() throws Exception {
        ModelEditors.closeAllBut(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), TestModels.sample());
    }

    @Test
    void aLayoutMadeMeanwhileIsTakenOnceAndOnlyForItsFontsAndDirection() throws Exception {
        NodeGeometry geometry = OpeningLayouts.geometry(Display.getCurrent());
        assertSame(geometry, OpeningLayouts.geometry(Display.getCurrent()), "the fonts are measured once");
        Path archive = TestModels.fixture("functional_branches.keras");
        try (ModelGraph graph = KerasModels.open(archive, OpeningLayouts::prepare)) {
            assertNull(OpeningLayouts.take(graph, geometry, true), "made top to bottom, asked left to right");
            assertNull(OpeningLayouts.take(graph, geometry, false), "taken (and dropped) already");
        }
        try (ModelGraph graph = KerasModels.open(archive, OpeningLayouts::prepare)) {
            OpeningLayouts.Prepared prepared = OpeningLayouts.take(graph, geometry, false);
            assertNotNull(prepared, "laid out while the weights were walked");
            assertEquals(List.of(""), prepared.cache().levelsLaidOut(), "the top of the graph");
            assertTrue(prepared.cache().nodesLaidOut() >= graph.layers().size(), "every layer placed");
            assertEquals(graph.layers().size(), prepared.laidOut().boxes().size(), "the graph as it opens");
            assertNull(OpeningLayouts.take(graph, geometry, false), "taken once");
        }
        try (ModelGraph graph = KerasModels.open(TestModels.fixture("functional_branches.h5"),
                OpeningLayouts::prepare)) {
            assertNull(OpeningLayouts.take(graph, geometry, false), "an HDF5 model's weights come with its config");
        }
    }

    @Test
    void theEditorShowsWhatALayoutFromNothingShows() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Path archive = TestModels.fixture("functional_branches.keras");
        ModelOpener.open(window, archive);
        InWorkbench.waitUntil(() -> {
            OpenModel m = ModelOpener.current();
            return m != null && m.file().equals(archive) && Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
        }, TIMEOUT, archive.getFileName() + " open");
        ModelEditor editor = ModelEditors.laidOut(ModelEditors.find(window.getActivePage(), archive));
        LaidOutGraph shown = editor.canvas().graph();
        ModelGraph graph = editor.model().graph();
        GraphModel model = GraphModel.of(graph, GraphGroups.of(graph), editor.folded(), Map.of());
        LaidOutGraph fresh = GraphLayout.layout(model, OpeningLayouts.geometry(Display.getCurrent()), false,
                () -> false);
        assertEquals(places(fresh), places(shown));
    }

    private static List<String> places(LaidOutGraph g) {
        return g.boxes().stream()
                .map(b -> b.node().id() + " " + b.x() + " " + b.y() + " " + b.w() + " " + b.h())
                .sorted()
                .toList();
    }
}
