package org.convscope.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.convscope.core.text.MessageBundles;

/**
 * Class data sharing for the Spark job's JVM, as the launcher does for the workbench's: before its
 * first image the job loads, verifies and initialises some 10,000 classes of Spark, Scala, Netty and
 * log4j, most of its fixed cost. The first run records the classes it loaded into a dynamic archive
 * ({@code -XX:ArchiveClassesAtExit}), written by the job's JVM as it exits under a temporary name
 * and taken (renamed) once that JVM has ended with success; later runs map it
 * ({@code -XX:SharedArchiveFile}) instead of loading the classes again. One archive per Java build,
 * job artifact, class path and JVM options (the key), in the folder {@value #ENV} names (default
 * {@code ~/.convscope/cds}; {@code off} disables it).
 *
 * <p>
 * Measured (RESULTS.md, session 11): a dynamic archive costs the first run less than a static one
 * ({@code -XX:DumpLoadedClassList}, then {@code -Xshare:dump}, which loads and verifies every
 * listed class again) and later runs start faster from it. The JVM reads an archive's header before
 * using it and runs without one it cannot use (a garbage file); but Java 17 crashes on a truncated
 * archive, so the archive's size is part of its file name and one of another size is deleted, not
 * given to the JVM. Nothing goes to the job's standard output: the JVM's messages about the archive
 * are off.
 *
 * <p>
 * A machine's first run would then pay for the recording (the job's JVM writes some 60–80 MB as
 * it exits) and start without an archive. So the job's build records one too ({@link #recordBuilt},
 * run by the job module's pom through {@link JobTraining}): a training run of the job's warm-up
 * (Spark started and two rounds of a scan-shaped job, no engine) on the job's own class path, into
 * the job's folder ({@value #BUILT_FOLDER}{@code /}), for the Java that builds it. Its key is that
 * Java and the job's own jars (paths, sizes, times), which start the class path of every run, so
 * the JVM takes it whatever follows them; a run with no archive of its own maps the built one when
 * the key is the same, and records nothing. A run with another Java, or with the job's folder moved,
 * records its own as before.
 */
final class JobArchive {

    /** The archives' folder, or {@value #OFF}. */
    static final String ENV = "CONVSCOPE_CDS";
    static final String OFF = "off";
    static final String PREFIX = "spark-job-";
    static final String SUFFIX = ".jsa";
    /** The built archive's folder in the job's, and its name's start there. */
    static final String BUILT_FOLDER = "cds";
    static final String BUILT = PREFIX + "built-";
    private static final String TEMPORARY = ".tmp.";
    /** Archives not used for this long are deleted. */
    private static final Duration UNUSED = Duration.ofDays(30);
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path folder;
    /**
     * Names this installation (Java, job folder, JVM options): its archives of older builds are
     * replaced; runs with other options (another heap) keep their own.
     */
    private final String installation;
    /** Names what the archive depends on besides: the class path's files, the JVM options. */
    private final String key;
    private final Path existing;
    private final Path recording;
    /** Whether {@link #existing} is the job's built archive, which a run never writes. */
    private final boolean built;

    private JobArchive(Path folder, String installation, String key, Path existing, Path recording, boolean built) {
        this.folder = folder;
        this.installation = installation;
        this.key = key;
        this.existing = existing;
        this.recording = recording;
        this.built = built;
    }

    /** @return the archives' folder: {@value #ENV}, else {@code ~/.convscope/cds}; null when off */
    static Path folder(Map<String, String> env) {
        String own = env.get(ENV);
        if (OFF.equals(own)) {
            return null;
        }
        return own != null && !own.isBlank()
                ? Path.of(own)
                : Path.of(System.getProperty("user.home"), ".convscope", "cds");
    }

    /**
     * The archive for the job's command, to use or to record. Leftovers of runs that ended without
     * taking their archive, and archives unused for 30 days, are deleted on the way.
     *
     * @param folder   the archives' folder ({@link #folder}), or null for none
     * @param javaHome the Java running the job
     * @param job      the job's folder
     * @param command  the job's command: {@code java}, its JVM options, {@code -cp PATH}, the main
     *                 class (what follows does not matter)
     * @return null when there is no folder, it cannot be made, or this Java has no default archive
     *         for a dynamic one to build on
     */
    static JobArchive of(Path folder, Path javaHome, Path job, List<String> command) {
        if (folder == null || !Files.isRegularFile(javaHome.resolve("lib/server/classes.jsa"))
                || classPath(command).stream().anyMatch(Files::isDirectory)) {
            // a folder of classes on the class path: Java 17 records no archive then, and ends
            // the job's JVM with exit code 1 after a whole scan
            return null;
        }
        try {
            Files.createDirectories(folder);
            int cp = command.indexOf("-cp");
            List<String> options = new ArrayList<>(command.subList(0, cp < 0 ? command.size() : cp));
            options.addAll(List.of(javaHome.toString(), job.toAbsolutePath().toString()));
            String installation = digest(options);
            String key = digest(keyed(command));
            prune(folder);
            Path existing = null;
            try (DirectoryStream<Path> found = Files.newDirectoryStream(folder,
                    PREFIX + installation + "-" + key + "-*" + SUFFIX)) {
                for (Path f : found) {
                    if (whole(f)) {
                        existing = f;
                    } else {
                        Files.deleteIfExists(f);
                    }
                }
            }
            if (existing == null) {
                Path built = built(javaHome, job);
                if (built != null) {
                    return new JobArchive(folder, installation, key, built, null, true);
                }
            }
            Path recording = existing != null
                    ? null
                    : folder.resolve(PREFIX + installation + "-" + key + SUFFIX + TEMPORARY
                            + ProcessHandle.current().pid());
            return new JobArchive(folder, installation, key, existing, recording, false);
        } catch (IOException | RuntimeException e) {
            // no archive: the job starts as it would without one
            return null;
        }
    }

    /**
     * @param javaHome the Java running the job
     * @param job      the job's folder
     * @return the archive the job's build recorded for this Java and the job's jars as they are
     *         now, when whole; else null
     */
    static Path built(Path javaHome, Path job) throws IOException {
        Path dir = job.resolve(BUILT_FOLDER);
        if (!Files.isDirectory(dir) || SparkJob.jobJar(job) == null) {
            return null;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir,
                BUILT + builtKey(javaHome, job) + "-*" + SUFFIX)) {
            for (Path f : found) {
                if (whole(f)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** What the built archive depends on: the Java, and the job's own jars, which start every run's class path. */
    static String builtKey(Path javaHome, Path job) throws IOException {
        List<String> keyed = new ArrayList<>(List.of(System.getProperty("java.vm.version"),
                javaHome.toAbsolutePath().toString()));
        for (String e : SparkJob.ownClassPath(job).split(File.pathSeparator)) {
            Path p = Path.of(e);
            keyed.add(p.toAbsolutePath() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
        }
        return digest(keyed);
    }

    /**
     * Records the job's built archive: runs the job's warm-up on its own class path with this
     * process's Java ({@link SparkJob#warmUpCommand}) and takes the archive its JVM writes as it
     * exits, replacing the job's built archives of other keys. Nothing is recorded for a Java with no
     * default archive to build on.
     *
     * @param job the job's folder
     * @param out where the warm-up's output and what was recorded are said
     * @return the warm-up's exit code (0 also when nothing was to be recorded)
     */
    static int recordBuilt(Path job, PrintStream out) throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (!Files.isRegularFile(javaHome.resolve("lib/server/classes.jsa"))) {
            out.println(MessageBundles.bind(Messages.builtArchiveNoBase, javaHome));
            return 0;
        }
        Path dir = Files.createDirectories(job.resolve(BUILT_FOLDER));
        String key = builtKey(javaHome, job);
        Path recording = dir.resolve(BUILT + key + SUFFIX + TEMPORARY + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>(SparkJob.warmUpCommand(job, javaHome));
        List<String> options = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + recording));
        options.addAll(QUIET);
        command.addAll(1, options);
        int code = SparkJob.run(command, out, out);
        long size = Files.isRegularFile(recording) ? Files.size(recording) : 0;
        if (code != 0 || size == 0) {
            Files.deleteIfExists(recording);
            return code;
        }
        Path archive = dir.resolve(BUILT + key + "-" + size + SUFFIX);
        Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, BUILT + "*")) {
            for (Path f : older) {
                if (!f.equals(archive)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        out.println(MessageBundles.bind(Messages.builtArchiveRecorded, archive, size));
        return 0;
    }

    /** @return the entries of the command's {@code -cp} */
    private static List<Path> classPath(List<String> command) {
        int cp = command.indexOf("-cp");
        if (cp < 0 || cp + 1 >= command.size()) {
            return List.of();
        }
        return Arrays.stream(command.get(cp + 1).split(File.pathSeparator)).filter(e -> !e.isEmpty()).map(Path::of)
                .toList();
    }

    /** What the archive depends on: the Java build, the command up to the main class, the class path's files. */
    private static List<String> keyed(List<String> command) throws IOException {
        List<String> keyed = new ArrayList<>();
        keyed.add(System.getProperty("java.vm.version"));
        int cp = command.indexOf("-cp");
        keyed.addAll(command.subList(0, cp < 0 ? command.size() : Math.min(cp + 2, command.size())));
        for (Path p : classPath(command)) {
            if (Files.isRegularFile(p)) {
                keyed.add(p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return keyed;
    }

    private static String digest(List<String> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return whether an archive's size is the one its name records */
    private static boolean whole(Path archive) throws IOException {
        String name = archive.getFileName().toString();
        String size = name.substring(name.lastIndexOf('-') + 1, name.length() - SUFFIX.length());
        try {
            return Files.size(archive) == Long.parseLong(size);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Deletes temporary archives whose recording command has ended without taking them (killed, or
     * its job failed), and archives unused for {@link #UNUSED}.
     */
    private static void prune(Path folder) throws IOException {
        Instant old = Instant.now().minus(UNUSED);
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder, PREFIX + "*")) {
            for (Path f : all) {
                String name = f.getFileName().toString();
                int t = name.lastIndexOf(TEMPORARY);
                try {
                    if (t >= 0) {
                        long pid = Long.parseLong(name.substring(t + TEMPORARY.length()));
                        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                            continue;
                        }
                        Files.deleteIfExists(f);
                    } else if (name.endsWith(SUFFIX) && Files.getLastModifiedTime(f).toInstant().isBefore(old)) {
                        Files.deleteIfExists(f);
                    }
                } catch (NumberFormatException | IOException e) {
                    // not ours, or gone meanwhile: left as it is
                }
            }
        }
    }

    /** @return the archive this run maps, or null when it records one */
    Path existing() {
        return existing;
    }

    /** @return the temporary file this run's job records into, or null when it maps an archive */
    Path recording() {
        return recording;
    }

    /**
     * @return {@code command} with the options that map the archive or record it, after
     *         {@code java}
     */
    List<String> apply(List<String> command) {
        List<String> with = new ArrayList<>(command);
        List<String> options = new ArrayList<>();
        if (existing != null) {
            options.add("-XX:SharedArchiveFile=" + existing);
            // marks it used, for the pruning of unused ones (the job's own is never pruned)
            try {
                if (!built) {
                    Files.setLastModifiedTime(existing, FileTime.from(Instant.now()));
                }
            } catch (IOException e) {
                // an archive left unmarked is at worst recorded again after a month
            }
        } else {
            options.add("-XX:ArchiveClassesAtExit=" + recording);
        }
        options.addAll(QUIET);
        with.addAll(1, options);
        return with;
    }

    /**
     * After the job's JVM has ended: takes the archive it recorded when it ended with success,
     * replacing this installation's archives of other keys; else deletes what it left.
     */
    void finish(int exitCode) {
        if (recording == null) {
            return;
        }
        try {
            long size = Files.isRegularFile(recording) ? Files.size(recording) : 0;
            if (exitCode != 0 || size == 0) {
                Files.deleteIfExists(recording);
                return;
            }
            Path archive = folder.resolve(PREFIX + installation + "-" + key + "-" + size + SUFFIX);
            Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (DirectoryStream<Path> older = Files.newDirectoryStream(folder,
                    PREFIX + installation + "-*" + SUFFIX)) {
                for (Path f : older) {
                    if (!f.getFileName().toString().startsWith(PREFIX + installation + "-" + key + "-")) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            // no archive this time; the next run records one
        }
    }
}
