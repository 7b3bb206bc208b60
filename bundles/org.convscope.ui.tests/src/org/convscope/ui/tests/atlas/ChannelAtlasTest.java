package org.convscope.ui.tests.atlas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.analysis.PatternCache;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.scan.ChannelSummary;
import org.convscope.scan.Example;
import org.convscope.scan.ScanStore;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.atlas.Atlas;
import org.convscope.ui.atlas.AtlasEditor;
import org.convscope.ui.atlas.AtlasOpener;
import org.convscope.ui.atlas.ExamplesDialog;
import org.convscope.ui.atlas.PatternLookup;
import org.convscope.ui.atlas.TileRenderer;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.tests.DialogCatcher;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.Screenshots;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sqlite.SQLiteConfig;

/**
 * The Channel Atlas on real scan stores made with the scan API: tiles, sorting, filtering, hover,
 * zoom, the examples dialog with the activation, missing files, bad files, the graph's menu, the
 * cached patterns, and that the store is never written.
 */
@ExtendWith(InWorkbench.class)
class ChannelAtlasTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @AfterEach
    void closeAtlases() {
        IWorkbenchPage page = window().getActivePage();
        IEditorReference[] atlases = Arrays.stream(page.getEditorReferences())
                .filter(r -> r.getId().equals(AtlasEditor.ID)).toArray(IEditorReference[]::new);
        page.closeEditors(atlases, false);
        InWorkbench.flush();
    }

    @Test
    void tilesSortFilterHoverZoomAndTheStoreUnchanged() throws Exception {
        AtlasFixtures.Scan f = AtlasFixtures.full();
        byte[] before = Files.readAllBytes(f.store());
        AtlasEditor editor = open(f.store(), List.of(), null);
        assertEquals("conv2d_1", editor.layer(), "the store's first layer");
        assertEquals(IntStream.range(0, 32).boxed().toList(), editor.shownChannels(), "every channel, by number");
        assertTrue(editor.summaryText().contains("model " + f.model()), editor.summaryText());

        List<Integer> visible = visibleChannels(editor);
        assertFalse(visible.isEmpty());
        InWorkbench.waitUntil(() -> editor.drawnTiles().keySet().containsAll(visible), TIMEOUT, "the visible tiles");
        List<ChannelSummary> conv1;
        List<ChannelSummary> conv2;
        try (ScanStore s = ScanStore.read(f.store())) {
            conv1 = s.channels("conv2d_1");
            conv2 = s.channels("conv2d_2");
        }
        // the first cell of channel 0's tile is its best example's crop, from the image file itself
        ChannelSummary c0 = conv1.stream().filter(c -> c.channel() == 0).findFirst().orElseThrow();
        Example best = c0.top().get(0);
        TileRenderer.Tile tile = editor.drawnTiles().get(0);
        assertTrue(tile.missing().isEmpty() && tile.failed().isEmpty(), tile.toString());
        RgbImage digit = ImageInputs.decode(f.digits().resolve(best.image())).toRgbImage();
        int[] crop = best.crop();
        assertEquals(digit.pixel(crop[1], crop[0]), tile.image().pixel(0, 0), "top-left of the crop");
        assertEquals(digit.pixel(crop[3] - 1, crop[2] - 1),
                tile.image().pixel(TileRenderer.CELL - 1, TileRenderer.CELL - 1), "bottom-right of the crop");

        // sorting: the report's order, mean and sparsity, on the second layer
        editor.bar().choose("conv2d_2", Atlas.Order.MAX, Atlas.Show.ALL, "");
        assertEquals("conv2d_2", editor.layer());
        assertEquals(conv2.stream().map(ChannelSummary::channel).toList(), editor.shownChannels(),
                "by maximum as scan-report orders");
        editor.bar().choose("conv2d_2", Atlas.Order.MEAN, Atlas.Show.ALL, "");
        assertEquals(sorted(conv2, Comparator.comparingDouble(ChannelSummary::mean).reversed()),
                editor.shownChannels());
        editor.bar().choose("conv2d_2", Atlas.Order.SPARSITY, Atlas.Show.ALL, "");
        assertEquals(sorted(conv2, Comparator.comparingDouble(ChannelSummary::zeros).reversed()),
                editor.shownChannels());

        // filtering: dead, live, a channel list, and a list that is none
        List<Integer> dead = conv2.stream().filter(ChannelSummary::dead).map(ChannelSummary::channel).sorted()
                .toList();
        editor.bar().choose("conv2d_2", Atlas.Order.CHANNEL, Atlas.Show.DEAD, "");
        assertEquals(dead, editor.shownChannels());
        editor.bar().choose("conv2d_2", Atlas.Order.CHANNEL, Atlas.Show.LIVE, "");
        assertEquals(64 - dead.size(), editor.shownChannels().size());
        assertTrue(editor.shownChannels().stream().noneMatch(dead::contains));
        editor.bar().choose("conv2d_2", Atlas.Order.CHANNEL, Atlas.Show.ALL, "0-3, 10");
        assertEquals(List.of(0, 1, 2, 3, 10), editor.shownChannels());
        editor.bar().choose("conv2d_2", Atlas.Order.CHANNEL, Atlas.Show.ALL, "ten");
        assertFalse(editor.bar().problem().isEmpty(), "a channel list that is none is said so");
        assertEquals(List.of(0, 1, 2, 3, 10), editor.shownChannels(), "and the tiles stay");
        editor.bar().choose("conv2d_2", Atlas.Order.CHANNEL, Atlas.Show.ALL, "");
        assertEquals(64, editor.shownChannels().size());
        assertTrue(editor.bar().problem().isEmpty());

        // hover: the channel's numbers, and over a crop that example
        Rectangle r = editor.canvas().tileBounds(5);
        mouse(editor, SWT.MouseMove, r.x + r.width - 2, r.y + r.height + 4);
        assertTrue(editor.hoverText().startsWith("channel 5 \u00b7 mean "), editor.hoverText());
        mouse(editor, SWT.MouseMove, r.x + 2, r.y + 2);
        ChannelSummary c5 = conv2.stream().filter(c -> c.channel() == 5).findFirst().orElseThrow();
        assertTrue(editor.hoverText().contains("example 1: " + c5.top().get(0).image()), editor.hoverText());

        // zoom: the + key and the 1 key, as in the grid editor
        double z = editor.canvas().zoom();
        int width = editor.canvas().tileBounds(0).width;
        key(editor, '+');
        assertEquals(z * 1.25, editor.canvas().zoom(), 1e-9);
        assertTrue(editor.canvas().tileBounds(0).width > width);
        key(editor, '1');
        assertEquals(1, editor.canvas().zoom(), 1e-9);

        closeAtlases();
        assertArrayEquals(before, Files.readAllBytes(f.store()), "the store's bytes are unchanged");
    }

    /**
     * Decoding stopped from the progress view before it started stops as it does while running: no
     * more tiles are asked for until the layer is shown again.
     */
    @Test
    void aDecodeCancelledBeforeItStartsAsksForNoMoreTiles() throws Exception {
        AtlasEditor editor = open(AtlasFixtures.full().store(), List.of(), "conv2d_1");
        IJobManager jobs = Job.getJobManager();
        InWorkbench.waitUntil(() -> jobs.find(AtlasEditor.class).length == 0, TIMEOUT, "the first tiles");
        // no job starts while the job manager is suspended
        jobs.suspend();
        try {
            editor.showLayer("conv2d_2");
            paint(editor);
            Job[] decode = jobs.find(AtlasEditor.class);
            assertEquals(1, decode.length, "the new layer's tiles asked for");
            assertEquals(Job.WAITING, decode[0].getState(), "not started");
            CountDownLatch ended = new CountDownLatch(1);
            // told after the job's own listeners
            decode[0].addJobChangeListener(new JobChangeAdapter() {

                @Override
                public void done(IJobChangeEvent event) {
                    ended.countDown();
                }
            });
            // as the progress view's stop button does
            decode[0].cancel();
            assertTrue(ended.await(30, TimeUnit.SECONDS), "the decode ended");
            paint(editor);
            assertEquals(0, jobs.find(AtlasEditor.class).length, "no more tiles asked for");
        } finally {
            jobs.resume();
        }
        assertTrue(editor.drawnTiles().isEmpty(), "no tile drawn");
        editor.showLayer("conv2d_2");
        List<Integer> visible = visibleChannels(editor);
        assertFalse(visible.isEmpty());
        InWorkbench.waitUntil(() -> editor.drawnTiles().keySet().containsAll(visible), TIMEOUT,
                "the tiles of the layer shown again");
    }

    /** Paints the atlas now, off screen, as an expose does: the tiles it lacks are asked for. */
    private static void paint(AtlasEditor editor) {
        Image off = new Image(editor.canvas().control().getDisplay(), 64, 64);
        GC gc = new GC(off);
        try {
            Event e = new Event();
            e.gc = gc;
            editor.canvas().control().notifyListeners(SWT.Paint, e);
        } finally {
            gc.dispose();
            off.dispose();
        }
    }

    @Test
    void clickShowsTheExamplesLargeWithTheActivation() throws Exception {
        AtlasFixtures.Scan f = AtlasFixtures.full();
        AtlasEditor editor = open(f.store(), List.of(), "conv2d_2");
        assertEquals("conv2d_2", editor.layer());
        Rectangle r = editor.canvas().tileBounds(0);
        mouse(editor, SWT.MouseDown, r.x + r.width / 2, r.y + r.height / 2);
        mouse(editor, SWT.MouseUp, r.x + r.width / 2, r.y + r.height / 2);
        ExamplesDialog d = editor.lastDialog();
        assertNotNull(d, "a click opens the channel's examples");
        try {
            assertEquals("conv2d_2 \u00b7 channel 0: top examples", d.getShell().getText());
            InWorkbench.waitUntil(d::finished, TIMEOUT, "the activation on the examples");
            assertTrue(d.statusText().startsWith("The activation of channel 0 of conv2d_2 over each example"),
                    d.statusText());
            List<Example> top;
            try (ScanStore s = ScanStore.read(f.store())) {
                top = s.channels("conv2d_2").stream().filter(c -> c.channel() == 0).findFirst().orElseThrow().top();
            }
            assertEquals(9, d.captions().size());
            for (int i = 0; i < top.size(); i++) {
                assertTrue(d.captions().get(i).startsWith(top.get(i).image() + "\n"), d.captions().get(i));
            }
            assertEquals(List.of(true, true, true, true, true, true, true, true, true), d.picturesShown());
            Screenshots.printed(d.getShell(), "atlas-examples");
        } finally {
            d.close();
        }
    }

    @Test
    void missingModelAndImageShowPlaceholdersNotErrors() throws Exception {
        AtlasFixtures.Scan f = AtlasFixtures.away();
        Example gone;
        try (ScanStore s = ScanStore.read(f.store())) {
            gone = s.channels("conv2d_1").stream().filter(c -> c.channel() == 0).findFirst().orElseThrow().top()
                    .get(0);
        }
        Files.deleteIfExists(f.digits().resolve(gone.image()));
        AtlasEditor editor;
        try (DialogCatcher dialogs = new DialogCatcher(window().getShell())) {
            editor = open(f.store(), List.of(), "conv2d_1");
            InWorkbench.waitUntil(() -> editor.drawnTiles().containsKey(0), TIMEOUT, "channel 0's tile");
            InWorkbench.flush();
            assertEquals(List.of(), dialogs.seen(), "a missing image is no error dialog");
        }
        assertTrue(editor.summaryText().contains("model file mnist_convnet.keras not found"), editor.summaryText());
        TileRenderer.Tile tile = editor.drawnTiles().get(0);
        assertTrue(tile.missing().contains(gone.image()), tile.missing().toString());
        assertTrue(tile.failed().isEmpty());

        ExamplesDialog d = editor.openChannel(editor.shownChannels().indexOf(0));
        try {
            InWorkbench.waitUntil(d::finished, TIMEOUT, "the examples");
            assertTrue(d.statusText().contains("model file mnist_convnet.keras not found")
                    && d.statusText().contains("without the activation"), d.statusText());
            assertFalse(d.picturesShown().get(0), "the missing image has no picture");
            assertEquals("missing image\n" + gone.image(), d.placeholders().get(0));
            assertTrue(d.picturesShown().get(1), "the others show");
        } finally {
            d.close();
        }
    }

    @Test
    void aFileThatIsNoStoreIsSaidSoNamingIt() throws Exception {
        List<String> reported = new ArrayList<>();
        AtlasOpener.Reporter previous = AtlasOpener.setReporter((shell, file, message) -> reported.add(message));
        try {
            Path folder = Files.createTempDirectory("atlas-bad");
            Path garbage = Files.writeString(folder.resolve("notes.db"), "these are not the tables you want\n");
            finish(AtlasOpener.open(window(), garbage, List.of(), null));
            assertEquals(1, reported.size(), reported.toString());
            assertTrue(reported.get(0).startsWith(garbage + ": not a"), reported.get(0));

            // another program's SQLite file, dropped on the window as a model would be
            Path other = folder.resolve("other.sqlite");
            try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + other);
                    Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE recipes (name TEXT)");
            }
            finish(ModelOpener.open(window(), other));
            assertEquals(2, reported.size(), reported.toString());
            assertTrue(reported.get(1).startsWith(other + ": not a Convscope scan store"), reported.get(1));

            Path none = folder.resolve("gone.db");
            finish(AtlasOpener.open(window(), none, List.of(), null));
            assertEquals(none + ": no such scan store", reported.get(2));
            assertEquals(0, Arrays.stream(window().getActivePage().getEditorReferences())
                    .filter(r -> r.getId().equals(AtlasEditor.ID)).count(), "no editor for a bad file");
        } finally {
            AtlasOpener.setReporter(previous);
        }
    }

    @Test
    void theGraphMenuOpensTheNewestStoreOfTheModelOnTheLayer() throws Exception {
        AtlasFixtures.Scan f = AtlasFixtures.full();
        // an older store of the same model beside it is passed over for the newer
        Path older = f.folder().resolve("older.db");
        Files.copy(f.store(), older);
        Files.setLastModifiedTime(older, FileTime.fromMillis(Files.getLastModifiedTime(f.store()).toMillis() - 60_000));
        ModelEditor graph = ModelEditors.open(window(), f.model());
        Layer conv = graph.model().graph().allLayers().stream().filter(l -> l.id().equals("conv2d_2")).findFirst()
                .orElseThrow();
        graph.getSite().getSelectionProvider().setSelection(new StructuredSelection(conv));
        Menu menu = graph.canvas().control().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        MenuItem item = Arrays.stream(menu.getItems()).filter(i -> i.getText().equals("Show Channel Atlas\u2026"))
                .findFirst().orElseThrow(() -> new AssertionError("no Show Channel Atlas\u2026 in the menu"));
        item.notifyListeners(SWT.Selection, new Event());
        menu.notifyListeners(SWT.Hide, new Event());
        AtlasEditor editor = waitForAtlas();
        assertEquals(f.store().toAbsolutePath().normalize(), editor.atlas().atlas().file());
        assertEquals("conv2d_2", editor.layer(), "on the layer of the menu");
        assertTrue(editor.summaryText().contains("model " + f.model()), editor.summaryText());
        Files.delete(older);
    }

    @Test
    void aCachedPatternShowsBesideTheExamples() throws Exception {
        AtlasFixtures.Scan f = AtlasFixtures.full();
        Path root = Files.createTempDirectory("atlas-patterns");
        Path previous = PatternLookup.setRoot(root);
        try (ModelGraph graph = KerasModels.open(f.model())) {
            int red = 0xFFFF0000;
            int[] px = new int[16 * 16];
            Arrays.fill(px, red);
            FilterPattern p = new FilterPattern("conv2d_1", 3, new RgbImage(16, 16, px),
                    new Tensor(new float[16 * 16], new int[] { 1, 16, 16, 1 }), new float[] { 1 }, false);
            PatternCache.of(root, f.model(), ModelInputs.preprocessing(f.model(), graph.name(), null).preprocessing())
                    .put("conv2d_1", 3, 0,
                            FilterAnalysis.options(graph,
                                    new FilterAnalysis.Request(null, null, "lucid", null, null, null, null, null,
                                            null)),
                            "", p);
            AtlasEditor editor = open(f.store(), List.of(), "conv2d_1");
            InWorkbench.waitUntil(() -> editor.drawnTiles().containsKey(3) && editor.drawnTiles().containsKey(4),
                    TIMEOUT, "tiles 3 and 4");
            RgbImage with = editor.drawnTiles().get(3).image();
            RgbImage without = editor.drawnTiles().get(4).image();
            assertEquals(red, with.pixel(with.width() - 1, with.height() / 2), "channel 3's pattern at the right");
            assertTrue(without.pixel(without.width() - 1, without.height() / 2) != red, "channel 4 has none");
        } finally {
            PatternLookup.setRoot(previous);
        }
    }

    /**
     * The README's picture: the second conv layer of the sample over the 200 digits, with the
     * patterns of its first 24 channels drawn by the engine (the notebook preset, as the Filters
     * view draws and caches them) beside their examples.
     */
    @Test
    void screenshotOfTheSecondConvLayer() throws Exception {
        AtlasFixtures.Scan f = AtlasFixtures.full();
        Path root = Files.createTempDirectory("atlas-patterns");
        Path previous = PatternLookup.setRoot(root);
        try {
            try (ModelGraph graph = KerasModels.open(f.model()); Network network = Engine.open(graph)) {
                FilterAnalysis.Plan plan = FilterAnalysis.plan(graph, f.model(), LayerNames.of(graph),
                        new FilterAnalysis.Request("conv2d_2", null, "notebook", null, null, null, null, null, null));
                FilterPatterns patterns = FilterAnalysis.patterns(network, plan);
                patterns.setStore(PatternCache.of(root, f.model(), plan.preprocessing()));
                patterns.compute(plan.node(), IntStream.range(0, 24).toArray(), plan.options(), ProgressMonitor.NULL,
                        null);
            }
            AtlasEditor editor = open(f.store(), List.of(), "conv2d_2");
            IWorkbenchPage page = window().getActivePage();
            page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_MAXIMIZED);
            try {
                editor.bar().choose("conv2d_2", Atlas.Order.CHANNEL, Atlas.Show.ALL, "0-23");
                List<Integer> visible = visibleChannels(editor);
                assertEquals(IntStream.range(0, 24).boxed().toList(), visible, "the channels with patterns");
                InWorkbench.waitUntil(() -> editor.drawnTiles().keySet().containsAll(visible), TIMEOUT,
                        "the visible tiles");
                InWorkbench.flush();
                RgbImage first = editor.drawnTiles().get(0).image();
                assertTrue(first.width() > 2 * first.height(), "room for the pattern beside the examples");
                Path png = Screenshots.printed(editor.canvas().control().getParent(), "atlas-editor");
                assertTrue(Files.size(png) > 10_000, "a picture with tiles: " + Files.size(png));
            } finally {
                page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_RESTORED);
            }
        } finally {
            PatternLookup.setRoot(previous);
        }
    }

    private static IWorkbenchWindow window() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow();
    }

    private static AtlasEditor open(Path store, List<Path> hints, String layer) {
        finish(AtlasOpener.open(window(), store, hints, layer));
        return waitForAtlas();
    }

    private static AtlasEditor waitForAtlas() {
        AtlasEditor[] found = new AtlasEditor[1];
        InWorkbench.waitUntil(() -> {
            InWorkbench.flush();
            if (Job.getJobManager().find(AtlasOpener.FAMILY).length > 0) {
                return false;
            }
            found[0] = window().getActivePage().getActiveEditor() instanceof AtlasEditor a ? a : null;
            return found[0] != null;
        }, TIMEOUT, "the atlas editor");
        InWorkbench.flush();
        return found[0];
    }

    private static void finish(Job job) {
        InWorkbench.waitUntil(() -> job.getResult() != null, TIMEOUT, job.getName());
        InWorkbench.flush();
    }

    private static List<Integer> visibleChannels(AtlasEditor editor) {
        InWorkbench.flush();
        return editor.canvas().visible().stream().map(i -> editor.shownChannels().get(i)).toList();
    }

    private static List<Integer> sorted(List<ChannelSummary> channels, Comparator<ChannelSummary> by) {
        return channels.stream().sorted(by.thenComparingInt(ChannelSummary::channel)).map(ChannelSummary::channel)
                .toList();
    }

    private static void mouse(AtlasEditor editor, int type, int x, int y) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = type == SWT.MouseMove ? 0 : 1;
        editor.canvas().control().notifyListeners(type, e);
        InWorkbench.flush();
    }

    private static void key(AtlasEditor editor, char c) {
        Event e = new Event();
        e.character = c;
        editor.canvas().control().notifyListeners(SWT.KeyDown, e);
    }
}
