package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.io.WeightRef;
import org.convscope.ui.NetworkHolder;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.graph.TestModels;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a model's last editor lets go of its weight file: the editors and the views' providers
 * hold it, and the last of them, perhaps a computation still under way, closes it.
 */
@ExtendWith(InWorkbench.class)
class ModelFileWorkbenchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The views whose providers hold the model's file. */
    private static final List<String> HOLDING_VIEWS = List.of(ViewIds.ACTIVATIONS, ViewIds.FILTERS, ViewIds.GRADCAM);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void findWindow() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        ModelEditors.closeAllBut(window, Samples.model());
    }

    @Test
    void closingAModelsEditorClosesItsFileOnceTheViewsLetGo() throws Exception {
        for (String id : HOLDING_VIEWS) {
            page.showView(id);
        }
        // a sequence model, which the Filters view refuses, then an image model all three views take
        ModelEditor sequenceEditor = ModelEditors.open(window, TestModels.fixture("conv1d_sequence.keras"));
        WeightRef sequence = firstWeight(sequenceEditor.model());
        assertFalse(closed(sequence), "the open model's weights load");
        ModelEditor imageEditor = ModelEditors.open(window, TestModels.fixture("functional_branches.keras"));
        WeightRef image = firstWeight(imageEditor.model());
        InWorkbench.flush();
        assertFalse(closed(sequence), "its editor, still open behind, keeps the sequence model loaded");

        page.closeEditor(sequenceEditor, false);
        InWorkbench.waitUntil(() -> closed(sequence), TIMEOUT, "the sequence model's file to close");
        assertFalse(closed(image), "the active model's weights still load");

        WeightRef sample = firstWeight(ModelEditors.open(window, Samples.model()).model());
        page.closeEditor(imageEditor, false);
        InWorkbench.waitUntil(() -> closed(image), TIMEOUT, "the image model's file to close");
        assertFalse(closed(sample), "the active model's weights still load");
    }

    @Test
    void aComputationWithAClosedModelKeepsItsFileOpenUntilItEnds() throws Exception {
        // without the views, only the editor and this computation hold the model
        List<String> hidden = new ArrayList<>();
        for (String id : HOLDING_VIEWS) {
            IViewPart view = page.findView(id);
            if (view != null) {
                page.hideView(view);
                hidden.add(id);
            }
        }
        try {
            ModelEditor editor = ModelEditors.open(window, TestModels.fixture("functional_branches.keras"));
            OpenModel first = editor.model();
            WeightRef weight = firstWeight(first);
            FakeNetworks engine = new FakeNetworks("none");
            NetworkHolder holder = new NetworkHolder(first, g -> engine.create());
            try (HeldComputation computation = new HeldComputation(holder)) {
                ModelEditors.open(window, Samples.model());
                page.closeEditor(editor, false);
                holder.close();
                InWorkbench.flush();
                assertFalse(closed(weight), "the computation still reads the first model's weights");

                assertEquals("fake", computation.end(), "the computation finished");
            }
            assertTrue(closed(weight), "its end closed the file");
        } finally {
            for (String id : hidden) {
                page.showView(id);
            }
        }
    }

    private static WeightRef firstWeight(OpenModel model) {
        return model.graph().allLayers().stream().flatMap(l -> l.weights().stream()).findFirst()
                .orElseThrow(() -> new AssertionError(model.fileName() + " has no weights"));
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
