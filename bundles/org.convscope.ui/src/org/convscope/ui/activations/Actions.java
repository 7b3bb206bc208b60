package org.convscope.ui.activations;

import org.eclipse.jface.action.Action;

/** Toolbar actions from a label, a tooltip and what they do. */
public final class Actions {

    private Actions() {
    }

    /** @return a push action running {@code r} */
    public static Action push(String text, String tip, Runnable r) {
        Action a = new Action(text) {

            @Override
            public void run() {
                r.run();
            }
        };
        a.setToolTipText(tip);
        return a;
    }
}
