package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job's class-data-sharing archive: recorded under a temporary name, taken only when the
 * job ended with success, mapped by later runs of the same command, replaced when the class path
 * changes, and what is half-written, left behind or unused for a month deleted; the archive the
 * job's build recorded mapped by a run with none of its own, for the Java and the job's jars it was
 * recorded for only. (That the build records it, that the job's JVM takes it, and that the job
 * still scans correctly from a garbage or truncated one, {@code ScanOnSparkTest} in the Spark job's
 * module checks.)
 */
class JobArchiveTest {

    @TempDir
    Path dir;
    Path folder;
    Path javaHome;
    Path job;
    Path jar;

    @BeforeEach
    void aJavaAndAJob() throws IOException {
        folder = dir.resolve("cds");
        javaHome = Files.createDirectories(dir.resolve("java/lib/server"));
        Files.write(javaHome.resolve("classes.jsa"), new byte[] { 1 });
        javaHome = dir.resolve("java");
        job = Files.createDirectories(dir.resolve("job"));
        jar = Files.write(job.resolve("job.jar"), new byte[] { 1, 2, 3 });
    }

    private List<String> command() {
        return List.of("java", "-Xmx1g", "-cp", jar + File.pathSeparator + dir.resolve("missing.jar"), "Main",
                "--master", "local[2]");
    }

    private JobArchive archive() {
        return JobArchive.of(folder, javaHome, job, command());
    }

    /** What the JVM would write at exit. */
    private static void record(JobArchive a, int bytes) throws IOException {
        Files.write(a.recording(), new byte[bytes]);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theFolderIsTheEnvironmentsOrTheHomesAndOffIsNone() {
        assertNull(JobArchive.folder(Map.of(JobArchive.ENV, "off")));
        assertEquals(Path.of("/x/cds"), JobArchive.folder(Map.of(JobArchive.ENV, "/x/cds")));
        assertEquals(Path.of(System.getProperty("user.home"), ".convscope", "cds"), JobArchive.folder(Map.of()));
        assertNull(JobArchive.of(null, javaHome, job, command()));
    }

    @Test
    void aJavaWithoutADefaultArchiveGetsNone() throws IOException {
        Files.delete(javaHome.resolve("lib/server/classes.jsa"));
        assertNull(archive());
    }

    @Test
    void aFolderOfClassesOnTheClassPathGetsNone() throws IOException {
        // Java 17 would record nothing and end the job's JVM with exit code 1
        Path classes = Files.createDirectories(dir.resolve("classes/org"));
        Files.write(classes.resolve("A.class"), new byte[] { 1 });
        assertNull(JobArchive.of(folder, javaHome, job,
                List.of("java", "-cp", jar + File.pathSeparator + dir.resolve("classes"), "Main")));
    }

    @Test
    void theFirstRunRecordsUnderATemporaryNameAndLaterRunsMapTheTakenArchive() throws IOException {
        JobArchive first = archive();
        assertNull(first.existing());
        Path recording = first.recording();
        assertNotNull(recording);
        List<String> cmd = first.apply(command());
        assertEquals("java", cmd.get(0));
        assertEquals("-XX:ArchiveClassesAtExit=" + recording, cmd.get(1));
        assertTrue(cmd.containsAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off")), cmd.toString());
        assertEquals(command().subList(1, command().size()), cmd.subList(4, cmd.size()));
        // while the job runs, nothing is there to map
        record(first, 1000);
        assertNull(archive().existing());

        first.finish(0);
        assertFalse(Files.exists(recording));
        List<Path> taken = files();
        assertEquals(1, taken.size(), taken.toString());
        assertTrue(taken.get(0).getFileName().toString().endsWith("-1000.jsa"), taken.toString());

        JobArchive later = archive();
        assertEquals(taken.get(0), later.existing());
        assertNull(later.recording());
        assertEquals("-XX:SharedArchiveFile=" + taken.get(0), later.apply(command()).get(1));
        later.finish(0);
        assertEquals(taken, files());
    }

    @Test
    void aFailedJobsRecordingIsNeverTaken() throws IOException {
        JobArchive first = archive();
        record(first, 1000);
        first.finish(1);
        assertEquals(List.of(), files());
        JobArchive empty = archive();
        record(empty, 0);
        empty.finish(0);
        assertEquals(List.of(), files());
    }

    @Test
    void anArchiveOfAnotherSizeThanItsNameSaysIsDeletedAndRecordedAgain() throws IOException {
        JobArchive first = archive();
        record(first, 1000);
        first.finish(0);
        Path taken = files().get(0);
        Files.write(taken, new byte[500]);
        JobArchive again = archive();
        assertNull(again.existing());
        assertNotNull(again.recording());
        assertFalse(Files.exists(taken));
    }

    @Test
    void aChangedClassPathGetsItsOwnArchiveWhichReplacesTheOlder() throws IOException {
        JobArchive first = archive();
        record(first, 1000);
        first.finish(0);
        Path older = files().get(0);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        JobArchive rebuilt = archive();
        assertNull(rebuilt.existing());
        record(rebuilt, 2000);
        rebuilt.finish(0);
        List<Path> now = files();
        assertEquals(1, now.size(), now.toString());
        assertNotEquals(older, now.get(0));
        assertTrue(now.get(0).getFileName().toString().endsWith("-2000.jsa"), now.toString());
    }

    @Test
    void runsWithOtherJvmOptionsKeepTheirOwnArchives() throws IOException {
        JobArchive first = archive();
        record(first, 1000);
        first.finish(0);
        List<String> bigger = List.of("java", "-Xmx2g", "-cp", command().get(3), "Main");
        JobArchive other = JobArchive.of(folder, javaHome, job, bigger);
        assertNull(other.existing());
        record(other, 2000);
        other.finish(0);
        assertEquals(2, files().size(), files().toString());
        assertNotNull(archive().existing());
        assertNotNull(JobArchive.of(folder, javaHome, job, bigger).existing());
    }

    /** What the job's build would have recorded, for {@code java}. */
    private Path built(Path java, int bytes) throws IOException {
        Files.createDirectories(job.resolve("lib"));
        Path cds = Files.createDirectories(job.resolve(JobArchive.BUILT_FOLDER));
        return Files.write(
                cds.resolve(JobArchive.BUILT + JobArchive.builtKey(java, job) + "-" + bytes + JobArchive.SUFFIX),
                new byte[bytes]);
    }

    @Test
    void aRunWithNoArchiveOfItsOwnMapsTheBuiltOneAndRecordsNothing() throws IOException {
        Path built = built(javaHome, 3000);
        FileTime recorded = FileTime.from(Instant.now().minus(Duration.ofDays(40)));
        Files.setLastModifiedTime(built, recorded);
        JobArchive first = archive();
        assertEquals(built, first.existing());
        assertNull(first.recording());
        List<String> cmd = first.apply(command());
        assertEquals("-XX:SharedArchiveFile=" + built, cmd.get(1));
        assertEquals(command().subList(1, command().size()), cmd.subList(4, cmd.size()));
        first.finish(0);
        assertEquals(List.of(), files(), "nothing recorded");
        assertEquals(recorded, Files.getLastModifiedTime(built), "the build's archive is never written");
        // and never pruned, however long unused
        assertEquals(built, archive().existing());
    }

    @Test
    void theBuiltArchiveOfAnotherJavaOrOfJarsSinceChangedIsPassedOver() throws IOException {
        Path otherJava = Files.createDirectories(dir.resolve("java2/lib/server"));
        Files.write(otherJava.resolve("classes.jsa"), new byte[] { 1 });
        built(dir.resolve("java2"), 3000);
        assertNull(archive().existing());
        assertNotNull(archive().recording());

        Path built = built(javaHome, 3000);
        assertEquals(built, archive().existing());
        Files.write(jar, new byte[] { 1, 2, 3, 4 });
        assertNull(archive().existing(), "the job's jar changed since the build recorded it");
        assertNotNull(archive().recording());
        assertTrue(Files.exists(built), "the build's archive is the build's to replace");
    }

    @Test
    void aBuiltArchiveOfAnotherSizeThanItsNameSaysIsPassedOverAndKept() throws IOException {
        Path built = built(javaHome, 3000);
        Files.write(built, new byte[1000]);
        JobArchive run = archive();
        assertNull(run.existing());
        assertNotNull(run.recording());
        assertTrue(Files.exists(built));
    }

    @Test
    void aRunsOwnArchiveWinsOverTheBuiltOne() throws IOException {
        JobArchive first = archive();
        record(first, 1000);
        first.finish(0);
        Path own = files().get(0);
        built(javaHome, 3000);
        assertEquals(own, archive().existing());
    }

    @Test
    void leftoversOfEndedRunsAndArchivesUnusedForAMonthArePruned() throws IOException {
        Files.createDirectories(folder);
        // a pid no process has: Linux's are below 2^22
        Path leftover = Files.write(folder.resolve(JobArchive.PREFIX + "a-b.jsa.tmp.99999999"), new byte[7]);
        Path running = Files.write(
                folder.resolve(JobArchive.PREFIX + "a-c.jsa.tmp." + ProcessHandle.current().pid()), new byte[7]);
        Path unused = Files.write(folder.resolve(JobArchive.PREFIX + "d-e-7.jsa"), new byte[7]);
        Files.setLastModifiedTime(unused, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        Path recent = Files.write(folder.resolve(JobArchive.PREFIX + "f-g-7.jsa"), new byte[7]);
        Path other = Files.write(folder.resolve("workbench-abc.jsa"), new byte[7]);
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        assertNotNull(archive());
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(unused));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(other), "the workbench's archives are the launcher's to prune");
    }
}
