package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.Compare;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * End to end: each Keras 3 fixture model of the core's tests, opened by the core's reader into a
 * graph model, run by the engine, every top-level layer compared with TensorFlow's output
 * (references by make_model_fixtures.py).
 */
class ModelFidelityTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureModelMatchesTensorFlow() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models");
        Path models = EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models").normalize();
        List<Path> cases;
        try (Stream<Path> s = Files.list(refs)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 5, "model references missing under " + refs);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
                () -> check(models.resolve(dir.getFileName() + ".keras"), dir)));
    }

    private static void check(Path modelFile, Path refs) throws IOException {
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; Files.exists(refs.resolve("x" + i + ".npy")); i++) {
            inputs.add(NpyFloats.read(refs.resolve("x" + i + ".npy")));
        }
        List<Path> acts;
        try (Stream<Path> s = Files.list(refs)) {
            acts = s.filter(p -> p.getFileName().toString().startsWith("act_")).sorted().toList();
        }
        try (ModelGraph model = KerasModels.open(modelFile); Network net = Engine.open(model)) {
            List<String> layers = acts.stream().map(p -> p.getFileName().toString())
                    .map(n -> n.substring("act_".length(), n.length() - ".npy".length())).toList();
            ForwardResult r = net.forward(inputs, layers);
            for (int i = 0; i < layers.size(); i++) {
                Tensor expected = NpyFloats.read(acts.get(i));
                double diff = Compare.maxAbsDiff(r.output(layers.get(i)), expected);
                double bound = Compare.bound(expected);
                System.out.printf("model %-22s %-20s max|Δ| %.3g (bound %.3g)%n", refs.getFileName(), layers.get(i),
                        diff, bound);
                assertTrue(diff <= bound,
                        refs.getFileName() + "/" + layers.get(i) + ": max|Δ| " + diff + " > " + bound);
            }
        }
    }
}
