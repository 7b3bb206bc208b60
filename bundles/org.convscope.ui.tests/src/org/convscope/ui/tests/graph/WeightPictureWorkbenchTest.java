package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.convscope.core.io.WeightRef;
import org.convscope.core.model.Layer;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.WeightPicture;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.OpenModel;
import org.convscope.ui.properties.ModelPropertySheetPage;
import org.convscope.ui.properties.WeightDialog;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.PropertyTexts;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.editor.ModelEditor;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySheetEntry;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights as pictures: a weight's row selected in the Properties view opens its picture, histogram
 * and statistics, and exports it as {@code .npy}.
 */
@ExtendWith(InWorkbench.class)
class WeightPictureWorkbenchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private ModelEditor view;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1400, 900);
    }

    private OpenModel open(Path file) {
        view = ModelEditors.open(window, file);
        return view.model();
    }

    /** Selects {@code layer} in the graph and the row of its weight of shape {@code shape} in the Properties view. */
    private WeightDialog showPicture(Layer layer, String shape) throws Exception {
        page.activate(view);
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        page.activate(view);
        view.getSite().getSelectionProvider().setSelection(new StructuredSelection(layer));
        InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains(layer.name()), TIMEOUT, "the layer's rows");
        ModelPropertySheetPage properties = (ModelPropertySheetPage) sheet.getCurrentPage();
        Tree tree = (Tree) properties.getControl();
        TreeItem row = find(tree.getItems(), shape);
        assertNotNull(row, "a weight row " + shape + " in " + PropertyTexts.of(sheet));
        tree.setSelection(row);
        properties.handleEntrySelection(new StructuredSelection(row.getData()));
        WeightDialog dialog = properties.showPicture();
        assertNotNull(dialog, "the picture of the selected weight");
        InWorkbench.waitUntil(dialog::ready, TIMEOUT, "the weight loaded and drawn");
        return dialog;
    }

    private static TreeItem find(TreeItem[] items, String shape) {
        for (TreeItem item : items) {
            if (item.getData() instanceof IPropertySheetEntry e && e.getValueAsString().startsWith(shape)) {
                return item;
            }
            Event expand = new Event();
            expand.item = item;
            item.getParent().notifyListeners(SWT.Expand, expand);
            item.setExpanded(true);
            TreeItem inner = find(item.getItems(), shape);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    @Test
    void aConvKernelIsAGridOfFiltersWithItsHistogramStatisticsAndNpy(@TempDir Path dir) throws Exception {
        OpenModel model = open(TestModels.sample());
        Layer conv = model.graph().layers().stream().filter(l -> l.kerasClass().equals("Conv2D")).skip(1)
                .findFirst().orElseThrow();
        WeightRef kernel = conv.weights().stream().filter(w -> w.shape().length == 4).findFirst().orElseThrow();
        int[] shape = kernel.shape();
        WeightDialog dialog = showPicture(conv, "(" + shape[0] + ", " + shape[1] + ", " + shape[2] + ", " + shape[3]);
        try {
            Tensor values = kernel.load();
            WeightPicture p = dialog.picture();
            int filters = shape[3];
            int cols = (int) Math.ceil(Math.sqrt(filters));
            int rows = (filters + cols - 1) / cols;
            assertEquals(WeightPicture.Kind.FILTERS, p.kind());
            assertEquals(cols * shape[1] + (cols - 1) * WeightPicture.GAP, p.image().width(), "tiles across");
            assertEquals(rows * shape[0] + (rows - 1) * WeightPicture.GAP, p.image().height(), "tiles down");
            assertEquals(values.size(), dialog.histogram().total(), "every value in one bin");

            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            double sum = 0;
            long zeros = 0;
            for (float v : values.data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                zeros += v == 0 ? 1 : 0;
            }
            double mean = sum / values.size();
            double sq = 0;
            for (float v : values.data()) {
                sq += (v - mean) * (v - mean);
            }
            assertEquals(min, dialog.stats().min(), 0);
            assertEquals(max, dialog.stats().max(), 0);
            assertEquals(mean, dialog.stats().mean(), 1e-9);
            assertEquals(Math.sqrt(sq / values.size()), dialog.stats().std(), 1e-9);
            assertEquals((double) zeros / values.size(), dialog.stats().sparsity(), 0);
            assertTrue(dialog.summary().contains(filters + " filters"), dialog.summary());

            dialog.setChannel(shape[2] - 1);
            assertEquals(p.image().width(), dialog.picture().image().width(), "another input channel, same grid");

            Path npy = dir.resolve("kernel.npy");
            Function<Shell, String> before = WeightDialog.setNpyChooser(shell -> npy.toString());
            try {
                dialog.pressExport();
            } finally {
                WeightDialog.setNpyChooser(before);
            }
            Tensor back = Npy.read(npy);
            assertArrayEquals(shape, back.shape(), "the Keras shape");
            assertArrayEquals(values.data(), back.data(), "the values, float32");
            Screenshots.save(dialog.getShell(), "weight-conv-kernel");
        } finally {
            dialog.close();
        }
    }

    @Test
    void aFirstLayerReadingThreeChannelsIsDrawnInColour() throws Exception {
        OpenModel model = open(TestModels.fixture("batchnorm_separable.keras"));
        Layer stem = model.graph().layer("stem_conv").orElseThrow();
        WeightDialog dialog = showPicture(stem, "(3, 3, 3, 8)");
        try {
            assertEquals(WeightPicture.Kind.RGB_FILTERS, dialog.picture().kind());
            assertEquals(3 * 3 + 2, dialog.picture().image().width());
            assertEquals(3 * 3 + 2, dialog.picture().image().height());
            dialog.setRgb(false);
            assertEquals(WeightPicture.Kind.FILTERS, dialog.picture().kind());
        } finally {
            dialog.close();
        }
    }

    /**
     * The README's picture: the first convolution of a pretrained MobileNetV2 (the nsfwjs model that
     * releng/readme/make_explain_figure.sh unpacks), when it is on this machine.
     */
    @Test
    void screenshotOfAPretrainedFirstLayer() throws Exception {
        Path json = Path.of(System.getProperty("convscope.readme.model", "/tmp/convscope-readme/nsfwjs/model.json"));
        assumeTrue(Files.isRegularFile(json), "no pretrained model at " + json);
        OpenModel model = open(json);
        Layer first = model.graph().allLayers().stream().filter(l -> l.kerasClass().equals("Conv2D")).findFirst()
                .orElseThrow();
        WeightRef kernel = first.weights().get(0);
        int[] s = kernel.shape();
        WeightDialog dialog = showPicture(first, "(" + s[0] + ", " + s[1] + ", " + s[2] + ", " + s[3]);
        try {
            assertEquals(WeightPicture.Kind.RGB_FILTERS, dialog.picture().kind());
            dialog.getShell().setSize(640, 720);
            InWorkbench.flush();
            Screenshots.save(dialog.getShell(), "weight-rgb-first-layer");
        } finally {
            dialog.close();
        }
    }
}
