package org.convscope.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

/** Scaffold of the ActivationView; the workbench issue fills it. */
public final class ActivationView extends ViewPart {

    private Label label;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new FillLayout());
        label = new Label(parent, SWT.WRAP);
        label.setText("No model open.");
    }

    @Override
    public void setFocus() {
        label.setFocus();
    }
}
