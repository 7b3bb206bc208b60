package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers named as Keras's {@code model.summary()} lists them, nested models included, in every
 * command that takes a layer; on the engine's nested_names fixture, against TensorFlow's outputs
 * (make_nested_names_fixture.py).
 */
class LayerNameTest {

    private final CommandLine cli = new CommandLine();

    private static Path fixture(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("bundles/org.convscope.engine.tests/fixtures/nested_names");
            if (Files.isDirectory(dir)) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException("nested_names fixture not found above " + Path.of("").toAbsolutePath());
    }

    private static final String MODEL = fixture("model.keras").toString();
    private static final String INPUT = fixture("x0.npy").toString();

    /** TensorFlow's float32 results, to float rounding of sums of a few hundred products. */
    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = 1;
        for (float v : expected.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.data().length; i++) {
            assertEquals(expected.data()[i], actual.data()[i], 1e-5 * scale, what + " at " + i);
        }
    }

    @Test
    void aNestedModelsNameMeansItsOutput(@TempDir Path dir) throws IOException {
        Path outDir = dir.resolve("act");
        assertEquals(Command.OK,
                cli.run("activations", MODEL, INPUT, "--layers", "base,base/out_relu,base/stem", "--npy",
                        "--out", outDir.toString()),
                cli.err());
        Tensor base = Npy.read(outDir.resolve("base.npy"));
        assertClose(Npy.read(fixture("act_base.npy")), base, "base");
        assertArrayEquals(Npy.read(outDir.resolve("base_out_relu.npy")).data(), base.data(), 0f,
                "base is its last layer's output");
        assertClose(Npy.read(fixture("act_base_stem.npy")), Npy.read(outDir.resolve("base_stem.npy")),
                "a nested model in a nested model");
        assertTrue(Files.exists(outDir.resolve("base.png")));
    }

    @Test
    void aNestedModelWithTwoOutputsGivesBoth(@TempDir Path dir) throws IOException {
        Path outDir = dir.resolve("act");
        assertEquals(Command.OK, cli.run("activations", MODEL, INPUT, "--layers", "heads", "--npy", "--out",
                outDir.toString()), cli.err());
        assertClose(Npy.read(fixture("act_heads_0.npy")), Npy.read(outDir.resolve("heads_avg.npy")), "heads[0]");
        assertClose(Npy.read(fixture("act_heads_1.npy")), Npy.read(outDir.resolve("heads_max.npy")), "heads[1]");
    }

    @Test
    void anUnknownLayerGetsAFewCloseNames(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT,
                cli.run("activations", MODEL, INPUT, "--layers", "bse", "--out", dir.resolve("a").toString()));
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("convscope activations: model.keras: no layer 'bse'; did you mean base"),
                cli.err());
        String names = lines.get(0).substring(lines.get(0).indexOf("did you mean ") + "did you mean ".length());
        assertTrue(names.split(", ").length <= 5, cli.err());
        assertTrue(!lines.get(0).contains("predictions"), "not every layer: " + cli.err());
    }

    @Test
    void filtersTakeANestedModelByName(@TempDir Path dir) {
        Path png = dir.resolve("base.png");
        assertEquals(Command.OK,
                cli.run("filters", MODEL, "--layer", "base", "--filters", "0-1", "--steps", "2", "--out",
                        png.toString()),
                cli.err());
        assertTrue(Files.exists(png));
    }

    @Test
    void filtersOfANestedModelWithTwoOutputsAskForOne() {
        assertEquals(Command.BAD_INPUT, cli.run("filters", MODEL, "--layer", "heads", "--steps", "2"));
        assertEquals("convscope filters: model.keras: heads is a nested model with 2 outputs (heads/avg, heads/max);"
                + " take one of them", cli.err().strip());
    }

    @Test
    void filtersOfAnUnknownLayerSuggestNames() {
        assertEquals(Command.BAD_INPUT, cli.run("filters", MODEL, "--layer", "stem_convv"));
        assertEquals("convscope filters: model.keras: no layer 'stem_convv'; did you mean base/stem/stem_conv?",
                cli.err().strip());
    }

    @Test
    void gradcamTakesANestedModelByName(@TempDir Path dir) {
        Path png = dir.resolve("cam.png");
        assertEquals(Command.OK, cli.run("gradcam", MODEL, INPUT, "--layer", "base", "--out", png.toString()),
                cli.err());
        assertTrue(Files.exists(png));
    }

    @Test
    void gradcamOfAnUnknownLayerSuggestsNames() {
        assertEquals(Command.BAD_INPUT, cli.run("gradcam", MODEL, INPUT, "--layer", "out_relu"));
        assertEquals("convscope gradcam: model.keras: no layer 'out_relu'; did you mean base/out_relu?",
                cli.err().strip());
    }
}
