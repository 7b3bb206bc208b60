package org.convscope.ui.graph;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.actions.ActionFactory;

/** The model editor's tool bar and menu: direction, zoom, find, groups and export. */
public final class GraphViewActions {

    /** What the actions need from the editor. */
    public interface Host {

        /** @param leftRight the new flow direction */
        void setLeftRight(boolean leftRight);

        /** @param expanded unfold every group (nested models and blocks), or fold them all */
        void setAllExpanded(boolean expanded);
    }

    private final IWorkbenchPart part;
    private final Host host;
    private final GraphCanvas canvas;
    private final Action find;

    /**
     * @param part    the editor (also the host)
     * @param canvas  its canvas
     * @param findBar its find bar
     */
    public <P extends IWorkbenchPart & Host> GraphViewActions(P part, GraphCanvas canvas, FindBar findBar) {
        this.part = part;
        this.host = part;
        this.canvas = canvas;
        find = action(null, Messages.find, () -> findBar.setVisible(true));
        find.setActionDefinitionId(ActionFactory.FIND.getCommandId());
    }

    /** @return Find (Ctrl+F), for the part's handler of the workbench's Find command */
    public IAction find() {
        return find;
    }

    /** @param tb the editor's tool bar: direction and zoom */
    public void fillToolBar(IToolBarManager tb) {
        Action direction = new Action(Messages.leftRight, IAction.AS_CHECK_BOX) {

            @Override
            public void run() {
                host.setLeftRight(isChecked());
            }
        };
        tb.add(direction);
        tb.add(new Separator());
        tb.add(action("−", Messages.zoomOut, () -> canvas.setZoom(canvas.zoom() / 1.25)));
        tb.add(action("+", Messages.zoomIn, () -> canvas.setZoom(canvas.zoom() * 1.25)));
        tb.add(action("1:1", Messages.zoomActual, () -> canvas.setZoom(1)));
        tb.add(action("⤢", Messages.zoomFit, canvas::fit));
        tb.add(action("⌂", Messages.zoomHome, canvas::home));
        tb.update(true);
    }

    /** @param menu the graph's right-click menu: find, the groups and export */
    public void fillMenu(IMenuManager menu) {
        menu.add(find);
        menu.add(action(Messages.expandAll, null, () -> host.setAllExpanded(true)));
        menu.add(action(Messages.collapseAll, null, () -> host.setAllExpanded(false)));
        menu.add(new Separator());
        menu.add(action(Messages.exportPng, null, () -> export(true)));
        menu.add(action(Messages.exportSvg, null, () -> export(false)));
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

    private void export(boolean png) {
        LaidOutGraph graph = canvas.graph();
        if (graph == null) {
            return;
        }
        Shell shell = part.getSite().getShell();
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { png ? "*.png" : "*.svg" });
        dialog.setFileName("graph" + (png ? ".png" : ".svg"));
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            if (png) {
                double scale = GraphExport.png(shell.getDisplay(), graph, Path.of(chosen));
                if (scale < 2) {
                    MessageDialog.openInformation(shell, Messages.exportPng,
                            NLS.bind(Messages.exportTooLarge, String.format("%.2f", scale)));
                }
            } else {
                GraphExport.svg(graph, Path.of(chosen));
            }
        } catch (IOException | RuntimeException e) {
            ILog.of(GraphViewActions.class).error(Messages.exportFailed, e);
            MessageDialog.openError(shell, Messages.exportFailed, chosen + ": " + e.getMessage());
        }
    }
}
