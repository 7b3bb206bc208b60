package org.convscope.ui.graph;

import java.util.Map;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ISources;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.commands.IElementUpdater;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.menus.UIElement;
import org.eclipse.ui.services.IServiceScopes;

/**
 * Carries out one of the {@link GraphCommands} on the active part's graph: the part is a
 * {@link GraphViewActions.Host} or adapts to one, so the commands follow the graph into whatever
 * part shows it. The command id comes from the handler's declaration in plugin.xml; the toggles
 * show their state as check marks in menus and tool bars.
 */
public final class GraphHandler extends AbstractHandler implements IExecutableExtension, IElementUpdater {

    private String command;

    /** For the extension registry, which then passes the command id. */
    public GraphHandler() {
    }

    /** @param command one of the {@link GraphCommands} ids */
    public GraphHandler(String command) {
        this.command = command;
    }

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        command = config.getAttribute("commandId");
    }

    /** @param part a workbench part, or null @return its graph, or null when it shows none */
    public static GraphViewActions.Host host(Object part) {
        return part == null ? null : Adapters.adapt(part, GraphViewActions.Host.class);
    }

    @Override
    public void setEnabled(Object evaluationContext) {
        Object part = HandlerUtil.getVariable(evaluationContext, ISources.ACTIVE_PART_NAME);
        GraphViewActions.Host host = host(part);
        boolean needsGraph = GraphCommands.EXPORT.equals(command);
        setBaseEnabled(host != null && (!needsGraph || host.canvas().graph() != null));
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        GraphViewActions.Host host = host(part);
        if (host == null) {
            return null;
        }
        GraphCanvas canvas = host.canvas();
        switch (command) {
            case GraphCommands.ZOOM_IN -> canvas.setZoom(canvas.zoom() * GraphCanvas.STEP);
            case GraphCommands.ZOOM_OUT -> canvas.setZoom(canvas.zoom() / GraphCanvas.STEP);
            case GraphCommands.ACTUAL_SIZE -> canvas.setZoom(1);
            case GraphCommands.DIRECTION -> host.setLeftRight(!host.leftRight());
            case GraphCommands.ATTRIBUTES -> host.setLabels(host.labels().withAttributes(!host.labels().attributes()));
            case GraphCommands.NAMES -> host.setLabels(host.labels().withNames(!host.labels().names()));
            case GraphCommands.EXPORT -> {
                if (canvas.graph() != null) {
                    ExportGraph.run(HandlerUtil.getActiveShellChecked(event), canvas.graph(), null);
                }
            }
            case GraphCommands.PROPERTIES -> {
                try {
                    part.getSite().getPage().showView(IPageLayout.ID_PROP_SHEET, null, IWorkbenchPage.VIEW_ACTIVATE);
                } catch (PartInitException e) {
                    throw new ExecutionException(e.getMessage(), e);
                }
            }
            default -> throw new ExecutionException("not a graph command: " + command);
        }
        ICommandService commands = part.getSite().getService(ICommandService.class);
        if (commands != null) {
            commands.refreshElements(command, null);
        }
        return null;
    }

    @Override
    public void updateElement(UIElement element, Map parameters) {
        IWorkbenchWindow window = parameters.get(IServiceScopes.WINDOW_SCOPE) instanceof IWorkbenchWindow w ? w : null;
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        GraphViewActions.Host host = host(page == null ? null : page.getActivePart());
        if (host == null) {
            return;
        }
        switch (command) {
            case GraphCommands.DIRECTION -> element.setChecked(host.leftRight());
            case GraphCommands.ATTRIBUTES -> element.setChecked(host.labels().attributes());
            case GraphCommands.NAMES -> element.setChecked(host.labels().names());
            default -> {
                // not a toggle
            }
        }
    }
}
