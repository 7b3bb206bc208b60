package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.ui.OpenModel;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.activations.LayerRow;
import org.convscope.ui.filters.FiltersProvider;
import org.convscope.ui.gradcam.GradCamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The views' providers on a model whose layers are nested models (the engine's nested_names
 * fixture: {@code base} holding {@code stem}, {@code heads} with two outputs), with a stand-in
 * engine: a nested model's name means its output, as in Keras.
 */
class NestedNamesProviderTest {

    private ModelGraph graph;
    private OpenModel model;
    private final FakeNetworks engine = new FakeNetworks("none");

    @BeforeEach
    void open() throws IOException {
        Path file = fixture();
        graph = KerasModels.open(file);
        model = new OpenModel(file, graph);
    }

    @AfterEach
    void close() {
        graph.close();
    }

    private static Path fixture() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("bundles/org.convscope.engine.tests/fixtures/nested_names/model.keras");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("nested_names fixture not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theActivationOfANestedModelIsItsOutputLayers() throws IOException {
        try (ActivationProvider provider = new ActivationProvider(model, g -> engine.create())) {
            ActivationRun run = provider.compute(new InputKey(Samples.three(0), Preprocessing.RESCALE),
                    ProgressMonitor.NULL);
            assertArrayEquals(run.output("base/out_relu").orElseThrow().data(),
                    run.output("base").orElseThrow().data(), "one tensor, asked once");
            assertArrayEquals(run.output("base/stem/stem_relu").orElseThrow().data(),
                    run.output("base/stem").orElseThrow().data(), "a nested model in a nested model");
            LayerRow heads = run.row("heads").orElseThrow();
            assertFalse(heads.ok());
            assertEquals("heads is a nested model with 2 outputs (heads/avg, heads/max); take one of them",
                    heads.error());
            assertTrue(run.row("heads/max").orElseThrow().ok());
        }
    }

    @Test
    void filtersAndGradCamOfferANestedModelWithOneImageOutput() {
        try (FiltersProvider filters = new FiltersProvider(model, g -> engine.create());
                GradCamProvider cam = new GradCamProvider(model, g -> engine.create())) {
            List<String> f = filters.layers();
            assertTrue(f.contains("base") && f.contains("base/stem"), f.toString());
            assertFalse(f.contains("heads"), f.toString());
            assertEquals(6, filters.filterCount("base"));
            List<String> c = cam.layers();
            assertTrue(c.contains("base") && c.contains("base/stem"), c.toString());
            assertEquals("base/out_relu", c.get(c.size() - 1), "the default stays the last conv-like layer");
        }
    }
}
