package org.convscope.ui.graph;

import java.util.function.Supplier;

import org.convscope.core.model.Layer;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.ui.LayerChoice;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.atlas.AtlasOpener;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.services.events.IEventBroker;
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
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;

/**
 * The graph's right-click menu: for the layer under the pointer, its filter patterns, its
 * Grad-CAM, the Explain view over it (enabled where the CAM methods can use the layer), and the
 * Channel Atlas of a scan of this model on it. The
 * menu opens the view and asks it, through the event broker
 * ({@link ModelEvents#LAYER_CHOSEN}), to take that layer; it holds no reference to the views. Other
 * plug-ins may add to the menu (it is registered with the editor's site).
 */
public final class GraphContextMenu {

    private GraphContextMenu() {
    }

    /**
     * Gives {@code control} the menu, for the layers {@code selection} holds.
     *
     * @param view  the part (the model editor) whose site registers the menu
     * @param model the part's model, for which layers the Explain item can take
     * @return the menu's manager, for the part's own items
     */
    public static MenuManager install(IWorkbenchPart view, Control control, ISelectionProvider selection,
            Supplier<OpenModel> model) {
        MenuManager manager = new MenuManager();
        manager.setRemoveAllWhenShown(true);
        IEventBroker broker = view.getSite().getService(IEventBroker.class);
        manager.addMenuListener(
                menu -> fill(menu, view.getSite().getPage(), broker, () -> selectedLayer(selection), model.get()));
        control.setMenu(manager.createContextMenu(control));
        view.getSite().registerContextMenu(manager, selection);
        control.addDisposeListener(e -> manager.dispose());
        return manager;
    }

    private static void fill(IMenuManager menu, IWorkbenchPage page, IEventBroker broker, Supplier<Layer> layer,
            OpenModel model) {
        Layer chosen = layer.get();
        if (chosen != null && chosen.nodes().stream().anyMatch(n -> n.outputShape().rank() == 4)) {
            menu.add(open(NLS.bind(Messages.menuFilters, chosen.name()), page, broker, ViewIds.FILTERS, chosen));
            menu.add(open(NLS.bind(Messages.menuGradCam, chosen.name()), page, broker, ViewIds.GRADCAM, chosen));
            Action explain = open(Messages.menuExplain, page, broker, ViewIds.EXPLAIN, chosen);
            explain.setEnabled(camLayer(model, chosen));
            menu.add(explain);
        }
        if (chosen != null && model != null && model.graph().allLayers().contains(chosen)
                && chosen.nodes().stream().anyMatch(n -> n.outputShape().rank() == 4 || n.outputShape().rank() == 2)) {
            menu.add(new Action(Messages.menuAtlas) {

                @Override
                public void run() {
                    AtlasOpener.showForModel(page.getWorkbenchWindow(), model.file(), chosen.id());
                }
            });
        }
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
    }

    /** @return an action that opens view {@code id} and asks it to take {@code layer} */
    private static Action open(String label, IWorkbenchPage page, IEventBroker broker, String id, Layer layer) {
        return new Action(label) {

            @Override
            public void run() {
                try {
                    page.showView(id);
                } catch (PartInitException e) {
                    ILog.of(GraphContextMenu.class).error("cannot open view " + id, e);
                    return;
                }
                // sent, not posted: the view, made just now, is subscribed; it takes the layer at once
                broker.send(ModelEvents.LAYER_CHOSEN, new LayerChoice(id, layer.id()));
            }
        };
    }

    /** @return whether the CAM methods can explain over {@code layer} of {@code model} */
    private static boolean camLayer(OpenModel model, Layer layer) {
        return model != null && model.graph().allLayers().contains(layer)
                && AnalysisLayers.of(model.graph()).gradCamLayers().contains(layer.id());
    }

    private static Layer selectedLayer(ISelectionProvider selection) {
        return selection.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof Layer l
                ? l
                : null;
    }
}
