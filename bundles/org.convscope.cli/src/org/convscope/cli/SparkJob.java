package org.convscope.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convscope.core.text.MessageBundles;

/**
 * {@code scan --spark MASTER}: runs the scan's Spark job, an artifact built apart from the product
 * ({@code bundles/org.convscope.scan.spark}, the folder {@code convscope-scan-spark-VERSION} of the
 * job's jar, {@code lib/} and {@code spark/}), in a process of its own, so that neither the product
 * nor a scan without {@code --spark} ever has Spark on its class path. With {@code SPARK_HOME} set
 * it goes through that installation's {@code spark-submit}; otherwise through {@code java} with the
 * artifact's own Spark. Either way the job's driver (and executors) get, in this order, the job's
 * {@code lib/}, Spark's jars and this process's class path (the engine's ND4J and its natives), and
 * this process's JVM options (heap, JavaCPP's limits).
 */
final class SparkJob {

    /** Where the artifact is, when set: its folder. */
    static final String JOB_ENV = "CONVSCOPE_SPARK_JOB";
    static final String SPARK_HOME_ENV = "SPARK_HOME";
    static final String ARTIFACT = "convscope-scan-spark";
    static final String MAIN_CLASS = "org.convscope.scan.spark.SparkScan";
    static final String WARM_UP_CLASS = "org.convscope.scan.spark.WarmUp";
    /** The artifact's folder, below the repository, after the build. */
    static final String BUILT_UNDER = "bundles/org.convscope.scan.spark/target";

    /**
     * Spark on Java 17 reaches into the JDK's internals (direct buffers, the cleaner, reflection on
     * collections): the options Spark's own launcher sets ({@code JavaModuleOptions}).
     */
    static final List<String> JAVA_17_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /**
     * The job's JVM takes its initial heap at start: the heap is then resident from the first image,
     * not page by page as the collector first reaches it, so the job's resident memory is the same
     * for a short scan as for a long one (the heap, Spark, and one run's native buffers, kept near
     * what is in use by the job's own trimming) instead of creeping up over the first minutes.
     */
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    private SparkJob() {
    }

    /**
     * The artifact's folder: {@value #JOB_ENV} when set, else the newest
     * {@code convscope-scan-spark-*} under {@value #BUILT_UNDER} of the repository this command runs
     * from.
     *
     * @throws IOException naming where it looked and how to build it
     */
    static Path find(String fromEnvironment) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            Path dir = Path.of(fromEnvironment);
            if (jobJar(dir) == null) {
                throw new IOException(MessageBundles.bind(Messages.sparkJobNotInEnv, JOB_ENV, dir, ARTIFACT));
            }
            return dir;
        }
        List<Path> looked = new ArrayList<>();
        for (Path p = codeLocation(); p != null; p = p.getParent()) {
            Path target = p.resolve(BUILT_UNDER);
            if (!Files.isDirectory(p.resolve("bundles"))) {
                continue;
            }
            looked.add(target);
            Path found = newest(target);
            if (found != null) {
                return found;
            }
        }
        throw new IOException(MessageBundles.bind(Messages.sparkJobMissing, ARTIFACT,
                looked.isEmpty()
                        ? codeLocation()
                        : looked.stream().map(Path::toString).collect(Collectors.joining(", ")),
                JOB_ENV));
    }

    private static Path codeLocation() {
        try {
            return Path.of(SparkJob.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static Path newest(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        Path best = null;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(target, ARTIFACT + "-*")) {
            for (Path d : dirs) {
                if (jobJar(d) != null && (best == null
                        || Files.getLastModifiedTime(d).compareTo(Files.getLastModifiedTime(best)) > 0)) {
                    best = d;
                }
            }
        }
        return best;
    }

    /** @return the job's jar in {@code dir}, or null */
    static Path jobJar(Path dir) {
        Path jar = dir.resolve(dir.getFileName() + ".jar");
        return Files.isRegularFile(jar) && Files.isDirectory(dir.resolve("lib")) ? jar : null;
    }

    /**
     * The command that runs the job.
     *
     * @param job        the artifact's folder
     * @param master     Spark's master URL, e.g. {@code local[2]} or {@code spark://host:7077}
     * @param sparkHome  a Spark installation, or null to run with the artifact's Spark
     * @param classPath  this process's class path: after the job's own jars
     * @param jvmOptions this process's JVM options worth keeping (heap, system properties)
     * @param arguments  the job's arguments
     */
    static List<String> command(Path job, String master, String sparkHome, String classPath, List<String> jvmOptions,
            List<String> arguments) throws IOException {
        List<String> cmd = new ArrayList<>();
        String ours = kept(classPath);
        if (sparkHome != null && !sparkHome.isBlank()) {
            Path submit = Path.of(sparkHome, "bin", "spark-submit");
            if (!Files.isExecutable(submit)) {
                throw new IOException(MessageBundles.bind(Messages.sparkSubmitMissing, SPARK_HOME_ENV, submit));
            }
            // On the class path, not as --jars: the scan's jars must come before Spark's (Gson 2.13
            // over Spark's 2.10), and Spark's before ND4J's older commons-lang3 and commons-io;
            // --jars would put them all after Spark's, in a loader ND4J's own classes cannot see.
            String path = String.join(File.pathSeparator, job.resolve("lib").resolve("*").toString(),
                    Path.of(sparkHome, "jars", "*").toString(), ours);
            // spark-submit takes the heap as --driver-memory and refuses -Xmx among the options
            String options = jvmOptions.stream().filter(o -> !o.startsWith("-Xm")).collect(Collectors.joining(" "));
            cmd.addAll(List.of(submit.toString(), "--master", master, "--class", MAIN_CLASS));
            jvmOptions.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b)
                    .ifPresent(x -> cmd.addAll(List.of("--driver-memory", x.substring(4))));
            cmd.addAll(List.of("--driver-class-path", path, "--driver-java-options", options, "--conf",
                    "spark.executor.extraClassPath=" + path, "--conf", "spark.executor.extraJavaOptions=" + options,
                    jobJar(job).toString()));
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JAVA_17_OPTIONS);
            cmd.addAll(jvmOptions);
            cmd.add(PRE_TOUCH);
            String path = String.join(File.pathSeparator, ownClassPath(job), ours);
            cmd.addAll(List.of("-cp", path, MAIN_CLASS, "--master", master));
        }
        cmd.addAll(arguments);
        return cmd;
    }

    /**
     * The job's own class path, the start of its class path in every run through {@code java}: its
     * jar, then {@code lib/}'s and {@code spark/}'s jars, each folder's in the order of their names.
     */
    static String ownClassPath(Path job) throws IOException {
        return Stream.of(jobJar(job).toString(), jars(job.resolve("lib"), File.pathSeparator),
                jars(job.resolve("spark"), File.pathSeparator)).filter(p -> !p.isEmpty())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The build's training run of the job's class-data-sharing archive ({@link JobArchive#recordBuilt}):
     * the job's warm-up, Spark alone, on the job's own class path, with the options Spark needs.
     */
    static List<String> warmUpCommand(Path job, Path javaHome) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.addAll(JAVA_17_OPTIONS);
        cmd.addAll(List.of("-cp", ownClassPath(job), WARM_UP_CLASS, "local[2]"));
        return cmd;
    }

    /**
     * The class path without SLF4J 1.7's API and binding (the job logs through Spark's SLF4J 2) and
     * without folders: the job's jar and {@code lib/} hold the job's and Convscope's classes, so a
     * folder here is a development build's or a test's classes, which the job does not need and
     * which would keep its JVM from recording a class-data-sharing archive ({@link JobArchive}).
     */
    private static String kept(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !Path.of(e).getFileName().toString().startsWith("slf4j")
                        && !Files.isDirectory(Path.of(e)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String jars(Path dir, String separator) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toString)
                    .collect(Collectors.joining(separator));
        }
    }

    /**
     * @return this JVM's options worth handing to the job's: heap, the choice of collector (the
     *         launcher's for a scan: one that sizes the heap by what the scan holds), the optimising
     *         compiler's thresholds (the launcher's for a scan: fewer compiles competing with it) and
     *         system properties
     */
    static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-Xmx") || o.startsWith("-Xms") || collector(o) || o.startsWith("-XX:Tier4")
                        || o.startsWith("-D") && !o.startsWith("-Djava.class.path"))
                .toList();
    }

    private static boolean collector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    /**
     * Runs {@code command}: its standard output line by line to {@code out}, its errors to
     * {@code err}.
     *
     * @return its exit code
     */
    static int run(List<String> command, PrintStream out, PrintStream err) throws IOException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        Thread errors = new Thread(() -> copy(p.getErrorStream(), err::println), "spark job stderr");
        errors.setDaemon(true);
        errors.start();
        copy(p.getInputStream(), out::println);
        try {
            int code = p.waitFor();
            errors.join();
            return code;
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void copy(InputStream in, Consumer<String> to) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                to.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
