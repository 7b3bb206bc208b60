package org.convscope.ui.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Export of the graph as Netron's Ctrl+Shift+E does it: one save dialog offering PNG and SVG, the
 * file's extension choosing the format.
 */
public final class ExportGraph {

    private static final String[] EXTENSIONS = { "*.png", "*.svg" };

    private static BiFunction<Shell, String, String> chooser = ExportGraph::ask;

    private ExportGraph() {
    }

    /**
     * Replaces the save dialog, for tests: the chooser gets the shell and the offered extension
     * ({@code png}, {@code svg}, or null for either) and returns the file, or null to cancel.
     *
     * @param replacement the new chooser, or null for the save dialog
     * @return the chooser before
     */
    public static BiFunction<Shell, String, String> setChooser(BiFunction<Shell, String, String> replacement) {
        BiFunction<Shell, String, String> before = chooser;
        chooser = replacement == null ? ExportGraph::ask : replacement;
        return before;
    }

    /**
     * Asks for a file and writes the graph to it. UI thread.
     *
     * @param shell the parent of the dialogs
     * @param graph the graph shown
     * @param only  {@code png} or {@code svg} to offer that format only, null for both
     * @return the file written, or null when cancelled or failed (the user is told why)
     */
    public static Path run(Shell shell, LaidOutGraph graph, String only) {
        String chosen = chooser.apply(shell, only);
        if (chosen == null) {
            return null;
        }
        Path file = withExtension(chosen, only);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                GraphExport.svg(graph, file);
            } else {
                double scale = GraphExport.png(shell.getDisplay(), graph, file);
                if (scale < 2) {
                    MessageDialog.openInformation(shell, Messages.exportPng,
                            NLS.bind(Messages.exportTooLarge, String.format(Locale.ROOT, "%.2f", scale)));
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            ILog.of(ExportGraph.class).error(Messages.exportFailed, e);
            MessageDialog.openError(shell, Messages.exportFailed, file + ": " + e.getMessage());
            return null;
        }
    }

    /** A name without .png or .svg gets the offered format's extension, PNG when both were offered. */
    static Path withExtension(String chosen, String only) {
        String lower = chosen.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png") || lower.endsWith(".svg")) {
            return Path.of(chosen);
        }
        return Path.of(chosen + "." + (only == null ? "png" : only));
    }

    private static String ask(Shell shell, String only) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText(Messages.exportGraph);
        dialog.setOverwrite(true);
        if (only == null) {
            dialog.setFilterExtensions(EXTENSIONS);
            dialog.setFilterNames(new String[] { Messages.exportFilterPng, Messages.exportFilterSvg });
        } else {
            dialog.setFilterExtensions(new String[] { "*." + only });
        }
        dialog.setFileName("graph." + (only == null ? "png" : only));
        String chosen = dialog.open();
        if (chosen == null || only != null) {
            return chosen;
        }
        String lower = chosen.toLowerCase(Locale.ROOT);
        // no extension typed: the filter the person picked says which format
        return lower.endsWith(".png") || lower.endsWith(".svg")
                ? chosen
                : chosen + (dialog.getFilterIndex() == 1 ? ".svg" : ".png");
    }
}
