package org.convscope.core.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No two classes of the repository share a simple name (releng/style/STYLE.md): a reader, a stack
 * trace or an import then always means one class. Scans the sources of every bundle
 * ({@code bundles/*}{@code /src}, main and test bundles alike) and of the benchmarks
 * ({@code releng/benchmarks/src}). The exceptions are Eclipse's conventions, one per package:
 * the NLS {@code Messages} class and {@code package-info}.
 */
class ClassNamesTest {

    /** Names that every package may have once. */
    private static final Set<String> PER_PACKAGE = Set.of("Messages", "package-info");

    @Test
    void noTwoClassesShareASimpleName() throws IOException {
        Path repository = Fixtures.dir().getParent().getParent().getParent();
        Map<String, List<Path>> names = names(repository);
        int files = names.values().stream().mapToInt(List::size).sum();
        assertTrue(files > 300 && names.containsKey("ClassNamesTest"),
                "the scan found " + files + " sources under " + repository);
        assertEquals(Map.of(), duplicates(names), "simple class names used more than once: rename one side");
    }

    @Test
    void aDuplicateIsFoundAcrossBundlesAndThePerPackageNamesAreNot(@TempDir Path repository) throws IOException {
        write(repository.resolve("bundles/a/src/org/x/Graph.java"));
        write(repository.resolve("bundles/b.tests/src/org/y/Graph.java"));
        write(repository.resolve("bundles/a/src/org/x/Messages.java"));
        write(repository.resolve("bundles/b.tests/src/org/y/Messages.java"));
        write(repository.resolve("bundles/a/src/org/x/package-info.java"));
        write(repository.resolve("bundles/b.tests/src/org/y/package-info.java"));
        write(repository.resolve("releng/benchmarks/src/org/z/Bench.java"));
        write(repository.resolve("bundles/b.tests/src/org/y/Bench.java"));
        write(repository.resolve("bundles/a/target/classes/org/x/Only.java"));
        write(repository.resolve("bundles/b.tests/src/org/y/Only.java"));

        Map<String, List<Path>> found = duplicates(names(repository));

        assertEquals(Set.of("Graph", "Bench"), found.keySet());
        assertEquals(
                List.of(Path.of("bundles/a/src/org/x/Graph.java"), Path.of("bundles/b.tests/src/org/y/Graph.java")),
                found.get("Graph"));
    }

    /** @return every simple name of the sources scanned, with its files (relative to the repository, sorted) */
    private static Map<String, List<Path>> names(Path repository) throws IOException {
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> bundles = Files.list(repository.resolve("bundles"))) {
            bundles.map(b -> b.resolve("src")).filter(Files::isDirectory).forEach(roots::add);
        }
        Path benchmarks = repository.resolve("releng/benchmarks/src");
        if (Files.isDirectory(benchmarks)) {
            roots.add(benchmarks);
        }
        Map<String, List<Path>> names = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.getFileName().toString().endsWith(".java")).sorted().forEach(f -> {
                    String name = f.getFileName().toString().replaceFirst("\\.java$", "");
                    names.computeIfAbsent(name, n -> new ArrayList<>()).add(repository.relativize(f));
                });
            }
        }
        names.values().forEach(l -> l.sort(null));
        return names;
    }

    private static Map<String, List<Path>> duplicates(Map<String, List<Path>> names) {
        Map<String, List<Path>> duplicates = new TreeMap<>(names);
        duplicates.entrySet().removeIf(e -> e.getValue().size() < 2 || PER_PACKAGE.contains(e.getKey()));
        return duplicates;
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class " + file.getFileName().toString().replace(".java", "") + " {}\n");
    }
}
