package org.convscope.ui.open;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convscope.ui.ModelOpener;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.CompoundContributionItem;

/** The items of File &gt; Recent Models, rebuilt each time the menu opens. */
public final class RecentModelsMenu extends CompoundContributionItem {

    @Override
    protected IContributionItem[] getContributionItems() {
        List<Path> files = RecentModels.list();
        List<IContributionItem> items = new ArrayList<>();
        if (files.isEmpty()) {
            Action none = new Action(Messages.recentEmpty) {
            };
            none.setEnabled(false);
            items.add(new ActionContributionItem(none));
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean exists = Files.isRegularFile(file);
            // The mnemonic number lets a keyboard user reopen a file with Alt+F, 1.
            String text = "&" + (i + 1) + " " + (exists
                    ? file.getFileName()
                    : NLS.bind(Messages.recentMissing,
                            file.getFileName()))
                    + "  [" + file.getParent() + "]";
            // JFace reads '@' in an action's text as the start of a key binding.
            Action open = new Action(text.replace("@", "")) {

                @Override
                public void run() {
                    IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                    if (window != null) {
                        ModelOpener.open(window, file);
                    }
                }
            };
            open.setToolTipText(file.toString());
            items.add(new ActionContributionItem(open));
        }
        return items.toArray(IContributionItem[]::new);
    }
}
