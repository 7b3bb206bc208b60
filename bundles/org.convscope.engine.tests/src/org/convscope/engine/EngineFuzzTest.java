package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.FuzzRun;
import org.convscope.core.testing.Mutator;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model fuzz test carried through the engine: the core's fixture models (.keras, .h5, Keras 2
 * .h5) mutated by {@link Mutator}, and each one that opens run on its fixed input for the
 * activations of every layer, as {@code ./convscope activations} does. Mutated configs give
 * kernels that no longer fit their weights, odd strides, shapes that do not chain; mutated
 * weights give NaNs and infinities. Only clean outcomes may come out: results (with the layers
 * that cannot run listed as {@link LayerFailure}s), a {@link ModelFormatException} naming the
 * file, a {@link LayerNotRunnableException}, or the engine's own refusal of an input; within the
 * fuzz bounds (300 MB allocated on the Java heap by the reading thread, no hang).
 *
 * <p>The normal run is 1,000 cases (about 11 s; about one in six mutated models computes every
 * layer, most are refused while reading). A longer run takes {@code -Dconvscope.fuzz.cases=N} as
 * the core's fuzz tests do ({@code -DfailIfNoTests=false} lets the core tests bundle, built on the
 * way, run none):
 *
 * <pre>
 * ./mvnw -B -o verify -pl bundles/org.convscope.engine.tests -am -Dtest=EngineFuzzTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -Dconvscope.fuzz.cases=20000
 * </pre>
 */
class EngineFuzzTest {

    static final int CASES = 1_000;

    @TempDir
    Path temp;

    /** Cases whose every layer was computed, so that the test shows it ran the engine at all. */
    private final AtomicInteger computed = new AtomicInteger();

    /** A model file to mutate and the inputs it runs on. */
    private record Source(Path file, byte[] bytes, List<Tensor> inputs) {
    }

    @Test
    void mutatedModelsRunOrFailCleanly() throws Exception {
        List<Source> sources = sources();
        Map<Path, List<Tensor>> inputs = new HashMap<>();
        FuzzRun.Result r = FuzzRun.run("engine", CASES, (index, random) -> place(sources, index, random, inputs),
                file -> run(file, inputs.get(file)), EngineFuzzTest::clean);
        assertTrue(r.failures().isEmpty(), () -> FuzzRun.describe(r));
        System.out.printf("fuzz engine: %d of %d cases computed every layer%n", computed.get(), r.cases());
        assertTrue(computed.get() > 0, () -> "no mutated model ran through: " + r);
    }

    private void run(Path file, List<Tensor> inputs) throws IOException {
        try (ModelGraph model = KerasModels.open(file); Network net = Engine.open(model)) {
            ForwardResult result = net.forward(inputs, List.of());
            if (result.failures().isEmpty() && !result.outputs().isEmpty()) {
                computed.incrementAndGet();
            }
            for (Map.Entry<String, LayerFailure> f : result.failures().entrySet()) {
                if (f.getValue().message() == null || f.getValue().message().isBlank()) {
                    throw new AssertionError("layer " + f.getKey() + " failed without a message");
                }
            }
        }
    }

    /**
     * @return true for the typed refusals a user sees as one line; an IllegalArgumentException
     *         only when Convscope's own code threw it (a refused input), never from ND4J
     */
    private static boolean clean(Throwable t) {
        if (t instanceof ModelFormatException e) {
            return FuzzRun.namesFile(e.file(), e.getMessage());
        }
        if (t instanceof LayerNotRunnableException) {
            return true;
        }
        return t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                && t.getStackTrace()[0].getClassName().startsWith("org.convscope.");
    }

    private static List<Source> sources() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models");
        Path models = EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models").normalize();
        List<Source> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(refs)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Tensor> inputs = new ArrayList<>();
                for (int i = 0; Files.exists(dir.resolve("x" + i + ".npy")); i++) {
                    inputs.add(NpyFloats.read(dir.resolve("x" + i + ".npy")));
                }
                for (String suffix : new String[] { ".keras", ".h5", ".keras2.h5" }) {
                    Path file = models.resolve(dir.getFileName() + suffix);
                    if (Files.exists(file)) {
                        out.add(new Source(file, Files.readAllBytes(file), inputs));
                    }
                }
            }
        }
        assertTrue(out.size() >= 15, "model fixtures missing: " + out.size());
        return out;
    }

    private Path place(List<Source> sources, long index, SplittableRandom random, Map<Path, List<Tensor>> inputs)
            throws IOException {
        Source source = sources.get(random.nextInt(sources.size()));
        Path dir = Files.createDirectories(temp.resolve("case" + index % 4));
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path file = dir.resolve(source.file().getFileName());
        Files.write(file, Mutator.mutate(source.bytes(), random));
        inputs.put(file, source.inputs());
        return file;
    }
}
