package org.convscope.core.text;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a bundle's source folder against STYLE.md habit 8, for the bundles' tests: each
 * {@code Messages} class matches the {@value MessageBundles#FILE_NAME} the bundle ships key for key
 * ({@link MessageBundles#problems(Class)}), the package's other classes use every key, and every
 * properties file is a {@value MessageBundles#FILE_NAME} with a {@code Messages} class beside it.
 */
public final class MessageSources {

    private final Path sources;
    private final ClassLoader loader;

    private MessageSources(Path sources, ClassLoader loader) {
        this.sources = sources;
        this.loader = loader;
    }

    /**
     * Finds {@code bundles/BUNDLE/src} in the working directory or a folder above it, as
     * tycho-surefire and IDEs set the working directory of a test.
     *
     * @param bundle the bundle's symbolic name, which is its folder's name
     * @param loader a class loader that sees the bundle's package-private classes (a test's)
     * @return the checks of that source folder
     * @throws IllegalStateException if no such folder is found
     */
    public static MessageSources of(String bundle, ClassLoader loader) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(Path.of("bundles", bundle, "src"));
            if (Files.isDirectory(candidate)) {
                return new MessageSources(candidate, loader);
            }
        }
        throw new IllegalStateException("bundles/" + bundle + "/src not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * @return the {@code Messages.java} files of the source folder, sorted
     * @throws IOException if the folder cannot be read
     */
    public List<Path> messagesClasses() throws IOException {
        try (Stream<Path> s = Files.walk(sources)) {
            return s.filter(p -> p.getFileName().toString().equals("Messages.java")).sorted().toList();
        }
    }

    /**
     * @return one line per problem found; empty when there is none
     * @throws IOException            if a source cannot be read
     * @throws ClassNotFoundException if a {@code Messages.java} has no compiled class
     */
    public List<String> problems() throws IOException, ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        for (Path source : messagesClasses()) {
            Class<?> messages = load(source);
            problems.addAll(MessageBundles.problems(messages));
            String code = packageCode(source.getParent());
            for (Field f : messages.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                        && !Pattern.compile("\\bMessages\\." + f.getName() + "\\b").matcher(code).find()) {
                    problems.add(
                            messages.getPackageName() + ": " + f.getName() + " is used by no class of its package");
                }
            }
        }
        try (Stream<Path> s = Files.walk(sources)) {
            for (Path file : s.filter(p -> p.getFileName().toString().endsWith(".properties")).toList()) {
                if (!file.getFileName().toString().equals(MessageBundles.FILE_NAME)) {
                    problems.add(sources.relativize(file) + ": user-visible strings go in " + MessageBundles.FILE_NAME);
                } else if (!Files.exists(file.resolveSibling("Messages.java"))) {
                    problems.add(sources.relativize(file) + " has no Messages.java beside it");
                }
            }
        }
        return problems;
    }

    private Class<?> load(Path source) throws ClassNotFoundException {
        String pkg = sources.relativize(source.getParent()).toString().replace(source.getFileSystem().getSeparator(),
                ".");
        return Class.forName(pkg + ".Messages", true, loader);
    }

    /** The code of a package's other classes: only they can see its package-private Messages. */
    private static String packageCode(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("Messages.java")).toList()) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }
}
