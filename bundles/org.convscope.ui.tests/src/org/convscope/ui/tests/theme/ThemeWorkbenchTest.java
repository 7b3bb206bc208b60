package org.convscope.ui.tests.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.GraphLayout;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.graph.TextMeasure;
import org.convscope.ui.prefs.ConvscopePreferencePage;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.graph.TestModels;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.css.swt.theme.ITheme;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The graph's background follows the theme in the running product: chosen on the preference page's
 * terms (the product starts without the styling engine, so the window's frame waits for a restart
 * and says so, while the graph changes at once), and announced by the platform's theme engine (as
 * an Eclipse IDE's dark theme does).
 */
@ExtendWith(InWorkbench.class)
class ThemeWorkbenchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Shell shell;
    private GraphCanvas canvas;

    @BeforeEach
    void setUp() throws Exception {
        shell = new Shell(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), SWT.SHELL_TRIM);
        shell.setLayout(new FillLayout());
        shell.setSize(900, 500);
        canvas = new GraphCanvas(shell);
        shell.open();
        ModelGraph g = KerasModels.open(TestModels.sample());
        LaidOutGraph laid = GraphLayout.layout(GraphModel.of(g, Set.of()), new NodeGeometry(TextMeasure.approximate()),
                false, () -> false);
        canvas.setGraph(laid, false);
        // fitted: the whole graph, a column in the middle of a wide window, empty at the left edge
        canvas.fit();
        UiTheme.choose(false);
        waitForBackground(Palette.LIGHT.background(), "the light background");
    }

    @AfterEach
    void tearDown() {
        UiTheme.choose(false);
        shell.dispose();
    }

    @Test
    void theGraphFollowsTheThemeChosenInPreferences() throws Exception {
        assertFalse(UiTheme.palette().dark());
        boolean restart = UiTheme.choose(true);
        assertTrue(restart, "without a running styling engine the window's frame needs a restart, and says so");
        int dark = waitForBackground(Palette.DARK.background(), "the dark background");
        assertTrue(luminance(dark) < 0.05, String.format("dark: %06x", dark));
        assertEquals(UiTheme.DARK_ID, InstanceScope.INSTANCE.getNode("org.eclipse.e4.ui.css.swt.theme").get("themeid",
                null), "the theme the engine restores at the next start");
        assertTrue(InstanceScope.INSTANCE.getNode("org.eclipse.e4.ui.workbench.renderers.swt")
                .getBoolean("themeEnabled", false), "the styling engine starts next time");
        Screenshots.save(shell, "theme-dark-graph");

        UiTheme.choose(false);
        int light = waitForBackground(Palette.LIGHT.background(), "the light background again");
        assertTrue(luminance(light) > 0.9, String.format("light: %06x", light));
        assertFalse(InstanceScope.INSTANCE.getNode("org.eclipse.e4.ui.workbench.renderers.swt")
                .getBoolean("themeEnabled", true), "the light theme starts without the styling engine");
    }

    @Test
    void theGraphFollowsThePlatformsThemeEngine() {
        IEventBroker broker = PlatformUI.getWorkbench().getService(IEventBroker.class);
        broker.post(IThemeEngine.Events.THEME_CHANGED, Map.of(IThemeEngine.Events.THEME,
                theme("org.eclipse.e4.ui.css.theme.e4_dark"), IThemeEngine.Events.DEVICE, shell.getDisplay()));
        waitForBackground(Palette.DARK.background(), "the dark background after the IDE's dark theme");
        broker.post(IThemeEngine.Events.THEME_CHANGED, Map.of(IThemeEngine.Events.THEME,
                theme("org.eclipse.e4.ui.css.theme.e4_default"), IThemeEngine.Events.DEVICE, shell.getDisplay()));
        waitForBackground(Palette.LIGHT.background(), "the light background after the IDE's light theme");
    }

    @Test
    void thePreferencePageOffersTheThemes() {
        ConvscopePreferencePage page = new ConvscopePreferencePage();
        page.init(PlatformUI.getWorkbench());
        Shell dialog = new Shell(shell);
        dialog.setLayout(new FillLayout());
        try {
            page.createControl(dialog);
            assertEquals(2, page.themeChoice().getItemCount(), "light and dark");
            assertEquals(0, page.themeChoice().getSelectionIndex(), "light, as chosen");
        } finally {
            page.dispose();
            dialog.dispose();
        }
    }

    private static ITheme theme(String id) {
        return new ITheme() {

            @Override
            public String getId() {
                return id;
            }

            @Override
            public String getLabel() {
                return id;
            }
        };
    }

    /** Waits until the canvas paints {@code expected} at an empty spot, and returns what it paints. */
    private int waitForBackground(int expected, String what) {
        int[] seen = new int[1];
        try {
            InWorkbench.waitUntil(() -> {
                seen[0] = emptySpot(canvas.control());
                return seen[0] == expected;
            }, TIMEOUT, what);
        } catch (AssertionError e) {
            throw new AssertionError(String.format("%s; the canvas paints %06x", e.getMessage(), seen[0]), e);
        }
        return seen[0];
    }

    /** The pixel the canvas paints at the middle of its left edge, outside the fitted graph. */
    private static int emptySpot(Control c) {
        c.redraw();
        c.update();
        int x = 4;
        int y = c.getSize().y / 2;
        Image image = new Image(c.getDisplay(), 1, 1);
        GC gc = new GC(c);
        try {
            gc.copyArea(image, x, y);
            ImageData data = image.getImageData();
            RGB rgb = data.palette.getRGB(data.getPixel(0, 0));
            return rgb.red << 16 | rgb.green << 8 | rgb.blue;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static double luminance(int rgb) {
        return PaletteContrastTest.luminance(rgb);
    }
}
