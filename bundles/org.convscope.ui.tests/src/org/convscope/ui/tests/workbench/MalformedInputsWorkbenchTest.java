package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.convscope.core.json.Json;
import org.convscope.core.model.Layer;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.open.Messages;
import org.convscope.ui.tests.DialogCatcher;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.PropertyTexts;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.WorkspaceLog;
import org.convscope.ui.tests.graph.TestModels;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workbench survives malformed files (issue 12): every file of the core's malformed-model
 * corpus ({@code fixtures/bad}) opened as File &gt; Open opens it, and every hostile input of
 * {@code fixtures/bad-images} run through the Activation view. Each gives a dialog or a status line
 * naming the file and the problem (or, for the valid images of unusual kinds, computes); nothing
 * reaches the workspace log; and afterwards the sample model opens, shows its graph and computes.
 *
 * <p>How the user's path is followed: File &gt; Open's handler asks a native file dialog for a
 * path and passes it to {@link ModelOpener#open}, with the product's own error reporter (a modal
 * dialog, which {@link DialogCatcher} reads and closes); the test makes that call with the path, as
 * the native dialog cannot be driven. The Activation view's input chooser (Browse, a drop, the
 * list) makes the file current and tells the view, which {@link ActivationView#setInputFile} does;
 * {@link ActivationView#compute} is what the Compute button runs.
 */
@ExtendWith(InWorkbench.class)
class MalformedInputsWorkbenchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private ModelEditor graph;
    private ActivationView activations;
    private DialogCatcher dialogs;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1400, 900);
        activations = (ActivationView) page.showView(ViewIds.ACTIVATIONS);
        // the sample the application opens at start-up must not arrive in the middle of the corpus
        InWorkbench.waitUntil(() -> Job.getJobManager().find(ModelOpener.FAMILY).length == 0, TIMEOUT,
                "the openings under way");
        dialogs = new DialogCatcher(window.getShell());
    }

    @AfterEach
    void tearDown() throws Exception {
        dialogs.close();
        ModelEditors.closeAllBut(window, Samples.model());
    }

    @Test
    void everyMalformedModelIsReportedAndTheWorkbenchGoesOn() throws Exception {
        openSample();
        Path bad = TestModels.fixtures("bad");
        Map<String, Map<?, ?>> corpus = corpus(bad);
        assertTrue(corpus.size() >= 32, "the corpus has " + corpus.size() + " entries");
        List<String> failures = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> e : corpus.entrySet()) {
            try (WorkspaceLog log = new WorkspaceLog()) {
                shown.add(e.getKey() + "\t" + openMalformed(bad.resolve(e.getKey()), e.getValue()));
                String logged = log.stackTraces();
                if (logged != null) {
                    throw new AssertionError(logged);
                }
            } catch (AssertionError failure) {
                failures.add(e.getKey() + ": " + failure.getMessage());
            }
        }
        report("malformed-models.txt", shown);
        assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " files:\n"
                + String.join("\n", failures));
        openSample();
        computeAndWait(Samples.three(0));
        assertTrue(activations.run().orElseThrow().row("conv2d_1").orElseThrow().ok(),
                "the sample computes after the corpus: " + activations.statusText());
    }

    @Test
    void everyHostileInputIsReportedOrComputesAndTheWorkbenchGoesOn() throws Exception {
        openSample();
        Path dir = TestModels.fixtures("bad-images");
        Map<String, Map<?, ?>> corpus = corpus(dir);
        assertTrue(corpus.size() >= 19, "the corpus has " + corpus.size() + " entries");
        List<String> failures = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> e : corpus.entrySet()) {
            String name = e.getKey();
            Path file = dir.resolve(name);
            try (WorkspaceLog log = new WorkspaceLog()) {
                try {
                    runInput(file, e.getValue());
                } finally {
                    shown.add(name + "\t" + activations.statusText());
                }
                String logged = log.stackTraces();
                if (logged != null) {
                    throw new AssertionError(logged);
                }
            } catch (AssertionError failure) {
                failures.add(name + ": " + failure.getMessage());
            }
        }
        report("hostile-inputs.txt", shown);
        computeAndWait(Samples.three(1));
        assertTrue(activations.run().orElseThrow().row("conv2d_1").orElseThrow().ok(),
                "the next good image computes: " + activations.statusText());
        assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " inputs:\n"
                + String.join("\n", failures));
    }

    /**
     * Opens {@code file} as File > Open does and checks what the person sees.
     *
     * @return the dialog's text, or what opened
     */
    private String openMalformed(Path file, Map<?, ?> want) throws Exception {
        dialogs.clear();
        if (file.getFileName().toString().equals("keras_archive_named.h5")) {
            dialogs.screenshotNext("malformed-model-dialog");
        }
        OpenModel before = ModelOpener.current();
        Job job = ModelOpener.open(window, file);
        InWorkbench.waitUntil(() -> job.getResult() != null
                && (!dialogs.seen().isEmpty() || ModelOpener.current() != before), TIMEOUT,
                "a dialog or the model");
        // the dialog stays up a moment for its screenshot, then the event loop goes on
        InWorkbench.waitUntil(dialogs::allClosed, TIMEOUT, "the dialog to close");
        InWorkbench.flush();
        boolean opened = ModelOpener.current() != before;
        if (!opened) {
            assertEquals(1, dialogs.seen().size(), "one dialog: " + dialogs.seen());
            DialogCatcher.Seen d = dialogs.seen().get(0);
            assertEquals(Messages.openFailedTitle, d.title());
            assertEquals("error", want.get("outcome"), "it should open, but: " + d.text());
            assertNamesFileAndProblem(d.text(), file, (String) want.get("phrase"));
            assertEquals(before, ModelOpener.current(), "the model open before stays the active one");
            assertNull(ModelEditors.find(page, file), "no editor for " + file.getFileName());
            return d.text();
        }
        assertEquals(List.of(), dialogs.seen(), "no dialog for a file that opens");
        assertTrue("opens".equals(want.get("outcome")) || "weights".equals(want.get("stage")),
                "opened, but it should fail with '" + want.get("phrase") + "'");
        OpenModel model = ModelOpener.current();
        graph = ModelEditors.laidOut(ModelEditors.find(page, file));
        assertEquals(model, graph.model(), "the editor of " + file.getFileName() + " is the active one");
        if ("weights".equals(want.get("stage"))) {
            return assertWeightProblemShown(model, file, (String) want.get("phrase"));
        }
        return "(opens: " + model.graph().allLayers().size() + " layers)";
    }

    /**
     * A model whose structure opens but whose weights cannot be read says so where the weights
     * are shown: the Properties view of a layer that has them.
     */
    private String assertWeightProblemShown(OpenModel model, Path file, String phrase) throws Exception {
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        List<String> seen = new ArrayList<>();
        // qualified: the imported Messages is org.convscope.ui.open's
        String computing = org.convscope.ui.properties.Messages.computing;
        for (Layer layer : model.graph().allLayers()) {
            if (layer.params() <= 0) {
                continue;
            }
            page.activate(graph);
            graph.getSite().getSelectionProvider().setSelection(new StructuredSelection(layer));
            InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains(layer.kerasClass())
                    && PropertyTexts.of(sheet).stream().noneMatch(t -> t.equals(computing)),
                    TIMEOUT,
                    "the properties of " + layer.id());
            for (String t : PropertyTexts.of(sheet)) {
                if (t.contains(phrase)) {
                    assertNamesFileAndProblem(t, file, phrase);
                    return "(opens; Properties of " + layer.id() + ": " + t + ")";
                }
            }
            seen.addAll(PropertyTexts.of(sheet));
        }
        throw new AssertionError("no layer's properties say '" + phrase + "'; they show " + seen);
    }

    /** Makes {@code file} the Activation view's input as its chooser does, computes, checks the outcome. */
    private void runInput(Path file, Map<?, ?> want) throws Exception {
        String name = file.getFileName().toString();
        computeAndWait(file);
        assertEquals(List.of(), dialogs.seen(), "no dialog, the status line tells");
        String status = activations.statusText();
        boolean ran = activations.run().map(r -> r.input().equals(key(file))).orElse(false);
        if ("computes".equals(want.get("outcome"))) {
            assertTrue(ran, "should compute, but the view says: " + status);
            assertTrue(activations.run().orElseThrow().row("conv2d_1").orElseThrow().ok(), status);
            assertTrue(status.contains(name), "the status names the input: " + status);
            return;
        }
        assertFalse(ran, "should fail with '" + want.get("phrase") + "', but computed: " + status);
        assertTrue(status.startsWith(name + ": "), "the status starts with the file name: " + status);
        assertNamesFileAndProblem(status, file, (String) want.get("phrase"));
        if (name.equals("bomb_50000x50000.png")) {
            // GTK paints on its own frame clock: give the status line a moment before the copy
            long until = System.currentTimeMillis() + 500;
            InWorkbench.waitUntil(() -> System.currentTimeMillis() > until, TIMEOUT, "the window to paint");
            Screenshots.save(window.getShell(), "hostile-image-status");
        }
    }

    private InputKey key(Path file) {
        return activations.run().map(r -> new InputKey(file, r.input().preprocessing())).orElseThrow();
    }

    /** Writes what the person was shown per file, for a reviewer, beside the screenshots. */
    private static void report(String name, List<String> lines) throws IOException {
        Path dir = Path.of(System.getProperty("convscope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), lines);
    }

    /** The message names the file, says {@code phrase} beside it, and is one line with no exception in it. */
    private static void assertNamesFileAndProblem(String message, Path file, String phrase) {
        String fileName = file.getFileName().toString();
        assertTrue(message.contains(fileName), "names " + fileName + ": " + message);
        String rest = message.replace(file.toString(), "").replace(fileName, "");
        assertTrue(rest.contains(phrase), "says '" + phrase + "': " + message);
        assertFalse(message.contains("\n") || message.contains("\tat ") || message.contains("Exception"),
                "one line without a stack trace or exception class: " + message);
    }

    /** Opens the sample as File > Open does and waits until its graph and the Activation view have it. */
    private void openSample() throws IOException {
        Path sample = Samples.model();
        graph = ModelEditors.open(window, sample);
        OpenModel m = graph.model();
        InWorkbench.waitUntil(() -> activations.currentProvider().map(p -> p.model() == m).orElse(false), TIMEOUT,
                "the sample in the Activation view");
        InWorkbench.flush();
    }

    /** Makes {@code file} the input, presses Compute and waits until the view shows the outcome. */
    private void computeAndWait(Path file) {
        activations.setInputFile(file);
        String before = activations.statusText();
        activations.compute();
        // the Job's outcome reaches the view through asyncExec, after the Job is gone
        InWorkbench.waitUntil(() -> Job.getJobManager().find(ActivationView.class).length == 0
                && !activations.statusText().equals(before), TIMEOUT, "the outcome of computing " + file.getFileName());
        InWorkbench.flush();
    }

    private static Map<String, Map<?, ?>> corpus(Path dir) throws IOException {
        Map<String, Map<?, ?>> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) Json.parse(Files.readString(dir.resolve("expected.json"))))
                .entrySet()) {
            out.put((String) e.getKey(), (Map<?, ?>) e.getValue());
        }
        return out;
    }
}
