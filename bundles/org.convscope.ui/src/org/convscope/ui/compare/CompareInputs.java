package org.convscope.ui.compare;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ListSelectionDialog;

/** Asks which inputs to compare: every offered image with a tick box, the first two ticked. */
public final class CompareInputs {

    private CompareInputs() {
    }

    /**
     * @param shell   the parent shell
     * @param offered the inputs to choose from
     * @param layerId the layer the comparison will show, for the message
     * @return the chosen inputs in offered order, or empty when cancelled
     */
    public static Optional<List<Path>> ask(Shell shell, List<Path> offered, String layerId) {
        ListSelectionDialog d = ListSelectionDialog.of(offered).contentProvider(ArrayContentProvider.getInstance())
                .labelProvider(LabelProvider.createTextProvider(o -> ((Path) o).getFileName().toString()))
                .message(Messages.bind(Messages.chooseMessage, layerId)).title(Messages.chooseTitle)
                .preselect(offered.stream().limit(2).toArray()).create(shell);
        if (d.open() != Window.OK) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(d.getResult()).map(Path.class::cast).toList());
    }
}
