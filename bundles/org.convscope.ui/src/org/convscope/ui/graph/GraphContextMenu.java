package org.convscope.ui.graph;

import java.util.function.Supplier;

import org.convscope.core.model.Layer;
import org.convscope.ui.filters.FiltersView;
import org.convscope.ui.gradcam.GradCamView;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

/**
 * The graph's right-click menu: for the layer under the pointer, its filter patterns and its
 * Grad-CAM. Both views follow the selection; the menu opens them with that layer chosen. Other
 * plug-ins may add to the menu (it is registered with the view's site).
 */
public final class GraphContextMenu {

    private GraphContextMenu() {
    }

    /** Gives {@code control} the menu, for the layers {@code selection} holds. */
    public static void install(ViewPart view, Control control, ISelectionProvider selection) {
        MenuManager manager = new MenuManager();
        manager.setRemoveAllWhenShown(true);
        manager.addMenuListener(menu -> fill(menu, view.getSite().getPage(), () -> selectedLayer(selection)));
        control.setMenu(manager.createContextMenu(control));
        view.getSite().registerContextMenu(manager, selection);
        control.addDisposeListener(e -> manager.dispose());
    }

    private static void fill(IMenuManager menu, IWorkbenchPage page, Supplier<Layer> layer) {
        Layer chosen = layer.get();
        if (chosen != null && chosen.nodes().stream().anyMatch(n -> n.outputShape().rank() == 4)) {
            menu.add(new Action(NLS.bind(Messages.menuFilters, chosen.name())) {

                @Override
                public void run() {
                    FiltersView v = show(page, FiltersView.class, FiltersView.ID);
                    if (v != null) {
                        v.choose(chosen.id(), "0-15", null);
                    }
                }
            });
            menu.add(new Action(NLS.bind(Messages.menuGradCam, chosen.name())) {

                @Override
                public void run() {
                    GradCamView v = show(page, GradCamView.class, GradCamView.ID);
                    if (v != null) {
                        v.chooseLayer(chosen.id());
                    }
                }
            });
        }
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
    }

    private static Layer selectedLayer(ISelectionProvider selection) {
        return selection.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof Layer l
                ? l
                : null;
    }

    private static <V> V show(IWorkbenchPage page, Class<V> type, String id) {
        try {
            return type.cast(page.showView(id));
        } catch (PartInitException e) {
            org.eclipse.core.runtime.ILog.of(GraphContextMenu.class).error("cannot open view " + id, e);
            return null;
        }
    }
}
