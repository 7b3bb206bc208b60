package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convscope scan} killed with {@code SIGKILL} (as {@code kill -9}) at a random moment and run
 * again continues where its store says it stopped and ends with the store an uninterrupted scan
 * writes, table for table, every double bit for bit. The scan runs in a JVM of its own (here because
 * this module's tests run on a plain class path, which that JVM takes whole), one image a batch, so
 * that the 200 digits are 200 commits: the moment is a number of images done drawn at random (the
 * seed is in the failure's message), and the kill comes as soon as the store says that many are
 * done, so it lands inside a batch, inside a commit or between two.
 */
class ScanKilledTest {

    private static final String LAYERS = "conv2d_2,dense_1";
    private static final int IMAGES = 200;

    @TempDir
    static Path dir;

    private static Process scan(Path store, String name) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SparkJob.jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "scan",
                ScanOnSparkTest.model(), ScanOnSparkTest.digits(), "--layers", LAYERS, "--batch", "1", "--out",
                store.toString()));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static String output(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out")) + Files.readString(dir.resolve(name + ".err"));
    }

    /** @return the images the store says are done, 0 before its first commit */
    private static int done(Path store) {
        if (!Files.exists(store)) {
            return 0;
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store);
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT value FROM manifest WHERE key = 'done'")) {
            return r.next() ? Integer.parseInt(r.getString(1)) : 0;
        } catch (SQLException | NumberFormatException e) {
            // not yet a store (being created): nothing done
            return 0;
        }
    }

    @Test
    void aScanKilledAtARandomMomentAndRunAgainEqualsAnUninterruptedOne() throws Exception {
        Path whole = dir.resolve("uninterrupted.db");
        Process p = scan(whole, "uninterrupted");
        assertEquals(0, p.waitFor(), output("uninterrupted"));

        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 3; round++) {
            int at = 20 + random.nextInt(IMAGES - 60);
            String name = "killed-" + round;
            Path store = dir.resolve(name + ".db");
            Process scan = scan(store, name);
            int seen = 0;
            while (scan.isAlive() && (seen = done(store)) < at) {
                Thread.sleep(2);
            }
            scan.destroyForcibly();
            assertTrue(scan.waitFor(60, TimeUnit.SECONDS), "the scan outlived SIGKILL");
            String why = "seed " + seed + ", round " + round + ", killed at " + at + " images done: " + output(name);
            assertTrue(seen >= at && seen < IMAGES, "the kill should come in the middle of the scan; " + why);

            Process again = scan(store, name + "-again");
            assertEquals(0, again.waitFor(), output(name + "-again"));
            String out = output(name + "-again");
            assertTrue(out.contains("resumed after image "), why + "\nrun again: " + out);
            assertEquals(ScanOnSparkTest.tables(whole), ScanOnSparkTest.tables(store), why);
        }
    }
}
