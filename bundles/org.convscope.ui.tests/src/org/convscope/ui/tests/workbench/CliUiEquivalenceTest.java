package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.convscope.cli.ActivationsCommand;
import org.convscope.cli.Command;
import org.convscope.cli.CompareCommand;
import org.convscope.cli.FiltersCommand;
import org.convscope.cli.GradcamCommand;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.ChannelDifference;
import org.convscope.engine.analysis.PreprocessingChoice;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.GradCamResult;
import org.convscope.engine.visualize.PatternGrid;
import org.convscope.ui.OpenModel;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.compare.CompareModel;
import org.convscope.ui.filters.FiltersProvider;
import org.convscope.ui.gradcam.GradCamProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the workbench are two faces of one analysis layer: for each analysis, the
 * CLI command (run as a person types it, writing .npy and .png files) and the provider the view
 * uses (called without a display, as the view calls it, with the choices the view pre-selects) give
 * identical results on the bundled MNIST sample — the same floats, layer, class and ranking — with
 * the real engine.
 */
class CliUiEquivalenceTest {

    /** A command's output and exit code. */
    private record Ran(int code, String out, String err) {
    }

    private static Ran cli(Command command, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Ran ran = new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(Command.OK, code, ran.toString());
        return ran;
    }

    /** Runs {@code test} with the provider side's view of {@code modelFile}: the open model. */
    private interface WithModel {

        void run(OpenModel model) throws Exception;
    }

    private static void withModel(Path modelFile, WithModel test) throws Exception {
        try (ModelGraph graph = KerasModels.open(modelFile)) {
            test.run(new OpenModel(modelFile, graph));
        }
    }

    /** @return the preprocessing the Activation view pre-selects (no preference set) */
    private static Preprocessing suggested(ActivationProvider p) {
        return p.suggestedPreprocessing(Optional.empty()).preprocessing();
    }

    @Test
    void activationsAreIdentical(@TempDir Path dir) throws Exception {
        Path model = Samples.model();
        Path digit = Samples.three(0);
        cli(new ActivationsCommand(), model.toString(), digit.toString(), "--npy", "--out",
                dir.resolve("cli").toString());
        withModel(model, m -> {
            try (ActivationProvider provider = ActivationProvider.of(m)) {
                ActivationRun run = provider.compute(new InputKey(digit, suggested(provider)), ProgressMonitor.NULL);
                int compared = 0;
                for (var row : run.rows()) {
                    Path npy = dir.resolve("cli").resolve(row.layerId().replaceAll("[^A-Za-z0-9._-]", "_") + ".npy");
                    if (provider.layer(row.layerId()).orElseThrow().category() == LayerCategory.INPUT) {
                        // the view lists the input; the command writes what layers compute
                        assertFalse(Files.exists(npy), row.layerId());
                        continue;
                    }
                    assertTrue(row.ok(), row.layerId());
                    Tensor cli = Npy.read(npy);
                    Tensor ui = run.output(row.layerId()).orElseThrow();
                    assertArrayEquals(cli.shape(), ui.shape(), row.layerId());
                    assertArrayEquals(cli.data(), ui.data(), 0f, row.layerId());
                    compared++;
                }
                assertEquals(9, compared, "every layer of the sample but its input");
                assertEquals(run.rows().size() - 1, compared);
            }
        });
    }

    @Test
    void gradCamIsIdentical(@TempDir Path dir) throws Exception {
        sameGradCam(dir, "gradcam", CamMethod.GRADCAM);
    }

    @Test
    void gradCamPlusPlusIsIdentical(@TempDir Path dir) throws Exception {
        sameGradCam(dir, "gradcam++", CamMethod.GRADCAM_PLUS_PLUS);
    }

    private static final Pattern OVER = Pattern.compile("of class (\\d+)[ ,].* over (\\S+) \\((\\d+)x(\\d+)\\)");

    private static void sameGradCam(Path dir, String method, CamMethod camMethod) throws Exception {
        Path model = Samples.model();
        Path digit = Samples.three(1);
        Path png = dir.resolve("cam.png");
        Path npy = dir.resolve("cam.npy");
        Ran ran = cli(new GradcamCommand(), model.toString(), digit.toString(), "--method", method, "--out",
                png.toString(), "--npy", npy.toString());
        Matcher m = OVER.matcher(ran.out());
        assertTrue(m.find(), ran.out());
        withModel(model, open -> {
            try (GradCamProvider provider = GradCamProvider.of(open);
                    ActivationProvider activations = ActivationProvider.of(open)) {
                // what the Grad-CAM view pre-selects: the last layer of its list, the top class
                List<String> layers = provider.layers();
                var shown = provider.compute(digit, suggested(activations), layers.get(layers.size() - 1),
                        AnalysisOptions.TOP_CLASS, camMethod, ProgressMonitor.NULL);
                GradCamResult r = shown.result();
                assertEquals(camMethod, r.method());
                assertEquals(m.group(2), r.layer(), "the same default layer");
                assertEquals(Integer.parseInt(m.group(1)), r.classIndex(), "the same class");
                Tensor map = Npy.read(npy);
                assertArrayEquals(map.shape(), r.normalizedTensor().shape());
                assertArrayEquals(map.data(), r.normalizedTensor().data(), 0f, "the same map");
                assertSamePicture(png, shown.overlay(AnalysisOptions.DEFAULT_ALPHA));
            }
        });
    }

    @Test
    void filterPatternsAreIdentical(@TempDir Path dir) throws Exception {
        Path model = Samples.model();
        Path png = dir.resolve("filters.png");
        Ran ran = cli(new FiltersCommand(), model.toString(), "--layer", "conv2d_1", "--filters", "0-3,30-40",
                "--preset", "notebook", "--out", png.toString());
        assertTrue(ran.err().contains("conv2d_1 has 32 filters; drawing 6"), ran.err());
        withModel(model, open -> {
            try (FiltersProvider provider = FiltersProvider.of(open)) {
                FiltersProvider.Patterns p = provider.compute("conv2d_1", AnalysisOptions.filters("0-3,30-40"),
                        "notebook", ProgressMonitor.NULL, null);
                assertArrayEquals(new int[] { 0, 1, 2, 3, 30, 31 }, p.filters(), "the same filters kept");
                List<RgbImage> tiles = p.patterns().stream().map(FilterPattern::tile).toList();
                assertSamePicture(png, PatternGrid.of(tiles, PatternGrid.PER_ROW, PatternGrid.MARGIN));
                List<Integer> dead = p.patterns().stream().filter(FilterPattern::dead).map(FilterPattern::filter)
                        .toList();
                assertTrue(ran.out().contains(dead.isEmpty() ? "no dead filters" : dead.toString()), ran.out());
            }
        });
    }

    @Test
    void comparisonIsIdentical(@TempDir Path dir) throws Exception {
        Path model = Samples.model();
        Path three = Samples.three(0);
        Path seven = Samples.file("images/digit_7_0.png");
        Path npy = dir.resolve("diff.npy");
        Ran ran = cli(new CompareCommand(), model.toString(), three.toString(), seven.toString(), "--layer",
                "conv2d_2", "--out", dir.resolve("cmp.png").toString(), "--npy", npy.toString());
        List<String> printed = ran.out().lines().skip(2).filter(l -> l.matches(" *\\d+ .*")).toList();
        withModel(model, open -> {
            try (ActivationProvider provider = ActivationProvider.of(open)) {
                // what the compare editor does: one cached run per input, then the layer of each
                List<Tensor> outputs = new ArrayList<>();
                for (Path p : List.of(three, seven)) {
                    outputs.add(provider.activation(new InputKey(p, suggested(provider)), "conv2d_2",
                            ProgressMonitor.NULL));
                }
                CompareModel shown = new CompareModel(List.of("three", "seven"), outputs, GridOptions.defaults());
                assertArrayEquals(Npy.read(npy).data(), shown.difference().data(), 0f, "the same A - B");
                List<ChannelDifference> ranking = shown.ranking();
                assertEquals(ranking.size(), printed.size(), ran.out());
                for (int i = 0; i < ranking.size(); i++) {
                    ChannelDifference d = ranking.get(i);
                    String[] f = printed.get(i).strip().split(" +");
                    assertEquals(List.of(Integer.toString(i + 1), Integer.toString(d.channel()), number(d.meanA()),
                            number(d.meanB()), number(d.meanAbsDiff()), number(d.score())), List.of(f),
                            "rank " + (i + 1));
                }
            }
        });
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A preprocessing named in the side file beside the model is applied by both faces. */
    @Test
    void theSideFilePreprocessingIsAppliedByBoth(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Samples.model(), dir.resolve("digits.keras"));
        Files.writeString(dir.resolve("digits.json"), "{\"preprocessing\": \"tf\"}");
        Path digit = Samples.three(0);
        Ran ran = cli(new ActivationsCommand(), model.toString(), digit.toString(), "--layers", "conv2d_1", "--npy",
                "--out", dir.resolve("cli").toString());
        assertTrue(ran.out().contains("preprocessing tf"), ran.out());
        Tensor cli = Npy.read(dir.resolve("cli/conv2d_1.npy"));
        withModel(model, m -> {
            try (ActivationProvider provider = ActivationProvider.of(m)) {
                PreprocessingChoice choice = provider.suggestedPreprocessing(Optional.empty());
                assertEquals(new PreprocessingChoice(Preprocessing.TF, PreprocessingChoice.Source.SIDE_FILE), choice);
                Tensor ui = provider.activation(new InputKey(digit, choice.preprocessing()), "conv2d_1",
                        ProgressMonitor.NULL);
                assertArrayEquals(cli.data(), ui.data(), 0f);
                Tensor rescaled = provider.activation(new InputKey(digit, Preprocessing.RESCALE), "conv2d_1",
                        ProgressMonitor.NULL);
                assertFalse(Arrays.equals(cli.data(), rescaled.data()), "the side file made a difference");
            }
        });
    }

    private static void assertSamePicture(Path png, RgbImage expected) throws IOException {
        BufferedImage written = ImageIO.read(png.toFile());
        assertEquals(expected.width(), written.getWidth());
        assertEquals(expected.height(), written.getHeight());
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                assertEquals(expected.pixel(x, y) | 0xFF000000, written.getRGB(x, y) | 0xFF000000,
                        "pixel " + x + ", " + y + " of " + png.getFileName());
            }
        }
    }
}
