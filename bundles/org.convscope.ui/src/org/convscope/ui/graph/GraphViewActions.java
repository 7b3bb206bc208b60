package org.convscope.ui.graph;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchPartSite;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;

/**
 * The model editor's tool bar and the graph's right-click menu: direction, zoom, find, groups,
 * labels and export. The keyboard's actions are {@link GraphCommands}, so the menus show their
 * keys.
 */
public final class GraphViewActions {

    /** What the actions and {@link GraphHandler} need from the part showing a graph. */
    public interface Host {

        /** @return the canvas the graph is drawn on */
        GraphCanvas canvas();

        /** @return the find row above it */
        FindBar findBar();

        /** @return whether the graph flows left to right (else top down) */
        boolean leftRight();

        /** @param leftRight the new flow direction */
        void setLeftRight(boolean leftRight);

        /** @return what the boxes say */
        NodeLabels labels();

        /** @param labels what the boxes are to say; the graph is laid out anew */
        void setLabels(NodeLabels labels);

        /** @param expanded unfold every group (nested models and blocks), or fold them all */
        void setAllExpanded(boolean expanded);
    }

    private final IWorkbenchPartSite site;
    private final Host host;
    private final Action find;

    /**
     * @param site the site of the part
     * @param host the part's graph
     */
    public GraphViewActions(IWorkbenchPartSite site, Host host) {
        this.site = site;
        this.host = host;
        find = action(null, Messages.find, () -> host.findBar().setVisible(true));
        find.setActionDefinitionId(GraphCommands.FIND);
    }

    /** @return Find (Ctrl+F), for the part's handler of the workbench's Find command */
    public IAction find() {
        return find;
    }

    /** @param tb the editor's tool bar: direction and zoom */
    public void fillToolBar(IToolBarManager tb) {
        tb.add(command(GraphCommands.DIRECTION, Messages.leftRight, CommandContributionItem.STYLE_CHECK));
        tb.add(new Separator());
        tb.add(command(GraphCommands.ZOOM_OUT, "\u2212", CommandContributionItem.STYLE_PUSH));
        tb.add(command(GraphCommands.ZOOM_IN, "+", CommandContributionItem.STYLE_PUSH));
        tb.add(command(GraphCommands.ACTUAL_SIZE, "1:1", CommandContributionItem.STYLE_PUSH));
        tb.add(action("\u2922", Messages.zoomFit, host.canvas()::fit));
        tb.add(action("\u2302", Messages.zoomHome, host.canvas()::home));
        tb.update(true);
    }

    /** @param menu the graph's right-click menu: find, the groups, the labels, zoom and export */
    public void fillMenu(IMenuManager menu) {
        menu.add(command(GraphCommands.FIND, Messages.find, CommandContributionItem.STYLE_PUSH));
        menu.add(action(Messages.expandAll, null, () -> host.setAllExpanded(true)));
        menu.add(action(Messages.collapseAll, null, () -> host.setAllExpanded(false)));
        menu.add(new Separator());
        menu.add(command(GraphCommands.DIRECTION, null, CommandContributionItem.STYLE_CHECK));
        menu.add(command(GraphCommands.ATTRIBUTES, null, CommandContributionItem.STYLE_CHECK));
        menu.add(command(GraphCommands.NAMES, null, CommandContributionItem.STYLE_CHECK));
        menu.add(new Separator());
        menu.add(command(GraphCommands.ZOOM_IN, null, CommandContributionItem.STYLE_PUSH));
        menu.add(command(GraphCommands.ZOOM_OUT, null, CommandContributionItem.STYLE_PUSH));
        menu.add(command(GraphCommands.ACTUAL_SIZE, null, CommandContributionItem.STYLE_PUSH));
        menu.add(new Separator());
        menu.add(command(GraphCommands.PROPERTIES, null, CommandContributionItem.STYLE_PUSH));
        menu.add(command(GraphCommands.EXPORT, null, CommandContributionItem.STYLE_PUSH));
    }

    private CommandContributionItem command(String id, String label, int style) {
        CommandContributionItemParameter p = new CommandContributionItemParameter(site, null, id, style);
        p.label = label;
        return new CommandContributionItem(p);
    }

    private static Action action(String text, String tooltip, Runnable run) {
        Action a = new Action(text == null ? tooltip : text) {

            @Override
            public void run() {
                run.run();
            }
        };
        if (tooltip != null) {
            a.setToolTipText(tooltip);
        }
        return a;
    }
}
