package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The benchmark mains that {@code releng/benchmarks} compiles with javac and runs on a plain
 * classpath ({@code releng/benchmarks/src} and the single-file {@code NativeBuildsBench.java})
 * still compile against this core and engine. They are not in a test bundle, so no other step of
 * the build compiles them, and a changed API would otherwise surface only at the next benchmark run.
 */
class BenchmarkMainsTest {

    @Test
    void theBenchmarkMainsCompileAgainstThisCoreAndEngine(@TempDir Path out) throws IOException {
        Path benchmarks = Fixtures.dir().getParent().getParent().getParent().resolve("releng/benchmarks");
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(benchmarks.resolve("src")), Files.list(benchmarks))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        Set<String> names = sources.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("ReadBench.java", "ActivationsBench.java", "ForwardProfile.java",
                "VisualizeBench.java", "NativeBuildsBench.java")), "the mains the scripts run: " + names);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK's compiler");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> classpath = classpath();
            List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8", "-d",
                    out.toString(), "-cp", String.join(File.pathSeparator, classpath));
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.toString()).toList();
            assertEquals(List.of(), errors, "classpath: " + classpath);
            assertTrue(compiled);
        }
        assertTrue(Files.isRegularFile(out.resolve("org/convscope/engine/bench/ActivationsBench.class")));
    }

    /**
     * The jars and class folders of every bundle of the running framework (the core, the engine,
     * the ND4J library bundle's inner jars, jHDF, Gson, ...), or the plain classpath outside OSGi.
     */
    private static List<String> classpath() {
        Bundle self = FrameworkUtil.getBundle(Engine.class);
        if (self == null) {
            return List.of(System.getProperty("java.class.path"));
        }
        // the engine's context while it is active, else the framework's own (the system bundle)
        Bundle any = self.getBundleContext() != null ? self : FrameworkUtil.getBundle(Bundle.class);
        Set<String> entries = new LinkedHashSet<>();
        for (Bundle b : any.getBundleContext().getBundles()) {
            Path location = location(b);
            if (location == null) {
                continue;
            }
            if (Files.isRegularFile(location)) {
                entries.add(location.toString());
            } else if (Files.isDirectory(location)) {
                entries.addAll(folderEntries(b, location));
            }
        }
        return new ArrayList<>(entries);
    }

    /**
     * @return the file or folder a bundle was installed from, or null when it is not a file;
     *         Equinox keeps locations relative to its install area
     */
    private static Path location(Bundle b) {
        String l = b.getLocation();
        int file = l.indexOf("file:");
        if (file < 0) {
            return null;
        }
        Path path = Path.of(l.substring(file + "file:".length()));
        String area = System.getProperty("osgi.install.area");
        if (!path.isAbsolute() && area != null && area.startsWith("file:")) {
            path = Path.of(area.substring("file:".length())).resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }

    /** A bundle installed from a folder: its Bundle-ClassPath entries and its build output. */
    private static List<String> folderEntries(Bundle b, Path folder) {
        List<String> entries = new ArrayList<>();
        String header = b.getHeaders().get("Bundle-ClassPath");
        for (String e : header == null ? new String[] { "." } : header.split(",")) {
            Path p = folder.resolve(e.trim().split(";")[0]);
            if (Files.exists(p) && !e.trim().equals(".")) {
                entries.add(p.toString());
            }
        }
        Path classes = folder.resolve("target/classes");
        if (Files.isDirectory(classes)) {
            entries.add(classes.toString());
        }
        return entries;
    }
}
