package org.convscope.engine.testing;

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
import org.convscope.engine.LayerSpec;
import org.convscope.engine.NetworkSpec;

/**
 * One folder of fixtures/layers (written by make_layer_fixtures.py): one Keras layer with its
 * seeded weights, its inputs and TensorFlow's output.
 *
 * @param spec       the layer behind one input layer per input
 * @param layerName  the layer's name
 * @param kerasClass its Keras class
 * @param inputs     the inputs, batch axis first
 * @param expected   TensorFlow's output
 */
public record LayerCase(NetworkSpec spec, String layerName, String kerasClass, List<Tensor> inputs, Tensor expected) {

    /** @return the case folders, sorted */
    public static List<Path> folders() throws IOException {
        try (Stream<Path> s = Files.list(EngineFixtures.dir().resolve("layers"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    public static LayerCase read(Path dir) throws IOException {
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
            if (inputs.get(i).rank() != shapes.get(i).size() + 1) {
                throw new IOException(dir + ": x" + i + ".npy has rank " + inputs.get(i).rank() + ", config says "
                        + (shapes.get(i).size() + 1));
            }
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
