package org.convscope.ui.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.convscope.ui.ViewIds;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.ide.ConvscopeIdePerspective;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.help.HelpSystem;
import org.eclipse.help.IToc;
import org.eclipse.help.ITopic;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorDescriptor;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.views.IViewCategory;
import org.eclipse.ui.views.IViewDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Convscope in the Eclipse IDE's own workbench (Tycho's UI harness starts
 * {@code org.eclipse.ui.ide.workbench}): a workspace project holding models, which the Project
 * Explorer opens in the model editor by double-click; Open With, the context menu's commands, the
 * perspective, Show View and the help table of contents; and a clean workspace log throughout.
 */
class IdeWorkbenchTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final List<IStatus> LOGGED = Collections.synchronizedList(new ArrayList<>());
    private static final ILogListener LOG = (status, plugin) -> LOGGED.add(status);
    private static IProject project;

    @BeforeAll
    static void workspace() throws CoreException, IOException {
        Platform.addLogListener(LOG);
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("models");
        project.create(null);
        project.open(null);
        copy(IdeFixtures.sample("mnist_convnet.h5"), project.getFile("mnist_convnet.h5"));
        copy(IdeFixtures.sample("mnist_convnet.keras"), project.getFile("mnist_convnet.keras"));
        copy(IdeFixtures.sample("mnist_convnet.json"), project.getFile("mnist_convnet.json"));
        copy(IdeFixtures.fixture("bad/no_model_config.h5"), project.getFile("plain.h5"));
        IFolder tfjs = project.getFolder("tfjs");
        tfjs.create(true, true, null);
        try (var shards = Files.list(IdeFixtures.fixture("tfjs/functional_branches"))) {
            for (Path p : shards.toList()) {
                copy(p, tfjs.getFile(String.valueOf(p.getFileName())));
            }
        }
    }

    @AfterAll
    static void cleanUp() throws CoreException {
        Platform.removeLogListener(LOG);
        page().closeAllEditors(false);
        project.delete(true, true, null);
    }

    @BeforeEach
    void inPerspective() {
        page().setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(ConvscopeIdePerspective.ID));
        LOGGED.clear();
    }

    @AfterEach
    void logStaysClean() {
        flush();
        List<IStatus> problems = LOGGED.stream()
                .filter(s -> s.getSeverity() == IStatus.ERROR || s.getException() != null).toList();
        assertEquals(List.of(), problems, "errors in the workspace log");
        page().closeAllEditors(false);
    }

    @Test
    void modelFilesHaveConvscopeContentTypesAndEditor() throws CoreException {
        assertType("org.convscope.ui.ide.kerasHdf5", project.getFile("mnist_convnet.h5"));
        assertType("org.convscope.ui.ide.kerasArchive", project.getFile("mnist_convnet.keras"));
        assertType("org.convscope.ui.ide.tfjsModel", project.getFile("tfjs/model.json"));
        for (String name : List.of("mnist_convnet.h5", "mnist_convnet.keras", "tfjs/model.json")) {
            IFile file = project.getFile(name);
            assertEquals(ModelEditor.ID, IDE.getDefaultEditor(file).getId(), name);
            // Open With lists the editors bound to the file's content type
            IEditorDescriptor[] openWith = PlatformUI.getWorkbench().getEditorRegistry().getEditors(name,
                    file.getContentDescription().getContentType());
            assertTrue(Arrays.stream(openWith).anyMatch(d -> d.getId().equals(ModelEditor.ID)), name);
        }
        // a plain HDF5 file and other JSON keep whatever the IDE does without Convscope
        for (String name : List.of("plain.h5", "mnist_convnet.json")) {
            IFile file = project.getFile(name);
            var description = file.getContentDescription();
            assertTrue(description == null || !description.getContentType().getId().startsWith("org.convscope."),
                    name);
            IEditorDescriptor editor = IDE.getDefaultEditor(file);
            assertTrue(editor == null || !ModelEditor.ID.equals(editor.getId()), name);
        }
    }

    @Test
    void doubleClickInTheProjectExplorerOpensTheGraph() throws CoreException {
        for (String name : List.of("mnist_convnet.h5", "mnist_convnet.keras", "tfjs/model.json")) {
            IFile file = project.getFile(name);
            TreeItem item = revealInProjectExplorer(file);
            Tree tree = item.getParent();
            Event doubleClick = new Event();
            doubleClick.item = item;
            tree.notifyListeners(SWT.DefaultSelection, doubleClick);
            waitUntil(() -> page().getActiveEditor() instanceof ModelEditor e
                    && e.getEditorInput().equals(new FileEditorInput(file)), "the model editor on " + name);
            ModelEditor editor = (ModelEditor) page().getActiveEditor();
            waitUntil(() -> editor.canvas().graph() != null, "the graph of " + name);
            assertEquals(file.getLocation().toPath(), editor.input().file());
            assertTrue(editor.canvas().graph().model().nodes().size() > 3, name);
        }
    }

    @Test
    void contextMenuOffersComputeAndExplainOnModelFilesOnly() throws CoreException {
        assertEquals(List.of("Compute &Activations\u2026", "E&xplain\u2026"),
                convscopeItems(project.getFile("mnist_convnet.keras")));
        assertEquals(List.of(), convscopeItems(project.getFile("plain.h5")));
        assertEquals(List.of(), convscopeItems(project.getFile("mnist_convnet.json")));
    }

    @Test
    void computeActivationsOpensTheModelAndRunsIt() throws Exception {
        IFile file = project.getFile("mnist_convnet.h5");
        revealInProjectExplorer(file);
        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.convscope.ui.ide.commands.computeActivations", null);
        waitUntil(() -> page().getActiveEditor() instanceof ModelEditor, "the model editor");
        ActivationView view = (ActivationView) page().findView(ViewIds.ACTIVATIONS);
        assertNotNull(view);
        waitUntil(() -> view.run().isPresent(), "the activation run");
        assertEquals(file.getLocation().toPath(), ((ModelEditor) page().getActiveEditor()).input().file());
        assertTrue(view.run().get().rows().size() >= 8, "a row per layer of the sample");
    }

    @Test
    void explainOpensTheModelAndTheExplainView() throws Exception {
        revealInProjectExplorer(project.getFile("mnist_convnet.keras"));
        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.convscope.ui.ide.commands.explain", null);
        waitUntil(() -> page().findView(ViewIds.EXPLAIN) != null, "the Explain view");
        assertInstanceOf(ModelEditor.class, page().getActiveEditor());
    }

    @Test
    void perspectiveShowsProjectExplorerAndActivations() {
        assertEquals(ConvscopeIdePerspective.ID, page().getPerspective().getId());
        assertNotNull(page().findView(IPageLayout.ID_PROJECT_EXPLORER));
        assertNotNull(page().findView(ViewIds.ACTIVATIONS));
    }

    @Test
    void showViewListsTheViewsUnderConvscope() {
        IViewCategory convscope = Arrays.stream(PlatformUI.getWorkbench().getViewRegistry().getCategories())
                .filter(c -> c.getLabel().equals("Convscope")).findFirst().orElseThrow();
        List<String> ids = Arrays.stream(convscope.getViews()).map(IViewDescriptor::getId).sorted().toList();
        assertEquals(List.of(ViewIds.ACTIVATIONS, ViewIds.EXPLAIN, ViewIds.FILTERS, ViewIds.GRADCAM), ids);
    }

    @Test
    void helpContentsHoldTheUserGuide() {
        IToc guide = Arrays.stream(HelpSystem.getTocs()).filter(t -> t.getLabel().equals("Convscope User Guide"))
                .findFirst().orElseThrow();
        List<String> topics = Arrays.stream(guide.getTopics()).map(ITopic::getLabel).toList();
        assertEquals(List.of("Opening a model", "The views", "The command line", "Keys"), topics);
        for (ITopic topic : guide.getTopics()) {
            // hrefs are relative to the bundle, not to the toc file: each page is in the bundle
            // (org.convscope.ui, which the standalone product's Help Contents reads too)
            String path = topic.getHref().substring("/org.convscope.ui/".length());
            assertNotNull(Platform.getBundle("org.convscope.ui").getEntry(path), topic.getHref());
        }
    }

    private static List<String> convscopeItems(IFile file) {
        Tree tree = revealInProjectExplorer(file).getParent();
        Menu menu = tree.getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        try {
            return Arrays.stream(menu.getItems()).map(MenuItem::getText)
                    .filter(t -> t.startsWith("Compute &Activations") || t.startsWith("E&xplain")).toList();
        } finally {
            menu.notifyListeners(SWT.Hide, new Event());
        }
    }

    private static TreeItem revealInProjectExplorer(IFile file) {
        CommonNavigator explorer;
        try {
            explorer = (CommonNavigator) page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        } catch (CoreException e) {
            throw new AssertionError(e);
        }
        page().activate(explorer);
        explorer.selectReveal(new StructuredSelection(file));
        flush();
        TreeItem[] selected = explorer.getCommonViewer().getTree().getSelection();
        assertEquals(1, selected.length, "selected in the Project Explorer: " + file);
        assertEquals(file, selected[0].getData());
        return selected[0];
    }

    private static void assertType(String type, IFile file) throws CoreException {
        assertNotNull(file.getContentDescription(), file.toString());
        assertEquals(type, file.getContentDescription().getContentType().getId(), file.toString());
        assertNotEquals(null, IDE.getDefaultEditor(file));
    }

    private static void copy(Path from, IFile to) throws CoreException, IOException {
        try (InputStream in = Files.newInputStream(from)) {
            to.create(in, true, null);
        }
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static void flush() {
        Display d = Display.getCurrent();
        while (d.readAndDispatch()) {
            // dispatch what is queued
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        Display d = Display.getCurrent();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            if (!d.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }
}
