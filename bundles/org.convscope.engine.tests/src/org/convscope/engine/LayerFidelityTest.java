package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.Compare;
import org.convscope.engine.testing.LayerCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer case of fixtures/layers (one Keras layer, seeded weights, TensorFlow's output made
 * by make_layer_fixtures.py) run through the engine and compared within the fidelity bound.
 */
class LayerFidelityTest {

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesTensorFlow() throws IOException {
        List<Path> cases = LayerCase.folders();
        assertTrue(cases.size() > 40, "layer fixtures missing");
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        LayerCase c = LayerCase.read(dir);
        try (Network net = Engine.open(c.spec())) {
            ForwardResult r = net.forward(c.inputs(), List.of(c.layerName()));
            Tensor actual = r.output(c.layerName());
            double diff = Compare.maxAbsDiff(actual, c.expected());
            double bound = Compare.bound(c.expected());
            System.out.printf("fidelity %-24s %-24s max|Δ| %.3g (bound %.3g)%n", dir.getFileName(), c.kerasClass(),
                    diff,
                    bound);
            assertTrue(diff <= bound, dir.getFileName() + ": max|Δ| " + diff + " > " + bound);
        }
    }
}
