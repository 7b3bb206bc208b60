package org.convscope.engine.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.NetworkSpec;

/** Reads fixtures/gradients/: a small convnet written by make_gradient_fixtures.py. */
public final class ChainFixture {

    private ChainFixture() {
    }

    /** @return the folder */
    public static Path dir() {
        return EngineFixtures.dir().resolve("gradients");
    }

    /** @return the network, weights read from the w_<layer>_<i>.npy files */
    @SuppressWarnings("unchecked")
    public static NetworkSpec spec() throws IOException {
        List<Object> entries;
        try (Reader r = Files.newBufferedReader(dir().resolve("layers.json"))) {
            entries = (List<Object>) Json.parse(r);
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (Object o : entries) {
            Map<String, Object> e = (Map<String, Object>) o;
            String name = (String) e.get("name");
            List<String> inbound = (List<String>) e.get("inbound");
            layers.add(new LayerSpec(name, (String) e.get("class_name"), (Map<String, Object>) e.get("config"), inbound,
                    () -> weights(name)));
        }
        return new NetworkSpec("chain", layers);
    }

    private static List<Tensor> weights(String layer) throws IOException {
        List<Tensor> w = new ArrayList<>();
        for (int i = 0; Files.exists(dir().resolve("w_" + layer + "_" + i + ".npy")); i++) {
            w.add(NpyFloats.read(dir().resolve("w_" + layer + "_" + i + ".npy")));
        }
        return w;
    }

    /** @return {@code <name>.npy} of the folder */
    public static Tensor npy(String name) throws IOException {
        return NpyFloats.read(dir().resolve(name + ".npy"));
    }
}
