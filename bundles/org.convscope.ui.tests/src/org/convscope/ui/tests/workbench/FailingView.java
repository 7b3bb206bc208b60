package org.convscope.ui.tests.workbench;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.ui.ModelProvider;
import org.convscope.ui.OpenModel;
import org.convscope.ui.views.ModelBoundView;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * A view on the skeleton of the Activation, Filters and Grad-CAM views whose analysis throws what
 * a test gives it, as an engine or a provider might.
 */
public final class FailingView extends ModelBoundView<FailingView.Holder> {

    /** The view's id in the test bundle's plugin.xml. */
    public static final String ID = "org.convscope.ui.tests.failingView";

    /** A provider that holds nothing. */
    record Holder(OpenModel model) implements ModelProvider {

        @Override
        public void close() {
        }
    }

    private String result = "";

    public FailingView() {
        super("no model", Holder::new);
    }

    @Override
    protected void createTop(Composite parent) {
        new Label(parent, SWT.NONE).setText("failing analyses");
    }

    @Override
    protected void createBody(Composite parent) {
        new Label(parent, SWT.NONE);
    }

    @Override
    protected void providerChanged(Holder provider) {
        setStatus("ready");
    }

    /** Runs an analysis that throws {@code failure}. */
    void analyse(RuntimeException failure) {
        this.<String>run("Failing analysis", monitor -> {
            throw failure;
        }, r -> result = r);
    }

    /** Runs an analysis that returns {@code value}. */
    void analyse(String value) {
        this.<String>run("Working analysis", monitor -> value, r -> {
            result = r;
            setStatus(r);
        });
    }

    /** Runs an analysis the input cannot do. */
    void refuse(String message) {
        analyse(new AnalysisException(message));
    }

    String result() {
        return result;
    }

    @Override
    public void setFocus() {
    }
}
