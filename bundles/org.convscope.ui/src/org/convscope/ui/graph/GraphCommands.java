package org.convscope.ui.graph;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbenchPartSite;
import org.eclipse.ui.contexts.IContextActivation;
import org.eclipse.ui.contexts.IContextService;

/**
 * The graph's keyboard commands, Netron's keys (declared with their bindings in plugin.xml and
 * carried out by {@link GraphHandler}), and the context that makes their keys live while the graph
 * has the focus, so the find row's text keeps Shift+Backspace and Shift+Arrow for itself.
 */
public final class GraphCommands {

    /** The key context, active while a graph canvas has the focus. */
    public static final String CONTEXT = "org.convscope.ui.contexts.graph";
    /** Ctrl+Shift+E: export the graph as PNG or SVG. */
    public static final String EXPORT = "org.convscope.ui.commands.graph.export";
    /** Shift+Up: zoom in one step. */
    public static final String ZOOM_IN = "org.convscope.ui.commands.graph.zoomIn";
    /** Shift+Down: zoom out one step. */
    public static final String ZOOM_OUT = "org.convscope.ui.commands.graph.zoomOut";
    /** Shift+Backspace: actual size. */
    public static final String ACTUAL_SIZE = "org.convscope.ui.commands.graph.actualSize";
    /** Ctrl+K: top-down or left-right. */
    public static final String DIRECTION = "org.convscope.ui.commands.graph.direction";
    /** Ctrl+D: configuration lines on the boxes. */
    public static final String ATTRIBUTES = "org.convscope.ui.commands.graph.attributes";
    /** Ctrl+U: layer names instead of classes. */
    public static final String NAMES = "org.convscope.ui.commands.graph.names";
    /** Ctrl+Enter: the Properties view. */
    public static final String PROPERTIES = "org.convscope.ui.commands.graph.properties";
    /** Ctrl+F: the find row (the workbench's Find command, handled by the graph). */
    public static final String FIND = "org.eclipse.ui.edit.findReplace";

    /** The commands in the order menus list them. */
    public static final List<String> ALL = List.of(FIND, EXPORT, ZOOM_IN, ZOOM_OUT, ACTUAL_SIZE, DIRECTION,
            ATTRIBUTES, NAMES, PROPERTIES);

    private GraphCommands() {
    }

    /**
     * Makes the graph's keys live while {@code canvas} has the focus (and its part is active).
     *
     * @param site   the site of the part holding the canvas
     * @param canvas the graph canvas
     */
    public static void bindKeys(IWorkbenchPartSite site, Control canvas) {
        IContextService contexts = site.getService(IContextService.class);
        IContextActivation[] active = new IContextActivation[1];
        canvas.addListener(SWT.FocusIn, e -> {
            if (active[0] == null) {
                active[0] = contexts.activateContext(CONTEXT);
            }
        });
        canvas.addListener(SWT.FocusOut, e -> {
            if (active[0] != null) {
                contexts.deactivateContext(active[0]);
                active[0] = null;
            }
        });
        if (canvas.isFocusControl()) {
            active[0] = contexts.activateContext(CONTEXT);
        }
    }
}
