package org.convscope.ui.tests;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.views.properties.PropertySheet;

/** What the Properties view shows, as a person would read it. */
public final class PropertyTexts {

    private PropertyTexts() {
    }

    /** @return every text in the Properties view's tree, both columns, expanded or not */
    public static List<String> of(PropertySheet sheet) {
        List<String> out = new ArrayList<>();
        Control control = sheet.getCurrentPage() == null ? null : sheet.getCurrentPage().getControl();
        if (control instanceof Tree tree) {
            for (TreeItem item : tree.getItems()) {
                collect(item, out);
            }
        }
        return out;
    }

    private static void collect(TreeItem item, List<String> out) {
        out.add(item.getText(0));
        out.add(item.getText(1));
        // The viewer creates children when told of an expansion; setExpanded alone does not tell it.
        Event expand = new Event();
        expand.item = item;
        item.getParent().notifyListeners(SWT.Expand, expand);
        item.setExpanded(true);
        for (TreeItem child : item.getItems()) {
            collect(child, out);
        }
    }
}
