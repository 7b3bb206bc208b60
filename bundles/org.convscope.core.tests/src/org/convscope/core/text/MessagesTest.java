package org.convscope.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The core's user-visible strings (STYLE.md 8): each package's {@code Messages} class and its
 * {@code messages.properties} as the bundle ships them match key for key, and the package's code
 * uses every key.
 */
class MessagesTest {

    private static final String BUNDLE = "org.convscope.core";

    @Test
    void everyFieldHasItsKeyAndEveryKeyItsField() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path messages : messagesSources()) {
            problems.addAll(MessageBundles.problems(messagesClass(messages)));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyIsUsedByItsPackage() throws Exception {
        List<String> unused = new ArrayList<>();
        for (Path messages : messagesSources()) {
            String code = packageCode(messages.getParent());
            for (Field f : messagesClass(messages).getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                        && !Pattern.compile("\\bMessages\\." + f.getName() + "\\b").matcher(code).find()) {
                    unused.add(messagesClass(messages).getPackageName() + ": " + f.getName());
                }
            }
        }
        assertEquals(List.of(), unused);
    }

    @Test
    void everyPropertiesFileHasItsMessagesClass() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(sources())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".properties")).toList();
        }
        assertTrue(files.size() >= 10, "the core's packages have their messages: " + files);
        for (Path file : files) {
            assertEquals(MessageBundles.FILE_NAME, file.getFileName().toString());
            assertTrue(Files.exists(file.resolveSibling("Messages.java")), file + " has no Messages.java beside it");
        }
    }

    private static List<Path> messagesSources() throws IOException {
        try (Stream<Path> s = Files.walk(sources())) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals("Messages.java")).sorted().toList();
            assertTrue(found.size() >= 10, "Messages classes found: " + found);
            return found;
        }
    }

    private static Class<?> messagesClass(Path source) throws ClassNotFoundException {
        String pkg = sources().relativize(source.getParent()).toString().replace(source.getFileSystem().getSeparator(),
                ".");
        return Class.forName(pkg + ".Messages");
    }

    /** @return the code of a package's other classes, which are the only ones that can see its Messages */
    private static String packageCode(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("Messages.java")).toList()) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    /** @return the bundle's source folder, found above the working directory as tycho-surefire or an IDE sets it */
    private static Path sources() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(Path.of("bundles", BUNDLE, "src"));
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bundles/" + BUNDLE + "/src not found above " + Path.of("").toAbsolutePath());
    }
}
