package org.convscope.ui.graph;

import java.util.function.Consumer;

import org.convscope.ui.graph.GraphHits.Hit;
import org.convscope.ui.graph.GraphHits.Kind;
import org.convscope.ui.graph.GraphModel.GraphGroup;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IWorkbenchActionConstants;

/**
 * The fold and unfold items of the graph's right-click menu: unfold the folded group under the
 * pointer, fold the group whose frame holds the pointer (or the box under it).
 */
public final class FoldMenu {

    private FoldMenu() {
    }

    /**
     * @param menu   the menu being shown (after its other items)
     * @param canvas the canvas, which knows where the right click was
     * @param toggle told to unfold ({@link Kind#EXPAND}) or fold ({@link Kind#COLLAPSE}) a group
     */
    public static void fill(IMenuManager menu, GraphCanvas canvas, Consumer<Hit> toggle) {
        LaidOutGraph g = canvas.graph();
        double[] p = canvas.menuPoint();
        if (g == null || p == null) {
            return;
        }
        Hit hit = GraphHits.at(g, p[0], p[1]);
        Box box = hit == null ? null : g.boxesById().get(hit.id());
        if (box != null && box.node().expandable()) {
            GraphGroups.Group folds = g.model().groupTree().group(box.node().folds());
            add(menu, NLS.bind(Messages.menuExpand, folds != null && folds.kind() != GraphGroups.Kind.MODEL
                    ? box.node().title()
                    : box.node().layer().name()), toggle, new Hit(Kind.EXPAND, box.node().folds()));
        }
        String frame = box != null ? box.node().group() : GraphHits.frameAt(g, p[0], p[1]);
        if (frame != null) {
            GraphGroup group = g.model().groups().stream().filter(f -> f.id().equals(frame)).findFirst()
                    .orElse(null);
            if (group != null) {
                add(menu, NLS.bind(Messages.menuCollapse, group.title()), toggle, new Hit(Kind.COLLAPSE, frame));
            }
        }
    }

    private static void add(IMenuManager menu, String label, Consumer<Hit> toggle, Hit hit) {
        Action a = new Action(label) {

            @Override
            public void run() {
                toggle.accept(hit);
            }
        };
        if (menu.find(IWorkbenchActionConstants.MB_ADDITIONS) != null) {
            menu.insertBefore(IWorkbenchActionConstants.MB_ADDITIONS, a);
        } else {
            menu.add(a);
        }
    }
}
