package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .keras} archive read in place: compressed entries, limits, and what Keras writes. */
class KerasArchiveTest {

    @TempDir
    Path dir;

    private static final Path SOURCE = FixtureFiles.models().resolve("nested_sequential.keras");

    /** Copies the fixture's entries into a new zip, every entry deflated. */
    private Path deflatedCopy() throws IOException {
        Path out = dir.resolve("deflated.keras");
        try (ZipFile in = new ZipFile(SOURCE.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(zip);
                zip.closeEntry();
            }
        }
        return out;
    }

    @Test
    void kerasStoresEntriesUncompressed() throws IOException {
        try (ZipFile zip = new ZipFile(SOURCE.toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry("model.weights.h5").getMethod());
        }
    }

    @Test
    void deflatedArchiveReadsTheSameWeights() throws IOException {
        try (RawModel stored = ModelFiles.read(SOURCE); RawModel deflated = ModelFiles.read(deflatedCopy())) {
            assertEquals(stored.weights().layerPaths(), deflated.weights().layerPaths());
            assertEquals(stored.config(), deflated.config());
            for (List<String> path : stored.weights().layerPaths()) {
                List<WeightRef> a = stored.weights().weights(path);
                List<WeightRef> b = deflated.weights().weights(path);
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).load().data(), b.get(i).load().data(), path + " " + i);
                }
            }
        }
    }

    @Test
    void entryCountIsBounded() throws IOException {
        ReadLimits few = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 2);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(SOURCE, few));
        assertEquals("nested_sequential.keras: zip archive lists 3 entries, over the limit of 2", e.getMessage());
    }

    @Test
    void entrySizeIsBounded() throws IOException {
        ReadLimits small = new ReadLimits(Integer.MAX_VALUE, 1000, 100);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(SOURCE, small));
        assertTrue(e.getMessage().contains("is too large"), e.getMessage());
    }

    @Test
    void archiveWithoutConfigNamesWhatItHolds() throws IOException {
        Path out = dir.resolve("photos.keras");
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("cat.jpg"));
            zip.write(new byte[] { 1, 2, 3 });
            zip.closeEntry();
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(out));
        assertEquals("photos.keras: zip archive without config.json, so not a Keras .keras file (it holds 'cat.jpg')",
                e.getMessage());
    }

    /** Copies the fixture's entries into a new stored zip, {@code name}'s bytes replaced. */
    private Path copyWith(String name, byte[] replacement) throws IOException {
        Path out = dir.resolve("replaced.keras");
        try (ZipFile in = new ZipFile(SOURCE.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes = e.getName().equals(name) ? replacement : in.getInputStream(e).readAllBytes();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                copy.setCrc(crc.getValue());
                zip.putNextEntry(copy);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out;
    }

    /** @return a copy of the fixture whose weights entry keeps its superblock, everything after it noise */
    private Path damagedWeights() throws IOException {
        byte[] damaged;
        try (ZipFile in = new ZipFile(SOURCE.toFile())) {
            damaged = in.getInputStream(in.getEntry("model.weights.h5")).readAllBytes();
        }
        for (int i = 96; i < damaged.length; i++) {
            damaged[i] = (byte) (i * 31 + 7);
        }
        return copyWith("model.weights.h5", damaged);
    }

    private static boolean walkThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("convscope-weights-walk") && t.isAlive());
    }

    /**
     * The weights are walked while the config is parsed: a broken config is still the error
     * reported, and the walk has ended (its file closed) when the error arrives.
     */
    @Test
    void aBrokenConfigIsReportedAndTheWeightsWalkEnds() throws IOException {
        Path out = copyWith("config.json", "{\"class_name\": \"Sequential\", ".getBytes(StandardCharsets.UTF_8));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(out));
        assertTrue(e.getMessage().startsWith("replaced.keras: config.json: "), e.getMessage());
        assertFalse(walkThreadAlive(), "the walk of the weights ended with the read");
    }

    /** A damaged weights entry under a good config is reported as such, from the walk's thread. */
    @Test
    void aDamagedWeightsEntryIsReportedByName() throws IOException {
        Path out = damagedWeights();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(out));
        assertTrue(e.getMessage().startsWith("replaced.keras: model.weights.h5: "), e.getMessage());
        assertFalse(walkThreadAlive());
    }

    /**
     * Work on the graph that needs no weights (the workbench lays it out) is done while an
     * archive's weights are still walked, and the graph comes back only once they are read.
     */
    @Test
    void theGraphIsHandedOverWhileTheWeightsAreWalked() throws IOException {
        List<ModelGraph> meanwhile = new ArrayList<>();
        try (ModelGraph graph = KerasModels.open(SOURCE, g -> {
            assertFalse(g.allLayers().isEmpty(), "the graph is built");
            meanwhile.add(g);
        })) {
            assertEquals(List.of(graph), meanwhile);
            assertFalse(graph.allLayers().stream().allMatch(l -> l.weights().isEmpty()), "the weights are there");
        }
        meanwhile.clear();
        try (ModelGraph graph = KerasModels.open(FixtureFiles.models().resolve("nested_sequential.h5"),
                meanwhile::add)) {
            assertEquals(List.of(), meanwhile, "an HDF5 model's weights are read with its config");
        }
    }

    /** Weights that cannot be walked fail the open even after the graph was handed over. */
    @Test
    void damagedWeightsFailTheOpenAfterTheGraphWasHandedOver() throws IOException {
        Path out = damagedWeights();
        List<ModelGraph> meanwhile = new ArrayList<>();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasModels.open(out, meanwhile::add));
        assertTrue(e.getMessage().startsWith("replaced.keras: model.weights.h5: "), e.getMessage());
        assertEquals(1, meanwhile.size(), "the config was good, so the graph was handed over");
        assertFalse(walkThreadAlive());
    }

    /**
     * The workbench shows an archive's graph before its weights are walked: the walk starts only
     * when the weights are first asked for, and then finds what a plain open finds.
     */
    @Test
    void anEarlyOpenBuildsTheGraphAndWalksTheWeightsWhenAsked() throws Exception {
        try (ModelGraph early = KerasModels.openEarly(SOURCE)) {
            assertFalse(early.allLayers().isEmpty(), "the graph is built");
            assertFalse(walkThreadAlive(), "no walk before the weights are asked for");
            early.weightsRead().toCompletableFuture().get(60, TimeUnit.SECONDS);
            try (ModelGraph whole = KerasModels.open(SOURCE)) {
                assertEquals(weightShapes(whole), weightShapes(early));
            }
            assertFalse(weightShapes(early).isEmpty());
        }
        try (ModelGraph h5 = KerasModels.openEarly(FixtureFiles.models().resolve("nested_sequential.h5"))) {
            assertTrue(h5.weightsRead().toCompletableFuture().isDone(), "an HDF5 model's weights are read with it");
        }
        // a graph closed before its weights were asked for never walks them
        KerasModels.openEarly(SOURCE).close();
        assertFalse(walkThreadAlive());
    }

    /**
     * Damaged weights under a good config fail an early open when they are walked: through the
     * graph's {@code weightsRead()}, and asking for a weight then says what is wrong.
     */
    @Test
    void anEarlyOpenOfDamagedWeightsSaysSoWhenTheyAreWalked() throws Exception {
        try (ModelGraph graph = KerasModels.openEarly(damagedWeights())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> graph.weightsRead().toCompletableFuture().get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ModelFormatException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().startsWith("replaced.keras: model.weights.h5: "),
                    e.getCause().getMessage());
            Layer weighted = graph.allLayers().stream().filter(l -> l.params() > 0 && l.model().isEmpty()).findFirst()
                    .orElseThrow();
            UncheckedIOException asked = assertThrows(UncheckedIOException.class, weighted::weights);
            assertEquals(e.getCause().getMessage(), asked.getCause().getMessage());
        }
    }

    private static List<String> weightShapes(ModelGraph graph) {
        List<String> out = new ArrayList<>();
        for (Layer l : graph.allLayers()) {
            for (WeightRef w : l.weights()) {
                out.add(l.name() + "/" + w.name() + Arrays.toString(w.shape()));
            }
        }
        return out;
    }

    @Test
    void hdf5NamedKerasIsNamedAsSuch() throws IOException {
        Path out = dir.resolve("model.keras");
        Files.copy(FixtureFiles.models().resolve("sequential_convnet.h5"), out);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(out));
        assertEquals("model.keras: not a zip, so not a .keras archive (first bytes 89 48 44 46: an HDF5 file — did "
                + "you mean a .h5 file?)", e.getMessage());
    }
}
