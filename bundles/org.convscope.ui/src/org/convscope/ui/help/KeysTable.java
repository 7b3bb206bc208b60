package org.convscope.ui.help;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.convscope.ui.KeyHelp;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.GraphCommands;
import org.convscope.ui.grid.ZoomCanvas;
import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.jface.bindings.Binding;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.keys.IBindingService;

/**
 * The rows of the Keys page, read from where the keys are defined so the page cannot drift from
 * them: the command bindings of the active scheme (the graph's commands and Convscope's window
 * commands), then the keys the graph canvas and the zoomable pictures handle themselves
 * ({@link GraphCanvas#KEYS}, {@link ZoomCanvas#KEYS}). Needs no display.
 */
public final class KeysTable {

    /**
     * One key.
     *
     * @param where     where it works
     * @param keys      the key as the platform writes it ({@code Shift+Up})
     * @param action    what it does
     * @param commandId the command it runs, or null for a key a control handles itself
     */
    public record Row(String where, String keys, String action, String commandId) {
    }

    private KeysTable() {
    }

    /**
     * @param bindings the binding service
     * @param commands the command service
     * @return the rows: the graph first, then window-wide commands, then the pictures
     */
    public static List<Row> rows(IBindingService bindings, ICommandService commands) {
        List<Row> graph = new ArrayList<>();
        List<Row> window = new ArrayList<>();
        String scheme = bindings.getActiveScheme() == null ? null : bindings.getActiveScheme().getId();
        for (Binding b : bindings.getBindings()) {
            if (b.getParameterizedCommand() == null || (scheme != null && !scheme.equals(b.getSchemeId()))
                    || b.getPlatform() != null || b.getLocale() != null) {
                continue;
            }
            String id = b.getParameterizedCommand().getId();
            boolean inGraph = GraphCommands.CONTEXT.equals(b.getContextId()) || GraphCommands.FIND.equals(id);
            if (!inGraph && !id.startsWith("org.convscope.")) {
                continue;
            }
            // the platform's Find and Replace is the graph's find row here
            String action = GraphCommands.FIND.equals(id) ? Messages.find : name(commands.getCommand(id));
            Row row = new Row(inGraph ? Messages.whereGraph : Messages.whereWindow, b.getTriggerSequence().format(),
                    action, id);
            (inGraph ? graph : window).add(row);
        }
        graph.sort(Comparator.comparingInt(r -> GraphCommands.ALL.indexOf(r.commandId())));
        window.sort(Comparator.comparing(Row::action));
        List<Row> rows = new ArrayList<>(graph);
        GraphCanvas.KEYS.forEach(k -> rows.add(raw(Messages.whereGraph, k)));
        rows.addAll(window);
        ZoomCanvas.KEYS.forEach(k -> rows.add(raw(Messages.wherePictures, k)));
        return rows;
    }

    private static Row raw(String where, KeyHelp key) {
        return new Row(where, key.keys(), key.action(), null);
    }

    private static String name(Command command) {
        try {
            String description = command.getDescription();
            return command.getName() + (description == null || description.isBlank() ? "" : " \u2014 " + description);
        } catch (NotDefinedException e) {
            return command.getId();
        }
    }
}
