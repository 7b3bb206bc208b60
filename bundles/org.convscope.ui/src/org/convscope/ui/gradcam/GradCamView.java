package org.convscope.ui.gradcam;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.Layer;
import org.convscope.core.render.RgbImage;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.GradCamAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.Prediction;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.activations.InputChooser;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.views.ModelBoundView;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;

/**
 * Where the model looks: pick an image, a layer (here or in the graph), a class from the top-5 and
 * the method; the map shows beside the image and over it, the opacity slider redraws without
 * recomputing. The work runs as a cancellable Job through {@link GradCamProvider}.
 */
public final class GradCamView extends ModelBoundView<GradCamProvider> {

    /** The view's id in plugin.xml. */
    public static final String ID = ViewIds.GRADCAM;

    private InputChooser chooser;
    private Combo layer;
    private Combo classes;
    private Combo method;
    private Scale opacity;
    private ZoomCanvas heat;
    private ZoomCanvas over;
    private GradCamAnalysis.Explained shown;
    private List<Prediction> top = List.of();

    public GradCamView() {
        super(Messages.noModel, GradCamProvider::of);
    }

    @Override
    protected void createTop(Composite parent) {
        chooser = new InputChooser(parent, UiPreferences.workbench(), this::compute);
        Composite bar = bar(parent, 9);
        layer = combo(bar, Messages.layer, 170, this::compute);
        classes = combo(bar, Messages.classLabel, 240, this::compute);
        method = combo(bar, Messages.method, SWT.DEFAULT, this::compute);
        method.setItems(AnalysisOptions.METHODS.toArray(String[]::new));
        method.select(0);
        new Label(bar, SWT.NONE).setText(Messages.opacity);
        opacity = new Scale(bar, SWT.HORIZONTAL);
        opacity.setMinimum(0);
        opacity.setMaximum(100);
        opacity.setSelection((int) Math.round(100 * AnalysisOptions.DEFAULT_ALPHA));
        opacity.addListener(SWT.Selection, e -> redraw());
        button(bar, Messages.compute, this::compute);
    }

    @Override
    protected void createBody(Composite parent) {
        // an image dropped anywhere on the view becomes its input
        chooser.acceptDrops(parent);
        SashForm sash = sideBySide(parent);
        heat = new ZoomCanvas(sash);
        over = new ZoomCanvas(sash);
    }

    @Override
    protected void providerChanged(GradCamProvider provider) {
        OpenModel m = provider.model();
        shown = null;
        top = List.of();
        // another model's map must not stay beside this model's layers
        heat.clear();
        over.clear();
        List<String> layers = provider.layers();
        layer.setItems(layers.toArray(String[]::new));
        layer.select(layers.size() - 1);
        classes.setItems(Messages.topClass);
        classes.select(0);
        chooser.setPreprocessing(ModelInputs.preprocessing(m.file(), m.graph().name(),
                UiPreferences.workbench().preprocessing().orElse(null)));
        setStatus(ModelInputs.notAnImageModel(m.graph()).orElse(""));
    }

    @Override
    protected void providerRefused() {
        shown = null;
        top = List.of();
        layer.setItems();
        classes.setItems();
        heat.clear();
        over.clear();
    }

    /** Computes the map for the current image, layer, class and method. */
    public void compute() {
        Path file = chooser.currentFile();
        GradCamProvider p = provider();
        if (p == null || file == null || layer.getSelectionIndex() < 0) {
            setStatus(p == null ? Messages.noModel : Messages.noInput);
            return;
        }
        int c = classes.getSelectionIndex();
        int classIndex = c <= 0 || c > top.size() ? AnalysisOptions.TOP_CLASS : top.get(c - 1).index();
        Preprocessing preprocessing = chooser.preprocessing();
        String l = layer.getText();
        CamMethod m = AnalysisOptions.method(method.getText());
        run(Messages.bind(Messages.jobName, file.getFileName()),
                monitor -> p.compute(file, preprocessing, l, classIndex, m, monitor), s -> {
                    chooser.remember(file);
                    show(s);
                });
        setStatus(Messages.computing);
    }

    private void show(GradCamAnalysis.Explained s) {
        shown = s;
        if (!s.result().predictions().equals(top)) {
            top = s.result().predictions();
            String[] items = new String[top.size() + 1];
            items[0] = Messages.topClass;
            for (int i = 0; i < top.size(); i++) {
                Prediction p = top.get(i);
                items[i + 1] = String.format("%d %s %.3f", p.index(), p.label() == null ? "" : p.label(), p.score());
            }
            int keep = classes.getSelectionIndex();
            classes.setItems(items);
            classes.select(Math.max(0, Math.min(keep, items.length - 1)));
        }
        var r = s.result();
        setStatus(Messages.bind(Messages.result,
                new Object[] { AnalysisOptions.METHODS.get(r.method().ordinal()),
                        r.classIndex(), String.format("%.4f", r.score()), r.layer(), r.width(), r.height() }));
        redraw();
    }

    private void redraw() {
        if (shown == null) {
            return;
        }
        RgbImage picture = shown.picture();
        heat.setImage(shown.result().overlay(picture, 1.0));
        over.setImage(shown.overlay(opacity.getSelection() / 100.0));
    }

    /** Picks the layer selected in another part (the graph) when it can be explained. */
    @Override
    protected void layersSelected(List<Layer> selected) {
        layerChosen(selected.get(0).id());
    }

    /** From the graph's menu: that layer, when it can be explained. */
    @Override
    protected void layerChosen(String layerId) {
        int i = Arrays.asList(layer.getItems()).indexOf(layerId);
        if (i >= 0 && i != layer.getSelectionIndex()) {
            layer.select(i);
        }
    }

    /** Makes {@code file} the current image (tests, the command line). */
    public void setInputFile(Path file) {
        chooser.setFile(file);
    }

    /** Chooses the layer by id (tests). */
    public void chooseLayer(String id) {
        layer.select(Arrays.asList(layer.getItems()).indexOf(id));
    }

    /** @return the chosen layer's id, or "" (tests) */
    public String chosenLayer() {
        return layer.getText();
    }

    /** @return the last map shown (tests) */
    public Optional<GradCamAnalysis.Explained> shown() {
        return Optional.ofNullable(shown);
    }

    @Override
    public void setFocus() {
        layer.setFocus();
    }
}
