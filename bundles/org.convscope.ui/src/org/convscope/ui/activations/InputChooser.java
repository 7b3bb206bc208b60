package org.convscope.ui.activations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.convscope.core.image.Preprocessing;
import org.convscope.engine.analysis.PreprocessingChoice;
import org.convscope.ui.FileDrops;
import org.convscope.ui.prefs.UiPreferences;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

/**
 * The input row of the Activation view: the image (bundled samples, recent images, a file dialog,
 * or a file dropped on the view) and its preprocessing.
 */
public final class InputChooser {

    private static final String[] IMAGE_FILTERS = { "*.png;*.jpg;*.jpeg;*.bmp;*.gif;*.npy", "*.*" };

    private final Combo image;
    private final Combo preprocessing;
    private final Label preprocessingSource;
    private final Runnable changed;
    private final List<Path> files = new ArrayList<>();
    /** Files handed to the view from outside (the command line), offered after the current one. */
    private List<Path> given = List.of();
    private final UiPreferences prefs;

    /**
     * @param parent  a GridLayout parent
     * @param prefs   where the recent images are kept
     * @param changed told when the user picks another image or preprocessing
     */
    public InputChooser(Composite parent, UiPreferences prefs, Runnable changed) {
        this.prefs = prefs;
        this.changed = changed;
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        GridLayout layout = new GridLayout(3, false);
        layout.marginHeight = 0;
        row.setLayout(layout);
        new Label(row, SWT.NONE).setText(Messages.input);
        image = new Combo(row, SWT.READ_ONLY);
        image.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        image.setToolTipText(Messages.inputTip);
        image.addListener(SWT.Selection, e -> changed.run());
        Button browse = new Button(row, SWT.PUSH);
        browse.setText(Messages.browse);
        browse.addListener(SWT.Selection, e -> browse());
        new Label(row, SWT.NONE).setText(Messages.preprocessing);
        Composite second = new Composite(row, SWT.NONE);
        second.setLayoutData(GridDataFactory.fillDefaults().span(2, 1).grab(true, false).create());
        second.setLayout(GridLayoutFactory.fillDefaults().numColumns(2).create());
        preprocessing = new Combo(second, SWT.READ_ONLY);
        for (Preprocessing p : Preprocessing.values()) {
            preprocessing.add(p.name().toLowerCase(Locale.ROOT));
        }
        preprocessing.setToolTipText(Messages.preprocessingTip);
        preprocessingSource = new Label(second, SWT.NONE);
        preprocessingSource.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER)
                .create());
        preprocessing.addListener(SWT.Selection, e -> {
            preprocessingSource.setText(Messages.sourceUser);
            changed.run();
        });
        fill(null);
    }

    /** Accepts image files dropped on {@code control} (and its children). */
    public void acceptDrops(Control control) {
        FileDrops.accept(control, file -> {
            setFile(file);
            changed.run();
        });
    }

    private void browse() {
        FileDialog d = new FileDialog(image.getShell(), SWT.OPEN);
        d.setFilterExtensions(IMAGE_FILTERS);
        d.setFilterNames(new String[] { Messages.imageFiles, Messages.allFiles });
        String f = d.open();
        if (f != null) {
            setFile(Path.of(f));
            changed.run();
        }
    }

    /** Makes {@code file} the current input, adding it to the list when new. */
    public void setFile(Path file) {
        fill(file.toAbsolutePath().normalize());
    }

    /**
     * Makes the first of {@code inputs} the current input and offers the others right after it
     * (the images named on the command line).
     */
    public void setFiles(List<Path> inputs) {
        given = inputs.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        fill(given.get(0));
    }

    /** Refills the list: the current file, the given files, then the bundled samples, then recent images. */
    private void fill(Path current) {
        Path keep = current != null ? current : currentFile();
        files.clear();
        image.removeAll();
        if (keep != null) {
            add(keep, "");
        }
        for (Path p : given) {
            add(p, "");
        }
        for (Path p : SampleInputs.images()) {
            add(p, Messages.sampleSuffix);
        }
        for (Path p : prefs.recentInputs()) {
            if (Files.isRegularFile(p)) {
                add(p, Messages.recentSuffix);
            }
        }
        if (!files.isEmpty()) {
            image.select(0);
        }
    }

    private void add(Path p, String suffix) {
        if (!files.contains(p)) {
            files.add(p);
            image.add(p.getFileName() + suffix);
        }
    }

    /** @return the chosen image, or null when there is none */
    public Path currentFile() {
        int i = image == null ? -1 : image.getSelectionIndex();
        return i < 0 || i >= files.size() ? null : files.get(i);
    }

    /** @return every input offered (for the compare dialog) */
    public List<Path> offered() {
        return List.copyOf(files);
    }

    /** @return the chosen preprocessing */
    public Preprocessing preprocessing() {
        return Preprocessing.values()[Math.max(0, preprocessing.getSelectionIndex())];
    }

    /** Pre-selects {@code guess} and says where it came from. */
    public void setPreprocessing(PreprocessingChoice guess) {
        preprocessing.select(guess.preprocessing().ordinal());
        preprocessingSource.setText(switch (guess.source()) {
            case CHOSEN -> Messages.sourcePreference;
            case SIDE_FILE -> Messages.sourceMetadata;
            case FAMILY -> Messages.sourceFamily;
            case FALLBACK -> Messages.sourceFallback;
        });
    }

    /** Puts {@code file} at the top of the recent images. */
    public void remember(Path file) {
        prefs.addRecentInput(file);
    }
}
