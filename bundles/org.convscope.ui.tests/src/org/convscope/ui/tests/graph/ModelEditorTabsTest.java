package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.convscope.core.io.WeightRef;
import org.convscope.ui.LoadedModels;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.gradcam.GradCamView;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.PropertyTexts;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.views.ActivationView;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each open model is an editor: several models are tabs, the views follow the active one, a file
 * opened twice is one editor, two editors on one file share one loaded model, and closing the last
 * model editor empties the views.
 */
@ExtendWith(InWorkbench.class)
class ModelEditorTabsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void setUp() {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1400, 900);
    }

    @AfterEach
    void openTheSampleAgain() throws Exception {
        ModelEditors.closeAllBut(window, TestModels.sample());
    }

    @Test
    void twoModelsAreTwoTabsAndTheViewsFollowTheActiveOne() throws Exception {
        ActivationView activations = (ActivationView) page.showView(ViewIds.ACTIVATIONS);
        GradCamView gradCam = (GradCamView) page.showView(ViewIds.GRADCAM);
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        Path samplePath = TestModels.sample();
        Path otherPath = Files.copy(samplePath, dir.resolve("second_model.keras"));
        ModelEditor sample = ModelEditors.open(window, samplePath);
        ModelEditor other = ModelEditors.open(window, otherPath);
        assertNotSame(sample, other, "two editors");
        assertNotSame(sample.model(), other.model(), "two models");
        assertEquals("second_model.keras", other.getPartName(), "titled by the file name");
        assertEquals(otherPath.toString(), other.getTitleToolTip(), "the path as the tooltip");
        assertFalse(other.isDirty(), "read-only, never dirty");
        assertViewsShow(other.model(), activations, gradCam, sheet);
        Screenshots.save(window.getShell(), "workbench-two-model-tabs");

        page.activate(sample);
        assertSame(sample.model(), ModelOpener.current(), "the tab chosen is the active model");
        assertViewsShow(sample.model(), activations, gradCam, sheet);

        page.activate(other);
        assertViewsShow(other.model(), activations, gradCam, sheet);
        // a view activated leaves the views on the last model editor's model
        page.activate(activations);
        assertSame(other.model(), ModelOpener.current());
        InWorkbench.waitUntil(() -> window.getShell().getText().contains("second_model.keras"), TIMEOUT,
                "the window title to name the active model");
    }

    private void assertViewsShow(OpenModel model, ActivationView activations, GradCamView gradCam,
            PropertySheet sheet) {
        InWorkbench.waitUntil(() -> activations.currentProvider().map(p -> p.model() == model).orElse(false)
                && gradCam.currentProvider().map(p -> p.model() == model).orElse(false), TIMEOUT,
                "the views on " + model.file());
        InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains(model.file().toString()), TIMEOUT,
                "the properties of " + model.file() + ", not " + PropertyTexts.of(sheet));
    }

    @Test
    void theSameFileOpenedTwiceIsOneEditor() throws Exception {
        Path file = Files.copy(TestModels.sample(), dir.resolve("twice.keras"));
        Files.createDirectories(dir.resolve("sub"));
        ModelEditor first = ModelEditors.open(window, file);
        int loaded = LoadedModels.shared().size();
        ModelEditors.open(window, TestModels.sample());

        // another spelling of the same path: one editor, brought to the front, nothing read again
        Path alias = dir.resolve("sub").resolve("..").resolve("twice.keras");
        ModelEditor again = ModelEditors.open(window, alias);
        assertSame(first, again, "the editor open already");
        assertSame(first, page.getActiveEditor());
        assertEquals(1, ModelEditors.all(page).stream().filter(r -> r.getPartName().equals("twice.keras")).count(),
                "one editor on the file");
        assertEquals(loaded, LoadedModels.shared().size(), "loaded once");
    }

    @Test
    void twoEditorsOnOneFileShareOneLoadedModel() throws Exception {
        Path file = Files.copy(TestModels.sample(), dir.resolve("shared.keras"));
        ModelEditor first = ModelEditors.open(window, file);
        // Window > New Editor
        ModelEditor second = (ModelEditor) page.openEditor(first.getEditorInput(), ModelEditor.ID, true,
                IWorkbenchPage.MATCH_NONE);
        ModelEditors.laidOut(second);
        assertNotSame(first, second, "two editors");
        assertSame(first.model(), second.model(), "one loaded model");
        assertEquals(first.model().graph().layers().size(), second.canvas().graph().boxes().size());
        WeightRef weight = first.model().graph().allLayers().stream().flatMap(l -> l.weights().stream())
                .findFirst().orElseThrow();

        page.closeEditor(first, false);
        InWorkbench.flush();
        assertSame(second.model(), ModelOpener.current(), "the other editor's model is still the active one");
        assertFalse(closed(weight), "the model stays loaded while an editor shows it");

        page.closeEditor(second, false);
        ModelEditors.open(window, TestModels.sample());
        InWorkbench.waitUntil(() -> closed(weight), TIMEOUT, "the model's file to close with its last editor");
        assertNull(ModelEditors.find(page, file));
    }

    @Test
    void closingEveryModelEditorEmptiesTheViews() throws Exception {
        ActivationView activations = (ActivationView) page.showView(ViewIds.ACTIVATIONS);
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        ModelEditor sample = ModelEditors.open(window, TestModels.sample());
        InWorkbench.waitUntil(() -> activations.currentProvider().isPresent(), TIMEOUT, "the Activation view's model");
        page.activate(sample);

        // every editor, as File > Close All does (the channel grids of earlier tests too)
        assertTrue(page.closeEditors(page.getEditorReferences(), false), "the editors close");
        InWorkbench.flush();
        assertTrue(ModelEditors.all(page).isEmpty(), "no model editor left");
        try {
            InWorkbench.waitUntil(() -> ModelOpener.current() == null, TIMEOUT, "no active model");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still active: " + ModelOpener.current() + ", editors "
                    + Arrays.stream(page.getEditorReferences()).map(r -> r.getId() + ":" + r.getPartName()).toList(),
                    e);
        }
        InWorkbench.flush();
        assertTrue(activations.currentProvider().isEmpty(), "the Activation view let go of the model");
        assertEquals(0, activations.layerChecklist().viewer().getTable().getItemCount(), "and lists no layers");
        assertTrue(activations.statusText().startsWith("No model"), activations.statusText());
        assertTrue(PropertyTexts.of(sheet).isEmpty(), "no properties: " + PropertyTexts.of(sheet));
        assertEquals("Convscope", window.getShell().getText(), "the window title names no model");
    }

    /** @return whether loading {@code weight} fails because its file was closed */
    private static boolean closed(WeightRef weight) {
        try {
            weight.load();
            return false;
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            return true;
        }
    }
}
