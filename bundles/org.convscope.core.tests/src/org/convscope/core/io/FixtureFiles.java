package org.convscope.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.convscope.core.testing.Fixtures;

/** The good model fixtures, by format. */
final class FixtureFiles {

    private FixtureFiles() {
    }

    static Path models() {
        return Fixtures.file("models");
    }

    static Path tfjs() {
        return Fixtures.file("tfjs");
    }

    /** @return every readable model file: .h5, .keras and tfjs model.json */
    static List<Path> all() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(models())) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".h5") || n.endsWith(".keras");
            }).sorted().forEach(out::add);
        }
        try (Stream<Path> s = Files.list(tfjs())) {
            s.map(d -> d.resolve("model.json")).filter(Files::isRegularFile).sorted().forEach(out::add);
        }
        if (out.size() < 10) {
            throw new IllegalStateException("fixtures missing: found only " + out);
        }
        return out;
    }

    /** @return the content of a file, for mutation */
    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
