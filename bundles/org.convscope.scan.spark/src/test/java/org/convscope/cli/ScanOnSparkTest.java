package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.convscope.scan.ImageSet;
import org.convscope.scan.Scanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convscope scan --spark local[2]} against the scan without Spark, on 200 real MNIST digits
 * with the sample convnet (two layers, seven batches, two partitions): the stores are identical
 * table for table, row for row, bit for bit, and so is {@code scan-report --json} of each layer; a
 * scan stopped here and continued on Spark too.
 */
class ScanOnSparkTest {

    private static final String LAYERS = "conv2d_2,dense_1";

    @TempDir
    static Path dir;
    static Path local;
    static Path spark;
    static String sparkOut;

    /** A command line run in-process, with its output kept. */
    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(Main.allCommands(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path inRepository(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    static String model() {
        return inRepository("bundles/org.convscope.samples/models/mnist_convnet.keras").toString();
    }

    static String digits() {
        return inRepository("bundles/org.convscope.scan.tests/fixtures/mnist200").toString();
    }

    @BeforeAll
    static void scanBothWays() {
        local = dir.resolve("local.db");
        spark = dir.resolve("spark.db");
        Run l = cli("scan", model(), digits(), "--layers", LAYERS, "--out", local.toString());
        assertEquals(0, l.code(), l.err());
        Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", spark.toString(), "--spark", "local[2]");
        assertEquals(0, s.code(), s.err());
        sparkOut = s.out();
    }

    /** Every table's rows, in key order, each value as SQLite holds it (REAL as a double's bits). */
    static Map<String, List<List<Object>>> tables(Path store) throws SQLException {
        Map<String, List<List<Object>>> all = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = db.createStatement()) {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("manifest", "key");
            keys.put("images", "image");
            keys.put("layers", "layer");
            keys.put("channel_stats", "layer, channel");
            keys.put("top_examples", "layer, channel, rank");
            keys.put("class_stats", "layer, class, channel");
            for (Map.Entry<String, String> table : keys.entrySet()) {
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet r = s
                        .executeQuery("SELECT * FROM " + table.getKey() + " ORDER BY " + table.getValue())) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 1; c <= columns; c++) {
                            row.add(r.getObject(c));
                        }
                        rows.add(row);
                    }
                }
                all.put(table.getKey(), rows);
            }
        }
        return all;
    }

    @Test
    void sparkPrintsWhatTheScanPrints() {
        assertTrue(sparkOut.startsWith("scanning 200 images of " + digits()), sparkOut);
        assertTrue(sparkOut.contains("scanned 200 images in "), sparkOut);
        assertTrue(sparkOut.contains(" into " + spark), sparkOut);
    }

    @Test
    void storesAreIdenticalTableForTable() throws SQLException {
        Map<String, List<List<Object>>> l = tables(local);
        Map<String, List<List<Object>>> s = tables(spark);
        assertEquals(200, l.get("images").size());
        assertEquals(64 + 64, l.get("channel_stats").size(), "conv2d_2's channels and dense_1's units");
        assertFalse(l.get("class_stats").isEmpty());
        for (String table : l.keySet()) {
            assertEquals(l.get(table), s.get(table), table);
        }
    }

    @Test
    void reportsAreIdenticalForEveryLayer() {
        for (String layer : LAYERS.split(",")) {
            Run l = cli("scan-report", local.toString(), "--layer", layer, "--json");
            Run s = cli("scan-report", spark.toString(), "--layer", layer, "--json");
            assertEquals(0, l.code(), l.err());
            assertTrue(l.out().contains("\"channels\""), l.out());
            assertEquals(l.out(), s.out(), layer);
        }
    }

    @Test
    void aScanStoppedHereContinuesOnSparkToTheSameStore() throws Exception {
        Path store = dir.resolve("stopped-then-spark.db");
        Scanner.Options options = new Scanner.Options(List.of(LAYERS.split(",")), 9, 32, null, null);
        ImageSet images = ImageSet.of(Path.of(digits()));
        assertThrows(IllegalStateException.class,
                () -> Scanner.run(Path.of(model()), images, store, options, new Scanner.Listener() {

                    @Override
                    public void beforeCommit(int done) {
                        if (done == 96) {
                            throw new IllegalStateException("stopped inside the third batch");
                        }
                    }
                }));
        Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", store.toString(), "--spark", "local[2]");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("resumed after image 64 of 200"), s.out());
        assertEquals(tables(local), tables(store));
    }

    /** The archives in the test's archive folder (the build's {@code target/cds}). */
    private static List<Path> archives() throws IOException {
        Path folder = JobArchive.folder(System.getenv());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(JobArchive.PREFIX)).sorted().toList();
        }
    }

    /**
     * The archive the runs so far made or used: the newest (a run that maps an archive marks it
     * used; the folder outlives a build without {@code clean}, so older builds' may be there too).
     */
    private static Path theArchive() throws IOException {
        List<Path> archives = new ArrayList<>(archives());
        assertFalse(archives.isEmpty(), "no archive in " + JobArchive.folder(System.getenv()));
        archives.sort(Comparator.comparing(ScanOnSparkTest::modified));
        Path archive = archives.get(archives.size() - 1);
        assertTrue(archive.getFileName().toString().endsWith("-" + Files.size(archive) + JobArchive.SUFFIX),
                archive.toString());
        return archive;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theFirstRunRecordedTheJobsClassesForTheNext() throws IOException {
        // a Spark job's JVM loads some 10,000 classes: tens of megabytes of archive
        assertTrue(Files.size(theArchive()) > 10_000_000L, theArchive().toString());
    }

    /**
     * An archive the JVM cannot use (here garbage of the right size) is passed over: the scan still
     * writes the same store, and prints what it prints.
     */
    @Test
    void aGarbageArchiveLeavesTheScanAsItIs() throws Exception {
        Path archive = theArchive();
        byte[] garbage = new byte[(int) Files.size(archive)];
        new Random(18).nextBytes(garbage);
        archive.toFile().setWritable(true);
        Files.write(archive, garbage);
        Path store = dir.resolve("garbage-archive.db");
        Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", store.toString(), "--spark", "local[2]");
        assertEquals(0, s.code(), s.err());
        assertEquals(
                sparkOut.replace(spark.toString(), store.toString()).replaceAll("[0-9.]+ s \\([0-9]+ images/s\\)", "T"),
                s.out().replaceAll("[0-9.]+ s \\([0-9]+ images/s\\)", "T"));
        assertEquals(tables(local), tables(store));
    }

    /**
     * A truncated archive, which would crash Java 17, is never given to the JVM: the command sees
     * that its size is not the one it took, deletes it and records a whole one again.
     */
    @Test
    void aTruncatedArchiveIsRecordedAgain() throws Exception {
        Path archive = theArchive();
        archive.toFile().setWritable(true);
        try (FileChannel c = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            c.truncate(c.size() / 3);
        }
        Path store = dir.resolve("truncated-archive.db");
        Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", store.toString(), "--spark", "local[2]");
        assertEquals(0, s.code(), s.err());
        assertEquals(tables(local), tables(store));
        assertTrue(Files.size(theArchive()) > 10_000_000L, theArchive().toString());
    }

    @Test
    void aJobThatIsNotThereIsNamed() {
        IOException e = assertThrows(IOException.class, () -> SparkJob.find(dir.resolve("nothing").toString()));
        assertTrue(e.getMessage().contains(SparkJob.JOB_ENV) && e.getMessage().contains("nothing"), e.getMessage());
    }
}
