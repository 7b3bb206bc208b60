package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.model.Layer;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.explain.ExplainView;
import org.convscope.ui.filters.FiltersView;
import org.convscope.ui.gradcam.GradCamProvider;
import org.convscope.ui.gradcam.GradCamView;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.WorkspaceLog;
import org.convscope.ui.tests.ModelEditors;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Right-click on a conv layer in the graph offers its filter atlas, its Grad-CAM and the Explain view over it. */
@ExtendWith(InWorkbench.class)
class GraphContextMenuTest {

    @Test
    void convLayerMenuOpensFiltersAndGradCam() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ModelEditor view = ModelEditors.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), TestModels.sample());
        OpenModel model = view.model();
        List<String> explained;
        try (GradCamProvider layers = new GradCamProvider(model, g -> {
            throw new AssertionError("only the layer list is asked for");
        })) {
            explained = layers.layers();
        }
        // a conv layer Grad-CAM offers, other than the one it starts on (the last)
        Layer conv = model.graph().layers().stream().filter(l -> l.kerasClass().equals("Conv2D")
                && explained.indexOf(l.id()) >= 0 && explained.indexOf(l.id()) < explained.size() - 1).findFirst()
                .orElseThrow();
        // the views open from the menu, as they do the first time: one already open from another test
        // may still be waiting for this model from the broker
        for (String id : List.of(GradCamView.ID, FiltersView.ID, ExplainView.ID)) {
            if (page.findView(id) != null) {
                page.hideView(page.findView(id));
            }
        }
        view.getSite().getSelectionProvider().setSelection(new StructuredSelection(conv));

        Menu menu = view.canvas().control().getMenu();
        assertNotNull(menu, "the graph has a context menu");
        menu.notifyListeners(SWT.Show, new Event());
        List<String> labels = Arrays.stream(menu.getItems()).map(MenuItem::getText).toList();
        assertTrue(labels.contains("Show Filter Atlas of " + conv.name()), labels.toString());
        assertTrue(labels.contains("Grad-CAM over " + conv.name()), labels.toString());
        assertTrue(item(menu, "Explain with this layer").isEnabled(), "Grad-CAM explains over " + conv.id());
        assertTrue(
                labels.contains("Expand All Groups")
                        && labels.stream().anyMatch(l -> l.startsWith("Export PNG or SVG")),
                "the editor's own items: " + labels);

        item(menu, "Grad-CAM over ").notifyListeners(SWT.Selection, new Event());
        InWorkbench.flush();
        GradCamView gradCam = (GradCamView) page.findView(GradCamView.ID);
        assertNotNull(gradCam, "Grad-CAM view opened");
        assertEquals(conv.id(), gradCam.chosenLayer(), "on the layer of the menu, not its default (the last)");

        FiltersView filters;
        try (WorkspaceLog log = new WorkspaceLog()) {
            item(menu, "Show Filter Atlas of ").notifyListeners(SWT.Selection, new Event());
            InWorkbench.flush();
            filters = (FiltersView) page.findView(FiltersView.ID);
            assertNotNull(filters, "Filters view opened");
            assertEquals(conv.id(), filters.chosenLayer());
            assertEquals("all", filters.filterRange(), "the layer's atlas: every channel");
            // the atlas starts at once, with the preset chosen (a null preset once threw in the view)
            FiltersView atlas = filters;
            InWorkbench.waitUntil(() -> atlas.finishedRun().isPresent(), Duration.ofMinutes(3), "the atlas");
            assertEquals(conv.id(), filters.finishedRun().orElseThrow().run().layer());
            assertEquals(conv.outputShapes().get(0).dim(3).intValue(), filters.patterns().size(), "every channel");
            assertNull(log.stackTraces());
        }

        item(menu, "Explain with this layer").notifyListeners(SWT.Selection, new Event());
        InWorkbench.flush();
        ExplainView explain = (ExplainView) page.findView(ExplainView.ID);
        assertNotNull(explain, "Explain view opened");
        assertEquals(List.of(conv.id()), explain.chosenLayers(), "the layer of the menu alone, not the default");
        menu.notifyListeners(SWT.Hide, new Event());

        // A Dense layer has no spatial output: neither entry is offered for it.
        Layer dense = model.graph().layers().stream().filter(l -> l.kerasClass().equals("Dense")).findFirst()
                .orElseThrow();
        view.getSite().getSelectionProvider().setSelection(new StructuredSelection(dense));
        menu.notifyListeners(SWT.Show, new Event());
        assertEquals(0, Arrays.stream(menu.getItems()).filter(i -> i.getText().contains(dense.name())).count());
        menu.notifyListeners(SWT.Hide, new Event());
    }

    private static MenuItem item(Menu menu, String prefix) {
        return Arrays.stream(menu.getItems()).filter(i -> i.getText().startsWith(prefix)).findFirst().orElseThrow();
    }
}
