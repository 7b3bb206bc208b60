package org.convscope.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a package's {@code messages.properties} into the {@code static String} fields of its
 * {@code Messages} class, one key per field of the same name, and binds {@code {0}}, {@code {1}}…
 * in a message to arguments.
 * <p>
 * Only the root file is read: there is no locale lookup, so a message is the same on every machine.
 * Binding writes {@link String#valueOf(Object)} of each argument and nothing else: unlike
 * {@link java.text.MessageFormat}, it neither groups digits by locale nor treats apostrophes as
 * quotes, so a bound message is exactly the text the properties file and the arguments give.
 * <p>
 * A typical {@code Messages} class:
 *
 * <pre>
 * final class Messages {
 *     static String notAnHdf5File;
 *
 *     static {
 *         MessageBundles.load(Messages.class);
 *     }
 *
 *     private Messages() {
 *     }
 * }
 * </pre>
 */
public final class MessageBundles {

    /** The name of the file beside a {@code Messages} class. */
    public static final String FILE_NAME = "messages.properties";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");

    private MessageBundles() {
    }

    /**
     * Fills every {@code static String} field of a messages class from the {@value #FILE_NAME}
     * beside it. A field without a key gets a text naming the missing key rather than failing the
     * class's initialisation: a wrong message must not stop the program (the bundles' tests call
     * {@link #problems(Class)} so that none ships).
     *
     * @param messages the class whose fields to fill
     */
    public static void load(Class<?> messages) {
        Properties texts = read(messages);
        for (Field f : messageFields(messages)) {
            String text = texts == null ? null : texts.getProperty(f.getName());
            try {
                f.setAccessible(true);
                f.set(null, text != null ? text : missing(messages, f.getName()));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot set " + messages.getName() + "." + f.getName(), e);
            }
        }
    }

    /**
     * Replaces each {@code {n}} in a message with {@code String.valueOf(args[n])}. A brace that is
     * not a placeholder of an argument stays as it is.
     *
     * @param message a message, usually a field of a {@code Messages} class
     * @param args    the arguments
     * @return the message with its arguments in place
     */
    public static String bind(String message, Object... args) {
        StringBuilder out = new StringBuilder(message.length() + 16 * args.length);
        int copied = 0;
        for (int open = message.indexOf('{'); open >= 0; open = message.indexOf('{', open + 1)) {
            int close = open + 1;
            while (close < message.length() && close - open <= 9 && Character.isDigit(message.charAt(close))) {
                close++;
            }
            if (close == open + 1 || close >= message.length() || message.charAt(close) != '}') {
                continue;
            }
            int index = Integer.parseInt(message, open + 1, close, 10);
            if (index >= args.length) {
                continue;
            }
            out.append(message, copied, open).append(String.valueOf(args[index]));
            copied = close + 1;
            open = close;
        }
        return out.append(message, copied, message.length()).toString();
    }

    /**
     * Checks a messages class against its file, for tests: every field has a key, every key a
     * field, the placeholders of each message are numbered {@code {0}} to {@code {n-1}} without
     * gaps, and the file is plain ASCII (other characters as {@code \}{@code uXXXX} escapes, as
     * {@link Properties#load(InputStream)} reads it in ISO 8859-1).
     *
     * @param messages a messages class
     * @return one line per problem; empty when there is none
     */
    public static List<String> problems(Class<?> messages) {
        List<String> problems = new ArrayList<>();
        String where = messages.getPackageName() + "/" + FILE_NAME;
        Properties texts = read(messages);
        if (texts == null) {
            problems.add(where + " not found beside " + messages.getName());
            return problems;
        }
        Set<String> fields = new TreeSet<>();
        for (Field f : messages.getDeclaredFields()) {
            if (f.isSynthetic()) {
                continue;
            }
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || Modifier.isFinal(m) || f.getType() != String.class) {
                problems.add(messages.getName() + "." + f.getName() + " is not a static, non-final String");
            } else {
                fields.add(f.getName());
            }
        }
        for (String field : fields) {
            if (!texts.containsKey(field)) {
                problems.add(where + " has no key " + field + " for the field of that name");
            }
        }
        for (String key : new TreeSet<>(texts.stringPropertyNames())) {
            if (!fields.contains(key)) {
                problems.add(where + ": key " + key + " has no field in " + messages.getName());
            }
            TreeSet<Integer> used = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(texts.getProperty(key));
            while (m.find()) {
                used.add(Integer.parseInt(m.group(1)));
            }
            if (!used.isEmpty() && used.last() != used.size() - 1) {
                problems.add(where + ": " + key + " has placeholders " + used + ", not {0} to {n-1}");
            }
        }
        try (InputStream in = messages.getResourceAsStream(FILE_NAME)) {
            byte[] bytes = in.readAllBytes();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] < 0) {
                    problems.add(where + ": byte " + i + " is not ASCII; write \\uXXXX");
                    break;
                }
            }
        } catch (IOException e) {
            problems.add(where + " cannot be read: " + e);
        }
        return problems;
    }

    private static List<Field> messageFields(Class<?> messages) {
        List<Field> out = new ArrayList<>();
        for (Field f : messages.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && !Modifier.isFinal(m) && f.getType() == String.class && !f.isSynthetic()) {
                out.add(f);
            }
        }
        return out;
    }

    private static Properties read(Class<?> messages) {
        try (InputStream in = messages.getResourceAsStream(FILE_NAME)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            return null;
        }
    }

    private static String missing(Class<?> messages, String key) {
        return "!" + messages.getPackageName() + "/" + FILE_NAME + ": no " + key + "!";
    }
}
