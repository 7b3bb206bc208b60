package org.convscope.ide.installcheck;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.convscope.ui.ViewIds;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Platform;
import org.eclipse.help.internal.base.BaseHelpSystem;
import org.eclipse.help.internal.server.WebappManager;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;

/**
 * What a person does first with Convscope in a fresh Eclipse IDE, done in the running IDE when it
 * was started with {@code -Dconvscope.installcheck=DIR} and
 * {@code -Dconvscope.installcheck.project=FOLDER}: imports the project in FOLDER (as File &gt;
 * Import &gt; Existing Projects does, without copying), double-clicks its Keras model in the
 * Project Explorer of the Convscope perspective, waits for the graph, computes the activations in the Activation view, takes a
 * screenshot of the window, fetches the user guide from the help server as Help &gt; Help Contents
 * starts it, and reads the workspace log. It writes what it saw to
 * {@code DIR/result.txt}, ending in {@code RESULT OK} or {@code RESULT FAILED}, and closes the IDE.
 */
public final class InstallCheck implements IStartup {

    /** The system property naming the folder for the result and the screenshot. */
    public static final String OUTPUT = "convscope.installcheck";
    /** The system property naming the project folder to import. */
    public static final String PROJECT = "convscope.installcheck.project";
    /** The model the check opens, in the project's root. */
    public static final String MODEL = "mnist_convnet.h5";

    private static final String PERSPECTIVE = "org.convscope.ui.ide.perspective";
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Override
    public void earlyStartup() {
        String output = System.getProperty(OUTPUT);
        if (output == null) {
            return;
        }
        Path dir = Path.of(output);
        List<String> report = new ArrayList<>();
        boolean ok;
        try {
            Files.createDirectories(dir);
            ok = check(dir, report);
        } catch (IOException | CoreException | RuntimeException | AssertionError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            report.add("failed: " + trace);
            ok = false;
        }
        report.add(ok ? "RESULT OK" : "RESULT FAILED");
        try {
            Files.write(dir.resolve("result.txt"), report);
        } catch (IOException e) {
            // the build, finding no result, fails and says where to look
            ILog.of(InstallCheck.class).error("cannot write the install check's result into " + dir, e);
        } finally {
            Display.getDefault().asyncExec(() -> PlatformUI.getWorkbench().close());
        }
    }

    private static boolean check(Path dir, List<String> report) throws IOException, CoreException {
        IProject project = importProject(Path.of(System.getProperty(PROJECT)));
        report.add("imported project " + project.getName() + " from " + project.getLocation());
        IFile model = project.getFile(MODEL);
        report.add("content type of " + MODEL + ": " + model.getContentDescription().getContentType().getId());

        ui(() -> {
            // Window > Perspective > Open Perspective > Convscope, as the user guide says
            PlatformUI.getWorkbench().showPerspective(PERSPECTIVE,
                    PlatformUI.getWorkbench().getActiveWorkbenchWindow());
            doubleClick(model);
            return null;
        });
        waitFor("the graph of " + MODEL,
                () -> ui(() -> editor() != null && editor().canvas().graph() != null));
        int nodes = ui(() -> editor().canvas().graph().model().nodes().size());
        report.add("double-click opened " + ui(() -> editor().getTitle()) + " in the model editor: graph of "
                + nodes + " nodes");

        ActivationView view = ui(() -> {
            ActivationView v = (ActivationView) page().showView(ViewIds.ACTIVATIONS);
            v.compute();
            return v;
        });
        waitFor("the activation run", () -> ui(() -> view.run().isPresent()));
        report.add("Compute in the Activation view: " + ui(() -> view.run().get().rows().size()) + " layers, "
                + ui(() -> view.run().get().millis()) + " ms");

        ui(() -> {
            screenshot(dir.resolve("ide.png"));
            return null;
        });
        report.add("screenshot: " + dir.resolve("ide.png"));

        boolean guide = helpServesTheGuide(report);

        List<String> problems = logProblems();
        report.add("workspace log " + Platform.getLogFileLocation() + ": "
                + (problems.isEmpty() ? "no errors" : problems.size() + " errors"));
        report.addAll(problems);
        return nodes > 3 && guide && problems.isEmpty();
    }

    /**
     * Starts the help system's web application as Help &gt; Help Contents does (the IDE then opens
     * a browser on it) and reads the help window, the table of contents and the guide's first page
     * from it.
     */
    private static boolean helpServesTheGuide(List<String> report) throws IOException {
        if (!BaseHelpSystem.ensureWebappRunning()) {
            report.add("Help > Help Contents: the help web application did not start");
            return false;
        }
        String base = "http://" + WebappManager.getHost() + ":" + WebappManager.getPort() + "/help";
        String window = fetch(base + "/index.jsp", "frame", report);
        String toc = fetch(base + "/toc", "label=\"Convscope User Guide\"", report);
        String page = fetch(base + "/topic/org.convscope.ui/help/guide/opening.html", "<title>Opening a model</title>",
                report);
        return window != null && toc != null && page != null;
    }

    /** @return the body of {@code url} when it is served (200) and holds {@code expected}, else null */
    private static String fetch(String url, String expected, List<String> report) throws IOException {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + url, e);
        }
        boolean ok = response.statusCode() == 200 && response.body().contains(expected);
        report.add("help server: GET " + url + " -> " + response.statusCode() + ", " + response.body().length()
                + " chars" + (ok ? ", holds " + expected : ", does not hold " + expected + ":\n" + response.body()));
        return ok ? response.body() : null;
    }

    private static IProject importProject(Path folder) throws CoreException {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IProjectDescription description = workspace
                .loadProjectDescription(IPath.fromPath(folder.resolve(IProjectDescription.DESCRIPTION_FILE_NAME)));
        IProject project = workspace.getRoot().getProject(description.getName());
        project.create(description, null);
        project.open(null);
        return project;
    }

    /** Selects the file in the Project Explorer and double-clicks its tree item. */
    private static void doubleClick(IFile file) throws PartInitException {
        CommonNavigator explorer = (CommonNavigator) page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(file));
        TreeItem[] selected = explorer.getCommonViewer().getTree().getSelection();
        if (selected.length != 1 || !file.equals(selected[0].getData())) {
            throw new AssertionError("the Project Explorer does not show " + file.getFullPath());
        }
        Event event = new Event();
        event.item = selected[0];
        selected[0].getParent().notifyListeners(SWT.DefaultSelection, event);
    }

    private static void screenshot(Path png) {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Display display = shell.getDisplay();
        Rectangle r = shell.getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(png.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** @return the log's entries of severity ERROR and its stack traces, one string each */
    private static List<String> logProblems() throws IOException {
        Path log = Platform.getLogFileLocation().toPath();
        List<String> problems = new ArrayList<>();
        if (!Files.exists(log)) {
            return problems;
        }
        for (String entry : Files.readString(log).split("\n(?=!ENTRY )")) {
            String[] head = entry.split("\\s+", 4);
            if (head.length > 2 && head[0].equals("!ENTRY") && head[2].equals("4") || entry.contains("!STACK")) {
                problems.add(entry.strip());
            }
        }
        return problems;
    }

    private static ModelEditor editor() {
        return page().getActiveEditor() instanceof ModelEditor e ? e : null;
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Runs {@code work} on the UI thread and returns its result, or throws what it threw. */
    private static <T> T ui(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Display.getDefault().syncExec(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    private static void waitFor(String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (!condition.call()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no " + what + " after " + WAIT.toMinutes() + " minutes");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
