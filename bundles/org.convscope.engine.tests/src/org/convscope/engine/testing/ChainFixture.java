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

/** Reads fixtures/gradients/ and its siblings: small convnets written by make_gradient_fixtures.py. */
public final class ChainFixture {

    private ChainFixture() {
    }

    private static final String DEFAULT = "gradients";

    /** @return the folder of the default fixture */
    public static Path dir() {
        return dir(DEFAULT);
    }

    /** @return the folder of fixture {@code name} */
    public static Path dir(String name) {
        return EngineFixtures.dir().resolve(name);
    }

    /** @return the default fixture's network */
    public static NetworkSpec spec() throws IOException {
        return spec(DEFAULT);
    }

    /** @return fixture {@code folder}'s network, weights read from its w_<layer>_<i>.npy files */
    @SuppressWarnings("unchecked")
    public static NetworkSpec spec(String folder) throws IOException {
        List<Object> entries;
        try (Reader r = Files.newBufferedReader(dir(folder).resolve("layers.json"))) {
            entries = (List<Object>) Json.parse(r);
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (Object o : entries) {
            Map<String, Object> e = (Map<String, Object>) o;
            String name = (String) e.get("name");
            List<String> inbound = (List<String>) e.get("inbound");
            layers.add(new LayerSpec(name, (String) e.get("class_name"), (Map<String, Object>) e.get("config"), inbound,
                    () -> weights(folder, name)));
        }
        return new NetworkSpec(folder, layers);
    }

    private static List<Tensor> weights(String folder, String layer) throws IOException {
        List<Tensor> w = new ArrayList<>();
        for (int i = 0; Files.exists(dir(folder).resolve("w_" + layer + "_" + i + ".npy")); i++) {
            w.add(NpyFloats.read(dir(folder).resolve("w_" + layer + "_" + i + ".npy")));
        }
        return w;
    }

    /** @return {@code <name>.npy} of the default fixture */
    public static Tensor npy(String name) throws IOException {
        return npy(DEFAULT, name);
    }

    /** @return {@code <name>.npy} of fixture {@code folder} */
    public static Tensor npy(String folder, String name) throws IOException {
        return NpyFloats.read(dir(folder).resolve(name + ".npy"));
    }
}
