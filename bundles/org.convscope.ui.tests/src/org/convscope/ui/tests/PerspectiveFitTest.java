package org.convscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.Layer;
import org.convscope.ui.ViewIds;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.tests.graph.TestModels;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The default perspective on a 1366 &times; 768 screen: the model editor and every view of the
 * perspective get room, and the Properties view's columns show their headers and names whole.
 */
@ExtendWith(InWorkbench.class)
class PerspectiveFitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Room either side of a header's text that the platform's own columns keep. */
    private static final int HEADER_MARGIN = 8;

    @Test
    void theDefaultPerspectiveFits1366By768() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        window.getShell().setBounds(0, 0, 1366, 768);
        page.resetPerspective();
        Path sample = TestModels.sample();
        ModelEditor editor = ModelEditors.open(window, sample);
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        page.activate(editor);
        Layer conv = editor.model().graph().layers().stream().filter(l -> l.kerasClass().equals("Conv2D"))
                .findFirst().orElseThrow();
        editor.getSite().getSelectionProvider().setSelection(new StructuredSelection(conv));
        InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains("Category"), TIMEOUT, "the layer's properties");
        InWorkbench.flush();

        assertTrue(page.isEditorAreaVisible(), "the editor area");
        assertRoomy(editor, editor.canvas().control(), "the model editor's graph");
        List<String> views = new ArrayList<>();
        for (var ref : page.getViewReferences()) {
            IViewPart view = ref.getView(false);
            if (view != null && page.isPartVisible(view)) {
                views.add(ref.getId());
                assertRoomy(view, (Control) view.getSite().getService(MPart.class).getWidget(), ref.getTitle());
            }
        }
        assertTrue(views.contains(ViewIds.ACTIVATIONS) && views.contains(IPageLayout.ID_PROP_SHEET),
                "the Activation and Properties views are shown: " + views);

        Tree tree = (Tree) sheet.getCurrentPage().getControl();
        InWorkbench.waitUntil(() -> clipped(tree).isEmpty(), TIMEOUT, "no clipped column: " + clipped(tree));
        Screenshots.save(window.getShell(), "workbench-1366x768");
    }

    private static void assertRoomy(IWorkbenchPart part, Control control, String what) {
        assertNotNull(control, what + " has a control");
        Point size = control.getSize();
        assertTrue(control.isVisible() && size.x > 0 && size.y > 0, what + " is shown, at " + size);
        assertEquals(part.getSite().getShell(), control.getShell(), what + " is in the window");
    }

    /** @return the headers and names cut short by their column's width */
    private static List<String> clipped(Tree tree) {
        List<String> out = new ArrayList<>();
        TreeColumn[] columns = tree.getColumns();
        GC gc = new GC(tree);
        try {
            for (TreeColumn c : columns) {
                if (gc.textExtent(c.getText()).x + HEADER_MARGIN > c.getWidth()) {
                    out.add(c.getText() + " (" + c.getWidth() + " px)");
                }
            }
            List<TreeItem> items = new ArrayList<>();
            shown(tree.getItems(), items);
            for (TreeItem item : items) {
                int end = item.getTextBounds(0).x + gc.textExtent(item.getText(0)).x;
                if (end > columns[0].getWidth()) {
                    out.add(item.getText(0) + " (ends at " + end + " of " + columns[0].getWidth() + " px)");
                }
            }
        } finally {
            gc.dispose();
        }
        return out;
    }

    private static void shown(TreeItem[] items, List<TreeItem> out) {
        for (TreeItem item : items) {
            out.add(item);
            if (item.getExpanded()) {
                shown(item.getItems(), out);
            }
        }
    }
}
