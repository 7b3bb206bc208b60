package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convscope diff}: the table and the JSON for a model against its quantised TensorFlow.js
 * export, a perturbed copy and a fine-tuned one; models that cannot be run side by side; bad
 * arguments and files, each as one line.
 */
class DiffCommandTest {

    private final CommandLine cli = new CommandLine();

    private static final String CORE = "bundles/org.convscope.core.tests/fixtures/";
    private static final String DIFF = "bundles/org.convscope.engine.tests/fixtures/diff/";
    private static final String BASE = path(CORE + "models/sequential_convnet.keras");
    private static final String UINT8 = path(CORE + "tfjs/sequential_convnet_uint8/model.json");
    private static final String PERTURBED = path(DIFF + "perturbed.h5");
    private static final String FINETUNED = path(DIFF + "finetuned.keras");
    private static final String INPUTS = path(DIFF + "inputs.npy");

    private static String path(String relative) {
        return CommandLine.inRepository(relative).toString();
    }

    @Test
    void theTableCountsTheLayersAndMarksTheFirstDivergence() {
        assertEquals(Command.OK, cli.run("diff", BASE, UINT8, INPUTS), cli.err());
        List<String> lines = cli.out().lines().toList();
        String all = cli.out();
        assertEquals("model A: sequential_convnet.keras (sequential_convnet, 9 layers)", lines.get(0), all);
        assertEquals("model B: model.json (sequential_convnet, 9 layers)", lines.get(1), all);
        assertEquals("layers: 5 same, 4 changed, 0 only in A, 0 only in B", lines.get(2), all);
        assertTrue(lines.contains("changed:"), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("  conv2d +weights\\.kernel; weights\\.bias")), all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("weights that differ")), all);
        List<String> marked = lines.stream().filter(l -> l.startsWith("  > ")).toList();
        assertEquals(1, marked.size(), all);
        assertTrue(marked.get(0).startsWith("  > conv2d "), all);
        assertTrue(lines.contains("outputs: top-1 agreement 1 (4 of 4 inputs), top-5 overlap 1"), all);
        assertTrue(lines.get(lines.size() - 1).matches("first divergence: conv2d \\(relative difference [0-9.e-]+"
                + " > 0\\.001\\)"), all);
        assertEquals("", cli.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonHasTheIssuesKeys() throws IOException {
        assertEquals(Command.OK, cli.run("diff", BASE, PERTURBED, INPUTS, "--json"), cli.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(cli.out());
        assertEquals(List.of("matches", "weights", "activations", "first_divergence", "outputs"),
                List.copyOf(json.keySet()));
        assertEquals("conv2d_1", json.get("first_divergence"));
        List<Object> statuses = ((List<Object>) json.get("matches")).stream()
                .map(m -> ((Map<String, Object>) m).get("status")).toList();
        assertEquals(List.of("same", "same", "same", "changed", "same", "same", "same", "same", "same"), statuses);
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) json.get("activations")).get(1);
        assertEquals(Map.of("layer", "conv2d", "max_abs", 0.0, "rel", 0.0, "cosine", 1.0), first);
        assertEquals(Map.of("top1_agreement", 1.0, "top5_overlap", 1.0), json.get("outputs"));
    }

    @Test
    void theExtraLayerOfAFineTunedCopyIsOnlyInB() {
        assertEquals(Command.OK, cli.run("diff", BASE, FINETUNED, INPUTS), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals("layers: 8 same, 1 changed, 0 only in A, 1 only in B", lines.get(2), cli.out());
        int only = lines.indexOf("only in B:");
        assertTrue(only > 0, cli.out());
        assertEquals("  extra_dense", lines.get(only + 1), cli.out());
        assertTrue(cli.out().contains("first divergence: dense_1 "), cli.out());
    }

    @Test
    void theThresholdDecidesWhatDiverges() {
        assertEquals(Command.OK, cli.run("diff", BASE, PERTURBED, INPUTS, "--threshold", "1"), cli.err());
        assertTrue(cli.out().endsWith("first divergence: none (no layer's relative difference exceeds 1)\n"),
                cli.out());
    }

    @Test
    void withoutInputsOnlyStructureAndWeights() {
        assertEquals(Command.OK, cli.run("diff", BASE, PERTURBED), cli.err());
        assertTrue(cli.out().endsWith("activations not compared: no inputs given (add images or a .npy batch after"
                + " the models)\n"), cli.out());
    }

    @Test
    void modelsTakingOtherInputsSayWhyActivationsWereSkipped() {
        String sequence = path(CORE + "models/conv1d_sequence.keras");
        assertEquals(Command.OK, cli.run("diff", BASE, sequence, INPUTS), cli.err());
        String why = "activations not compared: sequential_convnet.keras takes (None, 16, 16, 3) and"
                + " conv1d_sequence.keras takes (None, 32, 2)";
        assertEquals("convscope diff: warning: " + why + "\n", cli.err());
        assertTrue(cli.out().endsWith(why + "\n"), cli.out());
    }

    @Test
    void aMissingOrCorruptModelIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("missing.h5").toString();
        assertEquals(Command.BAD_INPUT, cli.run("diff", BASE, missing));
        assertEquals("convscope diff: " + missing + ": no such file\n", cli.err());

        CommandLine again = new CommandLine();
        assertEquals(Command.BAD_INPUT, again.run("diff", path(CORE + "bad/keras_archive_named.h5"), BASE));
        List<String> lines = again.err().lines().toList();
        assertEquals(1, lines.size(), again.err());
        assertTrue(lines.get(0).startsWith("convscope diff: ") && lines.get(0).contains("keras_archive_named.h5: not"
                + " an HDF5 file"), again.err());
    }

    @Test
    void aMissingInputIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("nothing.npy").toString();
        assertEquals(Command.BAD_INPUT, cli.run("diff", BASE, PERTURBED, missing));
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("convscope diff: ") && lines.get(0).contains("nothing.npy"), cli.err());
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertEquals(Command.USAGE, cli.run("diff", BASE));
        assertTrue(cli.err().startsWith("convscope diff: MODEL_A and MODEL_B needed\n"), cli.err());
        assertTrue(cli.err().contains("usage: convscope diff MODEL_A MODEL_B [INPUT...] [--json] [--threshold T]"),
                cli.err());
        CommandLine again = new CommandLine();
        assertEquals(Command.USAGE, again.run("diff", BASE, PERTURBED, "--threshold", "-1"));
        assertTrue(again.err().startsWith("convscope diff: --threshold takes a number of at least 0, not '-1'"),
                again.err());
    }
}
