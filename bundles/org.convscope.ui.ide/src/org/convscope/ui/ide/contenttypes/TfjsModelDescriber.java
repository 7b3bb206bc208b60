package org.convscope.ui.ide.contenttypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.eclipse.core.runtime.QualifiedName;
import org.eclipse.core.runtime.content.IContentDescription;
import org.eclipse.core.runtime.content.ITextContentDescriber;

/**
 * A TensorFlow.js model ({@code model.json}): a JSON object with a top-level
 * {@code modelTopology} or {@code weightsManifest} key. The describer scans the first
 * {@link BytePrefix#LIMIT} characters (the TensorFlow.js converter writes {@code modelTopology}
 * near the start) with a small scanner that tracks strings and nesting, so a key of that name
 * deeper in the file, or inside a string, does not count. Any other JSON is not claimed.
 */
public final class TfjsModelDescriber implements ITextContentDescriber {

    private static final Set<String> KEYS = Set.of("modelTopology", "weightsManifest");

    @Override
    public int describe(InputStream contents, IContentDescription description) throws IOException {
        return tfjsModel(new String(BytePrefix.read(contents), StandardCharsets.UTF_8)) ? VALID : INVALID;
    }

    @Override
    public int describe(Reader contents, IContentDescription description) throws IOException {
        char[] buffer = new char[BytePrefix.LIMIT];
        int n = 0;
        for (int got; n < buffer.length && (got = contents.read(buffer, n, buffer.length - n)) > 0;) {
            n += got;
        }
        return tfjsModel(new String(buffer, 0, n)) ? VALID : INVALID;
    }

    /**
     * @param text the beginning of a file
     * @return whether it opens a JSON object with a TensorFlow.js key at its top level
     */
    public static boolean tfjsModel(String text) {
        int i = skipSpace(text, text.startsWith("\uFEFF") ? 1 : 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            return false;
        }
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(text, i);
                if (end < 0) {
                    return false;
                }
                int next = skipSpace(text, end + 1);
                if (depth == 1 && next < text.length() && text.charAt(next) == ':'
                        && KEYS.contains(text.substring(i + 1, end))) {
                    return true;
                }
                i = end + 1;
            } else {
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return false;
                }
                i++;
            }
        }
        return false;
    }

    /** @return the index of the quote that closes the string opened at {@code open}, or -1 */
    private static int stringEnd(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public QualifiedName[] getSupportedOptions() {
        return new QualifiedName[0];
    }
}
