package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.convscope.core.json.Json;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.Compare;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer case of fixtures/layers (one Keras layer, seeded weights, TensorFlow's output made
 * by make_layer_fixtures.py) run through the engine and compared within the fidelity bound.
 */
class LayerFidelityTest {

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesTensorFlow() throws IOException {
        Path root = EngineFixtures.dir().resolve("layers");
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() > 40, "layer fixtures missing under " + root);
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

    /** One fixture folder: the layer's Keras entry, its weights, inputs and TensorFlow's output. */
    record LayerCase(NetworkSpec spec, String layerName, String kerasClass, List<Tensor> inputs, Tensor expected) {

        @SuppressWarnings("unchecked")
        static LayerCase read(Path dir) throws IOException {
            Map<String, Object> doc;
            try (Reader r = Files.newBufferedReader(dir.resolve("config.json"))) {
                doc = (Map<String, Object>) Json.parse(r);
            }
            Map<String, Object> layer = (Map<String, Object>) doc.get("layer");
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            List<List<Object>> shapes = (List<List<Object>>) doc.get("input_shapes");
            List<LayerSpec> specs = new ArrayList<>();
            List<Tensor> inputs = new ArrayList<>();
            List<String> inbound = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                List<Object> batchShape = new ArrayList<>();
                batchShape.add(null);
                batchShape.addAll(shapes.get(i));
                Map<String, Object> inputConfig = new HashMap<>();
                inputConfig.put("batch_shape", batchShape);
                specs.add(new LayerSpec("in" + i, "InputLayer", inputConfig, List.of(), null));
                inbound.add("in" + i);
                inputs.add(NpyFloats.read(dir.resolve("x" + i + ".npy")));
                assertEquals(shapes.get(i).size() + 1, inputs.get(i).rank());
            }
            List<Tensor> weights = new ArrayList<>();
            for (int i = 0; Files.exists(dir.resolve("w" + i + ".npy")); i++) {
                weights.add(NpyFloats.read(dir.resolve("w" + i + ".npy")));
            }
            String name = (String) config.get("name");
            String kerasClass = (String) layer.get("class_name");
            specs.add(new LayerSpec(name, kerasClass, config, inbound, () -> weights));
            return new LayerCase(new NetworkSpec(dir.getFileName().toString(), specs), name, kerasClass, inputs,
                    NpyFloats.read(dir.resolve("y.npy")));
        }

        @Override
        public String toString() {
            return layerName + " " + kerasClass + " " + Arrays.toString(expected.shape());
        }
    }
}
