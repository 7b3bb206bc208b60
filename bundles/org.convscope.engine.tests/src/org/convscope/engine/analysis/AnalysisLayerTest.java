package org.convscope.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.ColorMode;
import org.convscope.core.image.ImageLoadException;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.GridOptions;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.NoSuchLayerException;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.visualize.CamMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis layer's decisions without the engine: option parsing, the preprocessing rule, what
 * an input file is, which layers each method offers and defaults to, class labels, and the
 * messages that name the file or layer they are about.
 */
class AnalysisLayerTest {

    private static Path nested() {
        return EngineFixtures.dir().resolve("nested_names/model.keras");
    }

    private static Path sample() {
        return EngineFixtures.dir().resolve("../../org.convscope.samples/models/mnist_convnet.keras").normalize();
    }

    private static Path sequence() {
        return EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models/conv1d_sequence.keras")
                .normalize();
    }

    @Test
    void filterRangesAreParsedInOrderEachOnce() {
        assertArrayEquals(new int[] { 0, 1, 2, 3 }, AnalysisOptions.filters("0-3"));
        assertArrayEquals(new int[] { 5 }, AnalysisOptions.filters("5"));
        assertArrayEquals(new int[] { 0, 3, 8, 9, 10, 11 }, AnalysisOptions.filters("0,3,8-11"));
        assertArrayEquals(new int[] { 2, 3, 4, 1 }, AnalysisOptions.filters(" 2 - 4 , 3, 1"));
        assertEquals(64, AnalysisOptions.filters(AnalysisOptions.DEFAULT_FILTERS).length);
        for (String bad : List.of("a", "3-1", "-1", "", "1,,2", "4-")) {
            AnalysisException e = assertThrows(AnalysisException.class, () -> AnalysisOptions.filters(bad), bad);
            assertEquals("--filters takes ranges like 0-63 or 0,5,8-11, not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void classAlphaMethodAndPresetAreParsedOnce() {
        assertEquals(AnalysisOptions.TOP_CLASS, AnalysisOptions.classIndex("top"));
        assertEquals(7, AnalysisOptions.classIndex("7"));
        assertEquals("--class takes 'top' or a class index, not '-2'",
                assertThrows(AnalysisException.class, () -> AnalysisOptions.classIndex("-2")).getMessage());
        assertEquals(0.25, AnalysisOptions.alpha("0.25"));
        assertThrows(AnalysisException.class, () -> AnalysisOptions.alpha("1.5"));
        assertThrows(AnalysisException.class, () -> AnalysisOptions.alpha("x"));
        assertEquals(CamMethod.GRADCAM, AnalysisOptions.method("gradcam"));
        assertEquals(CamMethod.GRADCAM_PLUS_PLUS, AnalysisOptions.method("gradcam++"));
        for (int i = 0; i < AnalysisOptions.METHODS.size(); i++) {
            assertEquals(CamMethod.values()[i], AnalysisOptions.method(AnalysisOptions.METHODS.get(i)),
                    "the views' names read back as their method");
        }
        assertThrows(AnalysisException.class, () -> AnalysisOptions.method("cam"));
        for (String p : AnalysisOptions.PRESETS) {
            assertTrue(AnalysisOptions.preset(p).steps() > 0, p);
        }
        assertThrows(AnalysisException.class, () -> AnalysisOptions.preset("fast"));
    }

    @Test
    void thePreprocessingRuleIsChoiceThenSideFileThenFamilyThenRescale(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.h5");
        assertEquals(new PreprocessingChoice(Preprocessing.RESCALE, PreprocessingChoice.Source.FALLBACK),
                ModelInputs.preprocessing(model, "mine", null));
        assertEquals(new PreprocessingChoice(Preprocessing.CAFFE, PreprocessingChoice.Source.FAMILY),
                ModelInputs.preprocessing(model, "vgg16", null));
        Files.writeString(dir.resolve("m.json"), "{\"preprocessing\": \"tf\"}");
        assertEquals(new PreprocessingChoice(Preprocessing.TF, PreprocessingChoice.Source.SIDE_FILE),
                ModelInputs.preprocessing(model, "vgg16", null));
        assertEquals(new PreprocessingChoice(Preprocessing.TORCH, PreprocessingChoice.Source.CHOSEN),
                ModelInputs.preprocessing(model, "vgg16", Preprocessing.TORCH));
        Files.writeString(dir.resolve("m.json"), "{\"class_name\": \"Sequential\", \"config\": {}}");
        assertEquals(PreprocessingChoice.Source.FAMILY, ModelInputs.preprocessing(model, "vgg16", null).source(),
                "an architecture JSON beside weights is no side file");
        Files.writeString(dir.resolve("m.json"), "{\"preprocessing\": \"sharpen\"}");
        assertEquals(PreprocessingChoice.Source.FALLBACK, ModelInputs.preprocessing(model, "mine", null).source(),
                "a mode the side file names wrongly is no reason to refuse the model");
        Files.writeString(dir.resolve("m.json"), "{not json");
        assertEquals(PreprocessingChoice.Source.FALLBACK, ModelInputs.preprocessing(model, "mine", null).source());
    }

    @Test
    void theSampleSideFileIsReadAndTheSpecFollowsTheModel() throws IOException {
        try (ModelGraph g = KerasModels.open(sample())) {
            assertEquals(PreprocessingChoice.Source.SIDE_FILE,
                    ModelInputs.preprocessing(sample(), g.name(), null).source());
            assertArrayEquals(new int[] { 1, 28, 28, 1 }, ModelInputs.imageShape(g));
            InputSpec spec = ModelInputs.spec(g, sample(), null, null);
            assertEquals(28, spec.height());
            assertEquals(ColorMode.GRAYSCALE, spec.colorMode());
            assertEquals(Preprocessing.RESCALE, spec.preprocessing());
            assertEquals(Preprocessing.TF, ModelInputs.spec(g, sample(), Preprocessing.TF, null).preprocessing());
        }
    }

    @Test
    void aModelThatTakesNoImageIsNamed() throws IOException {
        try (ModelGraph g = KerasModels.open(sequence())) {
            InputException e = assertThrows(InputException.class, () -> ModelInputs.imageShape(g));
            assertTrue(e.getMessage().startsWith("conv1d_sequence: takes ") && e.getMessage().contains("not one image"),
                    e.getMessage());
            assertEquals(e.getMessage(), ModelInputs.notAnImageModel(g).orElseThrow());
            InputException f = assertThrows(InputException.class, () -> ModelInputs.channels(g, sequence()));
            assertTrue(f.getMessage().startsWith("conv1d_sequence.keras: takes "), f.getMessage());
        }
    }

    /** One test of "is this an array": its content, whatever its name says. */
    @Test
    void arraysAreKnownByTheirContentNotTheirName(@TempDir Path dir) throws IOException {
        Path npyNamedPng = dir.resolve("looks_like.png");
        Npy.write(npyNamedPng, new Tensor(new float[12 * 12 * 3], new int[] { 12, 12, 3 }));
        Path pngNamedNpy = dir.resolve("looks_like.NPY");
        Files.write(pngNamedNpy, new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 });
        assertTrue(ModelInputs.isArray(npyNamedPng));
        assertFalse(ModelInputs.isArray(pngNamedNpy));
        assertFalse(ModelInputs.isArray(dir.resolve("missing.npy")), "the loader names a missing file");
        try (ModelGraph g = KerasModels.open(nested())) {
            ModelInputs.Loaded loaded = ModelInputs.load(g, nested(), List.of(npyNamedPng), null, null);
            assertArrayEquals(new int[] { 1, 12, 12, 3 }, loaded.tensor().shape(), "(H, W, C) gets its batch axis");
            assertEquals(null, loaded.spec(), "an array is taken as it is");
        }
    }

    @Test
    void anArrayThatDoesNotFitNamesTheFileAndBothShapes(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("small.npy");
        Npy.write(small, new Tensor(new float[25], new int[] { 5, 5, 1 }));
        Path two = dir.resolve("two.npy");
        Npy.write(two, new Tensor(new float[2 * 12 * 12 * 3], new int[] { 2, 12, 12, 3 }));
        try (ModelGraph g = KerasModels.open(nested())) {
            ImageLoadException e = assertThrows(ImageLoadException.class,
                    () -> ModelInputs.load(g, nested(), List.of(small), null, null));
            assertEquals("small.npy: an array of shape (5, 5, 1) does not fit this model, which takes (12, 12, 3)",
                    e.getMessage());
            InputException i = assertThrows(InputException.class,
                    () -> ModelInputs.loadImage(g, nested(), two, null, null));
            assertEquals(two + ": Grad-CAM takes one image, (H, W, C) or (1, H, W, C), not [2, 12, 12, 3]",
                    i.getMessage());
        }
    }

    @Test
    void eachMethodOffersItsLayersAndOneDefault() throws IOException {
        try (ModelGraph g = KerasModels.open(nested())) {
            AnalysisLayers layers = AnalysisLayers.of(g);
            List<String> cam = layers.gradCamLayers();
            assertTrue(cam.contains("base") && cam.contains("base/stem"), cam.toString());
            assertFalse(cam.contains("heads"), "two outputs: not one map");
            assertEquals("base/out_relu", layers.gradCamLayer(null), "the last conv-like layer");
            assertEquals(cam.get(cam.size() - 1), layers.gradCamLayer(null));
            assertEquals("base/stem", layers.gradCamLayer("base/stem"));
            assertTrue(layers.filterLayers().contains("base"));
            assertEquals(6, layers.filterCount("base"));
            assertEquals(0, layers.filterCount("heads"));
            assertEquals(List.of("heads/avg", "heads/max"),
                    layers.chosen(List.of("heads")).stream().map(AnalysisLayers.Chosen::name).toList());
            assertEquals("heads is a nested model with 2 outputs (heads/avg, heads/max); take one of them",
                    layers.noOutput("heads"));
            NoSuchLayerException e = assertThrows(NoSuchLayerException.class,
                    () -> layers.chosen(List.of("bse")));
            assertTrue(e.getMessage().startsWith("no layer 'bse'"), e.getMessage());
            assertFalse(layers.chosen(List.of()).isEmpty());
        }
    }

    @Test
    void userLabelsMustNameEveryClassAndImageNetIsKnownByItsCount(@TempDir Path dir) {
        Path file = dir.resolve("labels.txt");
        GradCamAnalysis.Request three = new GradCamAnalysis.Request(file, null, null, null, -1, CamMethod.GRADCAM,
                file, List.of("a", "b", "c"));
        assertEquals(List.of("a", "b", "c"), GradCamAnalysis.labels(three, 3));
        InputException e = assertThrows(InputException.class, () -> GradCamAnalysis.labels(three, 10));
        assertEquals(file + ": 3 names for 10 classes", e.getMessage());
        GradCamAnalysis.Request none = new GradCamAnalysis.Request(file, null, null, null, -1, CamMethod.GRADCAM,
                null, null);
        assertEquals(1000, GradCamAnalysis.labels(none, 1000).size());
        assertEquals(null, GradCamAnalysis.labels(none, 10));
    }

    /** (1, 3, 3, 3): channel 0 equal in A and B, channel 1 slightly different, channel 2 very different. */
    private static Tensor item(boolean b) {
        float[] d = new float[27];
        for (int p = 0; p < 9; p++) {
            d[p * 3] = p;
            d[p * 3 + 1] = p + (b ? (p % 2) * 0.5f : 0);
            d[p * 3 + 2] = b ? 8 - p : p;
        }
        return new Tensor(d, new int[] { 1, 3, 3, 3 });
    }

    @Test
    void aComparisonRanksChannelsAndKeepsTheDifference() {
        Comparison c = Comparison.of(List.of("a", "b"), List.of(item(false), item(true)));
        assertEquals(List.of(2, 1, 0), c.ranking().stream().map(ChannelDifference::channel).toList());
        assertEquals(0, c.ranking().get(2).score());
        assertEquals(-8f, c.difference().data()[2], "A - B of channel 2 at pixel 0: 0 - 8");
        assertArrayEquals(new int[] { 1, 3, 3, 3 }, c.difference().shape());
        assertEquals(2, c.grids(GridOptions.defaults()).size());
        int heights = c.grids(GridOptions.defaults()).get(0).image().height() * 2
                + c.differenceGrid(GridOptions.defaults()).image().height();
        assertEquals(heights + 2 * Comparison.GAP, c.picture(GridOptions.defaults()).height(),
                "two inputs and the difference one above the other");
        assertEquals(c.grids(GridOptions.defaults()).get(0).image().width(),
                c.picture(GridOptions.defaults()).width());
        assertEquals("a comparison needs two or more inputs",
                assertThrows(AnalysisException.class, () -> Comparison.of(List.of("a"), List.of(item(false))))
                        .getMessage());
        Tensor other = new Tensor(new float[12], new int[] { 1, 2, 2, 3 });
        assertTrue(assertThrows(AnalysisException.class,
                () -> Comparison.of(List.of("a", "b"), List.of(item(false), other))).getMessage()
                .contains("(1, 3, 3, 3) and (1, 2, 2, 3)"));
    }
}
