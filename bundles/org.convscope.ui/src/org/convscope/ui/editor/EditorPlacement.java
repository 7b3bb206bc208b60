package org.convscope.ui.editor;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;

/**
 * Keeps what a model produces beside its graph rather than over it. Eclipse opens an editor in the
 * editor area's active stack, so a grid opened from the graph would cover the graph it came from
 * and the next click on the graph could not be made. Result editors (grids, comparisons, layer
 * pairs) therefore go to a second stack of the editor area, at the right of the graphs, made the
 * first time one is needed; model editors go back among the graphs when they were opened while a
 * result had the focus. A person can still drag any editor anywhere: this only decides where an
 * editor appears when it opens.
 */
public final class EditorPlacement {

    /** The tag of the editor area's stack that holds results. */
    static final String RESULTS_TAG = "org.convscope.ui.resultsStack";
    /** The share of the editor area's width the results stack takes when it is made. */
    private static final float RESULTS_SHARE = 0.45f;

    private EditorPlacement() {
    }

    /**
     * Moves {@code result} out of a stack that holds a graph editor ({@link GraphEditorPart}), into the results stack (made
     * at the right of that stack when there is none). Nothing happens when the result already
     * shares no stack with a graph, or when the workbench's model is not at hand.
     */
    public static void besideGraphs(IEditorPart result) {
        MPart part = part(result);
        EModelService models = result.getSite().getService(EModelService.class);
        MWindow window = result.getSite().getService(MWindow.class);
        if (part == null || models == null || window == null
                || !(parentOf(part) instanceof MPartStack stack)
                || !holdsGraphEditor(result.getSite().getPage(), stack)) {
            return;
        }
        MPartStack results = resultsStack(models, window);
        if (results == null) {
            results = models.createModelElement(MPartStack.class);
            results.getTags().add(RESULTS_TAG);
            models.insert(results, stack, EModelService.RIGHT_OF, RESULTS_SHARE);
        }
        moveInto(models, part, results);
        result.getSite().getPage().activate(result);
    }

    /**
     * Moves the graph editor {@code editor} (a model editor, the compare-models editor) out of the
     * results stack, into a stack of graphs (any other stack of the editor area), when it opened
     * there because a result had the focus.
     */
    public static void amongGraphs(IEditorPart editor) {
        MPart part = part(editor);
        EModelService models = editor.getSite().getService(EModelService.class);
        if (part == null || models == null || !(parentOf(part) instanceof MPartStack stack)
                || !stack.getTags().contains(RESULTS_TAG)
                || !(parentOf(stack) instanceof MElementContainer<?> area)) {
            return;
        }
        for (Object sibling : area.getChildren()) {
            if (sibling instanceof MPartStack graphs && graphs != stack && graphs.isToBeRendered()) {
                moveInto(models, part, graphs);
                editor.getSite().getPage().activate(editor);
                return;
            }
        }
    }

    /** @return whether {@code result} shares its stack with a graph editor (tests) */
    public static boolean coversAGraph(IEditorPart result) {
        MPart part = part(result);
        return part != null && parentOf(part) instanceof MPartStack stack
                && holdsGraphEditor(result.getSite().getPage(), stack);
    }

    private static void moveInto(EModelService models, MPart part, MPartStack stack) {
        models.move(part, container(stack));
        stack.setSelectedElement(part);
        stack.setToBeRendered(true);
        stack.setVisible(true);
    }

    private static MPartStack resultsStack(EModelService models, MWindow window) {
        List<MPartStack> tagged = models.findElements(window, null, MPartStack.class, List.of(RESULTS_TAG));
        for (MPartStack stack : tagged) {
            if (stack.isToBeRendered() && stack.getParent() != null) {
                return stack;
            }
        }
        return null;
    }

    private static boolean holdsGraphEditor(IWorkbenchPage page, MPartStack stack) {
        for (IEditorReference ref : page.getEditorReferences()) {
            if (ref.getPart(false) instanceof GraphEditorPart graphs) {
                MPart graph = part((IWorkbenchPart) graphs);
                if (graph != null && parentOf(graph) == stack) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return {@code stack} as the model service's move takes it (a stack holds stack elements) */
    @SuppressWarnings("unchecked")
    private static MElementContainer<MUIElement> container(MPartStack stack) {
        return (MElementContainer<MUIElement>) (MElementContainer<?>) stack;
    }

    /** @return the container of {@code element}, typed loosely: stacks hold stack elements */
    private static Object parentOf(MUIElement element) {
        return element.getParent();
    }

    private static MPart part(IWorkbenchPart editor) {
        return editor == null ? null : editor.getSite().getService(MPart.class);
    }
}
