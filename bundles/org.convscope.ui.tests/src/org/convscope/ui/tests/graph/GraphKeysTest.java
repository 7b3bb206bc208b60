package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.convscope.core.model.Layer;
import org.convscope.ui.graph.ExportGraph;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.GraphCommands;
import org.convscope.ui.graph.GraphLayoutJob;
import org.convscope.ui.graph.GraphModel.GraphNode;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.NodeLabels;
import org.convscope.ui.help.KeysDialog;
import org.convscope.ui.help.KeysTable;
import org.convscope.ui.help.ShowKeysHandler;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.editor.ModelEditor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.bindings.Binding;
import org.eclipse.jface.bindings.keys.KeySequence;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netron's keys on the model graph: each command run through the handler service as its key
 * runs it, its effect on the graph, the keys bound in the graph's context, and Help &gt; Keys.
 */
@ExtendWith(InWorkbench.class)
class GraphKeysTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private ModelEditor view;
    private IHandlerService handlers;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1400, 900);
        handlers = window.getService(IHandlerService.class);
        open(TestModels.sample());
        page.activate(view);
    }

    @AfterEach
    void tearDown() {
        view.setLabels(NodeLabels.DEFAULT);
        view.setLeftRight(false);
        waitForLayout();
    }

    private void open(Path file) {
        view = ModelEditors.open(window, file);
    }

    private void run(String command) throws Exception {
        page.activate(view);
        handlers.executeCommand(command, null);
    }

    private void waitForLayout() {
        InWorkbench.waitUntil(() -> Job.getJobManager().find(GraphLayoutJob.FAMILY).length == 0,
                TIMEOUT, "the layout");
        InWorkbench.flush();
    }

    private Layer firstConv() {
        return view.model().graph().layers().stream().filter(l -> l.kerasClass().equals("Conv2D")).findFirst()
                .orElseThrow();
    }

    private GraphNode box(Layer layer) {
        return view.canvas().graph().model().node(layer.id());
    }

    @Test
    void shiftUpAndDownZoomOneStepAndShiftBackspaceIsActualSize() throws Exception {
        GraphCanvas canvas = view.canvas();
        canvas.setZoom(1);
        run(GraphCommands.ZOOM_IN);
        assertEquals(GraphCanvas.STEP, canvas.zoom(), 1e-9, "Shift+Up: one step in");
        run(GraphCommands.ZOOM_OUT);
        run(GraphCommands.ZOOM_OUT);
        assertEquals(1 / GraphCanvas.STEP, canvas.zoom(), 1e-9, "Shift+Down: one step out");
        canvas.setZoom(0.3);
        run(GraphCommands.ACTUAL_SIZE);
        assertEquals(1, canvas.zoom(), 1e-9, "Shift+Backspace: 100 %");
    }

    @Test
    void ctrlKFlipsTheDirection() throws Exception {
        assertFalse(view.canvas().graph().leftRight());
        run(GraphCommands.DIRECTION);
        InWorkbench.waitUntil(() -> view.canvas().graph().leftRight(), TIMEOUT, "the left-right layout");
        assertTrue(view.leftRight());
        run(GraphCommands.DIRECTION);
        InWorkbench.waitUntil(() -> !view.canvas().graph().leftRight(), TIMEOUT, "the top-down layout");
    }

    @Test
    void ctrlDTogglesTheAttributesAndCtrlUTheNames() throws Exception {
        Layer conv = firstConv();
        assertEquals("Conv2D", box(conv).title());
        assertTrue(box(conv).attributes().contains("filters 32"), "attributes shown: " + box(conv).attributes());
        assertTrue(box(conv).attributes().contains("kernel 3×3"), "attributes shown: " + box(conv).attributes());
        double tall = view.canvas().graph().boxesById().get(conv.id()).h();

        run(GraphCommands.ATTRIBUTES);
        InWorkbench.waitUntil(() -> box(conv).attributes().isEmpty(), TIMEOUT, "the attributes hidden");
        assertTrue(view.canvas().graph().boxesById().get(conv.id()).h() < tall, "the box shrinks to its header");
        run(GraphCommands.ATTRIBUTES);
        InWorkbench.waitUntil(() -> box(conv).attributes().contains("filters 32"), TIMEOUT, "the attributes back");

        run(GraphCommands.NAMES);
        InWorkbench.waitUntil(() -> box(conv).title().equals(conv.name()), TIMEOUT, "the layer name as the title");
        assertFalse(conv.name().equals(conv.kerasClass()));
        view.canvas().setZoom(1);
        view.canvas().reveal(conv.id());
        printCanvas("graph-names-attributes");
        run(GraphCommands.NAMES);
        InWorkbench.waitUntil(() -> box(conv).title().equals("Conv2D"), TIMEOUT, "the class as the title again");
    }

    @Test
    void ctrlEnterActivatesTheProperties() throws Exception {
        page.hideView(page.findView(IPageLayout.ID_PROP_SHEET));
        run(GraphCommands.PROPERTIES);
        assertEquals(IPageLayout.ID_PROP_SHEET, page.getActivePart().getSite().getId());
        page.activate(view);
    }

    @Test
    void ctrlShiftEExportsPngOrSvgByTheExtension(@TempDir Path dir) throws Exception {
        LaidOutGraph laid = view.canvas().graph();
        Path png = dir.resolve("graph.png");
        BiFunction<Shell, String, String> before = ExportGraph.setChooser((shell, only) -> png.toString());
        try {
            run(GraphCommands.EXPORT);
            ImageData data = new ImageLoader().load(png.toString())[0];
            assertEquals((int) Math.ceil(laid.width() * 2), data.width, "a 2× PNG");
            Path svg = dir.resolve("graph.svg");
            ExportGraph.setChooser((shell, only) -> svg.toString());
            run(GraphCommands.EXPORT);
            String text = Files.readString(svg);
            assertTrue(text.startsWith("<?xml") && text.contains("<svg") && text.contains("Conv2D"), "an SVG");
            Path bare = dir.resolve("bare");
            ExportGraph.setChooser((shell, only) -> bare.toString());
            run(GraphCommands.EXPORT);
            assertTrue(Files.size(dir.resolve("bare.png")) > 0, "no extension: PNG");
        } finally {
            ExportGraph.setChooser(before);
        }
    }

    /** The keys themselves: bound in the graph's context, which is live while the canvas has the focus. */
    @Test
    void theKeysAreBoundWhileTheGraphHasTheFocus() throws Exception {
        page.activate(view);
        view.canvas().control().setFocus();
        IContextService contexts = window.getService(IContextService.class);
        InWorkbench.waitUntil(() -> contexts.getActiveContextIds().contains(GraphCommands.CONTEXT), TIMEOUT,
                "the graph's key context");
        IBindingService bindings = window.getService(IBindingService.class);
        String[][] expected = { { "M1+M2+E", GraphCommands.EXPORT }, { "M2+ARROW_UP", GraphCommands.ZOOM_IN },
                { "M2+ARROW_DOWN", GraphCommands.ZOOM_OUT }, { "M2+BS", GraphCommands.ACTUAL_SIZE },
                { "M1+K", GraphCommands.DIRECTION }, { "M1+D", GraphCommands.ATTRIBUTES },
                { "M1+U", GraphCommands.NAMES }, { "M1+CR", GraphCommands.PROPERTIES },
                { "M1+F", GraphCommands.FIND } };
        for (String[] e : expected) {
            Binding b = bindings.getPerfectMatch(KeySequence.getInstance(e[0].replace("M1", "CTRL").replace("M2",
                    "SHIFT")));
            assertNotNull(b, e[0] + " is bound");
            assertEquals(e[1], b.getParameterizedCommand().getId(), e[0]);
        }

        // and a real key press on the canvas: Shift+Up
        view.canvas().setZoom(1);
        pressKey(SWT.SHIFT, SWT.ARROW_UP);
        InWorkbench.waitUntil(() -> Math.abs(view.canvas().zoom() - GraphCanvas.STEP) < 1e-9, TIMEOUT,
                "Shift+Up to zoom in");
    }

    /** Saves what the canvas paints (Screenshots.printed: the paint code, not the screen). */
    private void printCanvas(String name) throws Exception {
        Screenshots.printed(view.canvas().control(), name);
    }

    /**
     * Sends a key press to the canvas as SWT delivers one: through the display's filters, where the
     * workbench's key binding dispatcher turns it into a command. (Display.post does not reach a
     * window under Xvfb without a window manager to give it the keyboard.)
     */
    private void pressKey(int modifiers, int key) {
        Event e = new Event();
        e.type = SWT.KeyDown;
        e.keyCode = key;
        e.stateMask = modifiers;
        e.widget = view.canvas().control();
        e.display = view.canvas().control().getDisplay();
        view.canvas().control().notifyListeners(SWT.KeyDown, e);
    }

    @Test
    void helpKeysListsEveryBinding() throws Exception {
        handlers.executeCommand("org.convscope.ui.commands.showKeys", null);
        KeysDialog dialog = ShowKeysHandler.last();
        assertNotNull(dialog);
        try {
            InWorkbench.flush();
            List<KeysTable.Row> rows = KeysTable.rows(window.getService(IBindingService.class),
                    window.getService(ICommandService.class));
            Set<String> listed = rows.stream().map(KeysTable.Row::commandId).collect(Collectors.toSet());
            for (String id : GraphCommands.ALL) {
                assertTrue(listed.contains(id), id + " listed in " + rows);
            }
            assertTrue(listed.contains("org.convscope.ui.commands.openModel"), "Open Model (Ctrl+O) listed");
            TableItem[] items = dialog.table().getItems();
            assertEquals(rows.size(), items.length);
            List<String> keys = List.of(items).stream().map(i -> i.getText(1)).toList();
            assertTrue(keys.contains("F") && keys.contains("Home"), "the canvas's own keys: " + keys);
            assertTrue(rows.stream().anyMatch(r -> r.commandId() == null && r.keys().equals("1")),
                    "the pictures' keys");
            Screenshots.save(dialog.getShell(), "help-keys");
        } finally {
            dialog.close();
        }
    }
}
