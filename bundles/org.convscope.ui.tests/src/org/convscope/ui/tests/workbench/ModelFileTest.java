package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.io.WeightRef;
import org.convscope.core.io.WeightStore;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.ModelMetadata;
import org.convscope.ui.NetworkHolder;
import org.convscope.ui.OpenModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model's weight file stays open while a provider's network holder holds it (the Activation,
 * Filters and Grad-CAM views each have one) and closes exactly once, when the last lets go; a
 * computation under way keeps it open until it ends. The file here counts its closes.
 */
class ModelFileTest {

    private final AtomicInteger closes = new AtomicInteger();
    private final FakeNetworks engine = new FakeNetworks("none");
    private OpenModel model;

    @BeforeEach
    void open() {
        WeightStore file = new WeightStore() {

            @Override
            public List<WeightRef> weights(List<String> layerPath) {
                return List.of();
            }

            @Override
            public List<List<String>> layerPaths() {
                return List.of();
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        model = new OpenModel(Path.of("counted.keras"), new ModelGraph("counted", "Functional",
                ModelGraph.Kind.FUNCTIONAL, new ModelMetadata(null, "", null, null, 3), List.of(), List.of(),
                List.of(), file));
    }

    @Test
    void theLastHolderToLetGoClosesTheFileOnce() throws Exception {
        NetworkHolder activations = holder();
        NetworkHolder filters = holder();
        NetworkHolder gradCam = holder();
        activations.with(n -> n.name());

        activations.close();
        filters.close();
        assertEquals(0, closes.get(), "one holder is left");
        gradCam.close();
        assertEquals(1, closes.get(), "the last holder closed the file");

        activations.close();
        filters.close();
        gradCam.close();
        assertEquals(1, closes.get(), "closed exactly once");
        NetworkHolder late = holder();
        assertThrows(AnalysisException.class, () -> late.with(n -> n.name()),
                "a holder made after the file closed cannot compute");
        late.close();
        assertEquals(1, closes.get(), "nor close the file again");
    }

    @Test
    void aComputationKeepsTheFileOpenUntilItEnds() throws Exception {
        NetworkHolder computing = holder();
        NetworkHolder idle = holder();
        try (HeldComputation computation = new HeldComputation(computing)) {
            computing.close();
            idle.close();
            assertEquals(0, closes.get(), "the computation still reads weights");

            assertEquals("fake", computation.end(), "the computation finished");
        }
        assertEquals(1, closes.get(), "its end closed the file, once");
        assertEquals(1, engine.closes.get(), "and freed the network");
    }

    private NetworkHolder holder() {
        return new NetworkHolder(model, g -> engine.create());
    }
}
