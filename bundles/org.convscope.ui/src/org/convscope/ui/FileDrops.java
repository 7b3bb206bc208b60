package org.convscope.ui;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Control;

/** Files dropped from the desktop onto a control. */
public final class FileDrops {

    private FileDrops() {
    }

    /**
     * Accepts files dropped on {@code control} (as a copy) and hands the first to {@code dropped} on
     * the UI thread.
     */
    public static void accept(Control control, Consumer<Path> dropped) {
        acceptAll(control, files -> dropped.accept(files.get(0)));
    }

    /** Accepts files dropped on {@code control} (as a copy) and hands them all, at least one, to {@code dropped}. */
    public static void acceptAll(Control control, Consumer<List<Path>> dropped) {
        DropTarget target = new DropTarget(control, DND.DROP_COPY | DND.DROP_DEFAULT);
        target.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        target.addDropListener(new DropTargetAdapter() {

            @Override
            public void dragEnter(DropTargetEvent e) {
                e.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] names && names.length > 0) {
                    dropped.accept(Arrays.stream(names).map(Path::of).toList());
                }
            }
        });
    }
}
