package org.convscope.ui.filters;

import java.nio.file.Path;
import java.util.Optional;

import org.convscope.core.render.ChannelPlot;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.views.AnalysisJob;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Beside the atlas: the selected channel's pattern above, and under it the channel's activation
 * grid for the current input, each with a line saying what it shows (or why it shows nothing). The
 * activation is computed in a Job of its own when the provider does not hold it yet, so a click
 * never waits; clicking the pattern enlarges it.
 */
final class ChannelPane {

    /** The activation plot's side, about: a 26×26 map is drawn 8× larger. */
    private static final int PLOT_SIDE = 224;

    private final Label patternText;
    private final ZoomCanvas pattern;
    private final Label activationText;
    private final ZoomCanvas activation;
    private Path input;
    private Job job;
    private Tensor shown;
    /** What the pane shows, to show again when the input changes; null for nothing. */
    private Request request;

    private record Request(FiltersProvider provider, FilterPattern pattern, int channel, String layer,
            boolean channels) {
    }

    /** @param enlarge told when the pattern is clicked */
    ChannelPane(Composite parent, Runnable enlarge) {
        Composite pane = new Composite(parent, SWT.NONE);
        pane.setLayout(GridLayoutFactory.fillDefaults().create());
        patternText = label(pane, Messages.noChannel);
        pattern = canvas(pane);
        pattern.addListener(new ZoomCanvas.Listener() {

            @Override
            public void clicked(ZoomCanvas source, int x, int y) {
                enlarge.run();
            }
        });
        activationText = label(pane, "");
        activation = canvas(pane);
        pane.addListener(SWT.Dispose, e -> cancel());
    }

    private static Label label(Composite pane, String text) {
        Label l = new Label(pane, SWT.WRAP);
        l.setText(text);
        l.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(120, SWT.DEFAULT).create());
        return l;
    }

    private static ZoomCanvas canvas(Composite pane) {
        ZoomCanvas c = new ZoomCanvas(pane);
        c.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        return c;
    }

    /** Shows nothing: no channel is selected. */
    void clear() {
        cancel();
        request = null;
        showPattern(null, Messages.noChannel);
        showActivation(null, "");
    }

    /**
     * Shows {@code channel}'s pattern (null before it arrived) and its activation at {@code layer}
     * for the current input.
     *
     * @param channels whether the atlas's filters are channels of the layer (not classes or directions)
     */
    void show(FiltersProvider provider, FilterPattern p, int channel, String layer, boolean channels) {
        request = new Request(provider, p, channel, layer, channels);
        showPattern(p == null ? null : p.tile(),
                p == null ? Messages.bind(Messages.notYet, channel) : FiltersView.describe(p));
        cancel();
        if (!channels || provider == null) {
            showActivation(null, Messages.noActivationHere);
            return;
        }
        if (input == null) {
            showActivation(null, Messages.noInput);
            return;
        }
        Path in = input;
        Request asked = request;
        showActivation(null, Messages.bind(Messages.activationRunning, layer, in.getFileName()));
        job = new AnalysisJob<>(Messages.bind(Messages.activationJob, layer), FiltersView.class,
                m -> provider.activation(in, UiPreferences.workbench().preprocessing().orElse(null), layer, m),
                AnalysisJob.inUi(activation.control(), outcome -> {
                    if (asked == request && in.equals(input)) {
                        arrived(outcome, channel, in);
                    }
                }));
        job.schedule();
    }

    private void arrived(AnalysisJob.Outcome<Tensor> outcome, int channel, Path in) {
        Tensor t = outcome.value();
        if (!outcome.ok() || t.rank() != 4 || channel >= t.dim(3)) {
            showActivation(null, outcome.ok() ? Messages.noActivationHere : outcome.message());
            return;
        }
        shown = t;
        int upscale = Math.max(1, PLOT_SIDE / Math.max(t.dim(1), t.dim(2)));
        ChannelPlot plot = ChannelPlot.render(t, 0, channel, upscale, UiPreferences.workbench().colormap());
        showActivation(plot.image(), Messages.bind(Messages.activation, new Object[] { channel, in.getFileName(),
                String.format("%.4g", plot.stats().min()), String.format("%.4g", plot.stats().max()) }));
    }

    /** Makes {@code file} the input (null: none), and shows the selected channel's activation for it. */
    void setInput(Path file) {
        input = file;
        Request r = request;
        if (r != null) {
            show(r.provider(), r.pattern(), r.channel(), r.layer(), r.channels());
        }
    }

    /** @return the current input, or null */
    Path input() {
        return input;
    }

    private void cancel() {
        shown = null;
        if (job != null) {
            job.cancel();
            job = null;
        }
    }

    private void showPattern(RgbImage tile, String text) {
        if (tile == null) {
            pattern.clear();
        } else {
            pattern.setImage(tile);
        }
        patternText.setText(text);
        patternText.getParent().layout(true);
    }

    private void showActivation(RgbImage plot, String text) {
        if (plot == null) {
            activation.clear();
        } else {
            activation.setImage(plot);
        }
        activationText.setText(text);
        activationText.getParent().layout(true);
    }

    /** @return the activation shown, if any */
    Optional<Tensor> activation() {
        return Optional.ofNullable(shown);
    }

    /** @return the line above the activation */
    String activationText() {
        return activationText.getText();
    }
}
