package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * with the sample convnet (two layers, seven batches, seven runs of one): the stores are identical
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

    /** The archives in the test's archive folder right after the first Spark run. */
    static List<Path> archivesAfterTheFirstRun;

    @BeforeAll
    static void scanBothWays() throws IOException {
        // the test's archive folder as a machine's that never ran the job (a build without clean keeps it)
        Files.createDirectories(JobArchive.folder(System.getenv()));
        for (Path f : archives()) {
            Files.delete(f);
        }
        local = dir.resolve("local.db");
        spark = dir.resolve("spark.db");
        Run l = cli("scan", model(), digits(), "--layers", LAYERS, "--out", local.toString());
        assertEquals(0, l.code(), l.err());
        Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", spark.toString(), "--spark", "local[2]");
        assertEquals(0, s.code(), s.err());
        sparkOut = s.out();
        archivesAfterTheFirstRun = archives();
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

    /** The archive the job's build recorded for this Java (the build's {@code JobTraining}). */
    private static Path theBuiltArchive() throws IOException {
        Path built = JobArchive.built(Path.of(System.getProperty("java.home")), SparkJob.find(null));
        assertNotNull(built, "no archive recorded by the build in " + SparkJob.find(null));
        return built;
    }

    /** Runs {@code java} with {@code options}: its exit code. */
    private static int java(List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("java.out").toFile())
                .start().waitFor();
    }

    @Test
    void theBuildRecordedTheJobsSparkClassesAndTheJobsJvmTakesThem() throws Exception {
        Path built = theBuiltArchive();
        // Spark, Scala, Netty and log4j: tens of megabytes of classes
        assertTrue(Files.size(built) > 10_000_000L, built.toString());
        List<String> job = SparkJob.command(SparkJob.find(null), "local[2]", null,
                System.getProperty("java.class.path"), List.of(), List.of());
        String classPath = job.get(job.indexOf("-cp") + 1);
        // -Xshare:on: the JVM ends with an error where it would otherwise run without the archive
        List<String> mapped = List.of("-Xshare:on", "-XX:SharedArchiveFile=" + built, "-Xlog:cds=off", "-cp",
                classPath, "-version");
        assertEquals(0, java(mapped), Files.readString(dir.resolve("java.out")));
        // and it does check: the same class path in another order is refused
        String[] entries = classPath.split(File.pathSeparator);
        List<String> turned = new ArrayList<>(List.of(entries).subList(1, entries.length));
        turned.add(entries[0]);
        List<String> refused = new ArrayList<>(mapped);
        refused.set(refused.indexOf(classPath), String.join(File.pathSeparator, turned));
        assertNotEquals(0, java(refused));
    }

    @Test
    void aMachinesFirstRunMapsTheBuiltArchiveAndRecordsNone() throws IOException {
        assertEquals(List.of(), archivesAfterTheFirstRun);
        // a folder with no archive in it (the test's may have one by now: a truncated test's)
        JobArchive a = JobArchive.of(dir.resolve("no-archives"), Path.of(System.getProperty("java.home")),
                SparkJob.find(null), SparkJob.command(SparkJob.find(null), "local[2]", null,
                        System.getProperty("java.class.path"), SparkJob.jvmOptions(), List.of()));
        assertEquals(theBuiltArchive(), a.existing());
    }

    /**
     * Runs {@code test} with the build's archive damaged by {@code damage}, then puts the archive
     * back as the build recorded it.
     */
    private static void withTheBuiltArchive(Damage damage, Check test) throws Exception {
        Path built = theBuiltArchive();
        Path kept = dir.resolve("kept.jsa");
        Files.copy(built, kept, StandardCopyOption.REPLACE_EXISTING);
        built.toFile().setWritable(true);
        try {
            damage.apply(built);
            test.run();
        } finally {
            Files.copy(kept, built, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(kept);
        }
    }

    private interface Damage {

        void apply(Path archive) throws IOException;
    }

    private interface Check {

        void run() throws Exception;
    }

    /**
     * An archive the JVM cannot use (here garbage of the right size) is passed over: the scan still
     * writes the same store, and prints what it prints.
     */
    @Test
    void aGarbageArchiveLeavesTheScanAsItIs() throws Exception {
        withTheBuiltArchive(archive -> {
            byte[] garbage = new byte[(int) Files.size(archive)];
            new Random(18).nextBytes(garbage);
            Files.write(archive, garbage);
        }, () -> {
            Path store = dir.resolve("garbage-archive.db");
            Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", store.toString(), "--spark",
                    "local[2]");
            assertEquals(0, s.code(), s.err());
            assertEquals(
                    sparkOut.replace(spark.toString(), store.toString()).replaceAll("[0-9.]+ s \\([0-9]+ images/s\\)",
                            "T"),
                    s.out().replaceAll("[0-9.]+ s \\([0-9]+ images/s\\)", "T"));
            assertEquals(tables(local), tables(store));
        });
    }

    /**
     * A truncated archive, which would crash Java 17, is never given to the JVM: the command sees
     * that the build's is not the size it took, and the run records a whole one of its own, which
     * the next run maps.
     */
    @Test
    void aTruncatedArchiveIsPassedOverAndTheRunRecordsItsOwn() throws Exception {
        withTheBuiltArchive(archive -> {
            try (FileChannel c = FileChannel.open(archive, StandardOpenOption.WRITE)) {
                c.truncate(c.size() / 3);
            }
        }, () -> {
            Path store = dir.resolve("truncated-archive.db");
            Run s = cli("scan", model(), digits(), "--layers", LAYERS, "--out", store.toString(), "--spark",
                    "local[2]");
            assertEquals(0, s.code(), s.err());
            assertEquals(tables(local), tables(store));
            List<Path> own = archives();
            assertEquals(1, own.size(), own.toString());
            assertTrue(own.get(0).getFileName().toString().endsWith("-" + Files.size(own.get(0)) + JobArchive.SUFFIX),
                    own.toString());
            assertTrue(Files.size(own.get(0)) > 10_000_000L, own.toString());
        });
    }

    @Test
    void aJobThatIsNotThereIsNamed() {
        IOException e = assertThrows(IOException.class, () -> SparkJob.find(dir.resolve("nothing").toString()));
        assertTrue(e.getMessage().contains(SparkJob.JOB_ENV) && e.getMessage().contains("nothing"), e.getMessage());
    }
}
