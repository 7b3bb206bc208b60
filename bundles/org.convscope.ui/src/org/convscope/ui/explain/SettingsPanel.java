package org.convscope.ui.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.convscope.core.image.Preprocessing;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainOptions;
import org.convscope.engine.visualize.Prediction;
import org.convscope.ui.FileDrops;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The Explain view's choices: methods (with what each computes), images, preprocessing, class, CAM
 * layers, the methods' parameters, and whether to compute the trust measures and the sanity check.
 * It turns them into {@link ExplainSettings}; it computes nothing.
 */
final class SettingsPanel {

    private static final String[] IMAGE_FILTERS = { "*.png;*.jpg;*.jpeg;*.bmp;*.gif;*.npy", "*.*" };

    private final ScrolledComposite scroll;
    private final Table methods;
    // qualified: java.util.List is used here too
    private final org.eclipse.swt.widgets.List images;
    private final List<Path> files = new ArrayList<>();
    private final Combo preprocessing;
    private final Combo classes;
    // qualified: java.util.List is used here too
    private final org.eclipse.swt.widgets.List layers;
    private final Spinner steps;
    private final Spinner noise;
    private final Spinner samples;
    private final Spinner seed;
    private final Spinner patch;
    private final Spinner stride;
    private final Button metrics;
    private final Button sanity;
    /** Whether the person changed the images: then inputs chosen elsewhere no longer replace them. */
    private boolean imagesEdited;

    SettingsPanel(Composite parent) {
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        Composite c = new Composite(scroll, SWT.NONE);
        c.setLayout(GridLayoutFactory.swtDefaults().numColumns(2).create());
        heading(c, Messages.methods);
        methods = new Table(c, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        methods.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(SWT.DEFAULT, 150)
                .create());
        TableColumn name = new TableColumn(methods, SWT.NONE);
        TableColumn what = new TableColumn(methods, SWT.NONE);
        for (AttributionMethod m : AttributionMethod.values()) {
            TableItem item = new TableItem(methods, SWT.NONE);
            item.setText(new String[] { m.id(), MethodTexts.describe(m) });
            item.setData(m);
            item.setChecked(m == AttributionMethod.GRADCAM);
        }
        name.pack();
        what.pack();
        methods.setToolTipText(Messages.methodsTip);

        heading(c, Messages.images);
        // qualified: java.util.List is used here too
        images = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        images.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(SWT.DEFAULT, 60)
                .create());
        images.setToolTipText(Messages.imagesTip);
        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).create());
        buttons.setLayout(GridLayoutFactory.fillDefaults().numColumns(2).create());
        push(buttons, Messages.addImages, this::browse);
        push(buttons, Messages.removeImages, this::removeSelected);

        new Label(c, SWT.NONE).setText(Messages.preprocessing);
        preprocessing = new Combo(c, SWT.READ_ONLY);
        for (Preprocessing p : Preprocessing.values()) {
            preprocessing.add(p.name().toLowerCase(Locale.ROOT));
        }
        preprocessing.select(0);
        new Label(c, SWT.NONE).setText(Messages.classLabel);
        classes = new Combo(c, SWT.DROP_DOWN);
        classes.setItems(Messages.topClass);
        classes.select(0);
        classes.setToolTipText(Messages.classTip);
        classes.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).hint(120, SWT.DEFAULT).create());

        heading(c, Messages.layers);
        // qualified: java.util.List is used here too
        layers = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        layers.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(SWT.DEFAULT, 60)
                .create());
        layers.setToolTipText(Messages.layersTip);

        ExplainOptions d = ExplainOptions.DEFAULTS;
        steps = spinner(c, Messages.igSteps, d.igSteps(), 1, 4096, 0);
        noise = spinner(c, Messages.noise, Math.round(d.noise() * 100), 0, 500, 2);
        samples = spinner(c, Messages.samples, d.samples(), 1, 1024, 0);
        seed = spinner(c, Messages.seed, (int) d.seed(), 0, Integer.MAX_VALUE, 0);
        patch = spinner(c, Messages.patch, d.patch(), 1, 4096, 0);
        stride = spinner(c, Messages.stride, d.stride(), 1, 4096, 0);
        metrics = check(c, Messages.metrics, Messages.metricsTip);
        sanity = check(c, Messages.sanity, Messages.sanityTip);

        scroll.setContent(c);
        scroll.setMinSize(c.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    private static void heading(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        l.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).create());
    }

    private static Spinner spinner(Composite c, String label, int value, int min, int max, int digits) {
        new Label(c, SWT.NONE).setText(label);
        Spinner s = new Spinner(c, SWT.BORDER);
        s.setDigits(digits);
        s.setValues(value, min, max, digits, 1, 10);
        return s;
    }

    private static Button check(Composite c, String text, String tip) {
        Button b = new Button(c, SWT.CHECK);
        b.setText(text);
        b.setToolTipText(tip);
        b.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).create());
        return b;
    }

    private static void push(Composite c, String text, Runnable r) {
        Button b = new Button(c, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> r.run());
    }

    /** @return the SWT control, for layout */
    Control control() {
        return scroll;
    }

    /** Accepts image files dropped on {@code control}: they are added to the images. */
    void acceptDrops(Control control) {
        FileDrops.acceptAll(control, dropped -> {
            imagesEdited = true;
            add(dropped);
        });
    }

    private void browse() {
        FileDialog d = new FileDialog(images.getShell(), SWT.OPEN | SWT.MULTI);
        d.setFilterExtensions(IMAGE_FILTERS);
        d.setFilterNames(new String[] { Messages.imageFiles, Messages.allFiles });
        if (d.open() != null) {
            imagesEdited = true;
            add(Arrays.stream(d.getFileNames()).map(n -> Path.of(d.getFilterPath(), n)).toList());
        }
    }

    private void removeSelected() {
        int[] chosen = images.getSelectionIndices();
        Arrays.sort(chosen);
        for (int k = chosen.length - 1; k >= 0; k--) {
            files.remove(chosen[k]);
            images.remove(chosen[k]);
        }
        imagesEdited = true;
    }

    private void add(List<Path> more) {
        for (Path p : more) {
            Path f = p.toAbsolutePath().normalize();
            if (!files.contains(f)) {
                files.add(f);
                images.add(f.getFileName().toString());
            }
        }
    }

    /** Replaces the images with {@code chosen} (tests; the command line's images). */
    void setImages(List<Path> chosen) {
        files.clear();
        images.removeAll();
        add(chosen);
    }

    /** Offers {@code chosen} as the images unless the person has picked others. */
    void offerImages(List<Path> chosen) {
        if (!imagesEdited) {
            setImages(chosen);
        }
    }

    /** @return the images, in order */
    List<Path> images() {
        return List.copyOf(files);
    }

    /** Fills the layer list and selects the default, the last. */
    void setLayers(List<String> ids) {
        layers.setItems(ids.toArray(String[]::new));
        if (!ids.isEmpty()) {
            layers.select(ids.size() - 1);
            layers.showSelection();
        }
    }

    /** Selects {@code ids} alone, those the list has; @return whether any was */
    boolean chooseLayers(List<String> ids) {
        List<String> items = Arrays.asList(layers.getItems());
        int[] at = ids.stream().mapToInt(items::indexOf).filter(i -> i >= 0).toArray();
        if (at.length == 0) {
            return false;
        }
        layers.setSelection(at);
        layers.showSelection();
        return true;
    }

    /** @return the chosen CAM layers */
    List<String> chosenLayers() {
        return List.of(layers.getSelection());
    }

    /** Ticks exactly {@code chosen}. */
    void chooseMethods(List<AttributionMethod> chosen) {
        for (TableItem item : methods.getItems()) {
            item.setChecked(chosen.contains(item.getData()));
        }
    }

    /** @return the ticked methods, in the list's order */
    List<AttributionMethod> chosenMethods() {
        return Arrays.stream(methods.getItems()).filter(TableItem::getChecked)
                .map(i -> (AttributionMethod) i.getData()).toList();
    }

    /** Pre-selects the preprocessing the model's images get. */
    void setPreprocessing(Preprocessing p) {
        preprocessing.select(p.ordinal());
    }

    /** Offers the first image's top 5 as classes, keeping what is chosen. */
    void setTop(List<Prediction> top) {
        String keep = classes.getText();
        String[] items = new String[top.size() + 1];
        items[0] = Messages.topClass;
        for (int i = 0; i < top.size(); i++) {
            Prediction p = top.get(i);
            items[i + 1] = String.format(Locale.ROOT, "%d %s %.3f", p.index(), p.label() == null ? "" : p.label(),
                    p.score());
        }
        classes.setItems(items);
        classes.setText(keep);
    }

    /** Sets the class as typed: "top" or a number (tests). */
    void setClass(String text) {
        classes.setText(text);
    }

    /** Sets the trust measures and the sanity check on or off (tests). */
    void setChecks(boolean trust, boolean check) {
        metrics.setSelection(trust);
        sanity.setSelection(check);
    }

    /** Sets occlusion's patch and stride (tests). */
    void setOcclusion(int side, int step) {
        patch.setSelection(side);
        stride.setSelection(step);
    }

    /** Sets Integrated Gradients' steps (tests). */
    void setIgSteps(int n) {
        steps.setSelection(n);
    }

    /**
     * @return what the person chose
     * @throws org.convscope.core.analysis.AnalysisException when the class is neither "top", a top-5 entry nor a number
     */
    ExplainSettings settings() {
        String c = classes.getText().trim();
        int classIndex = c.isEmpty() || c.equals(Messages.topClass)
                ? AnalysisOptions.TOP_CLASS
                : AnalysisOptions.classIndex(c.split("\\s+")[0]);
        ExplainOptions o = ExplainOptions.DEFAULTS.withIgSteps(steps.getSelection())
                .withSmoothGrad(noise.getSelection() / 100f, samples.getSelection(), seed.getSelection(),
                        ExplainOptions.DEFAULTS.smoothBase())
                .withOcclusion(patch.getSelection(), stride.getSelection());
        return new ExplainSettings(files, Preprocessing.values()[Math.max(0, preprocessing.getSelectionIndex())],
                chosenMethods(), chosenLayers(), classIndex, metrics.getSelection(), sanity.getSelection(), o);
    }
}
