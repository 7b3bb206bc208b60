package org.convscope.ui.ide.contenttypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.runtime.QualifiedName;
import org.eclipse.core.runtime.content.IContentDescriber;
import org.eclipse.core.runtime.content.IContentDescription;

/**
 * A Keras 3 archive ({@code .keras}): a zip whose entries include {@code config.json}. Keras
 * writes {@code metadata.json} and {@code config.json} before the weights, so their local headers
 * are in the first {@link BytePrefix#LIMIT} bytes; the describer reads the entry names from those
 * headers and inflates nothing.
 */
public final class KerasArchiveDescriber implements IContentDescriber {

    private static final byte[] LOCAL_HEADER = { 'P', 'K', 3, 4 };
    private static final byte[] CONFIG = "config.json".getBytes(StandardCharsets.US_ASCII);
    /** Fixed part of a zip local file header; the name length is at 26, the name at 30. */
    private static final int HEADER = 30;

    @Override
    public int describe(InputStream contents, IContentDescription description) throws IOException {
        return kerasArchive(BytePrefix.read(contents)) ? VALID : INVALID;
    }

    /**
     * @param prefix the first bytes of a file
     * @return whether they are those of a zip with a {@code config.json} entry
     */
    public static boolean kerasArchive(byte[] prefix) {
        if (!BytePrefix.at(prefix, 0, LOCAL_HEADER)) {
            return false;
        }
        // every local header in the prefix: entries with a data descriptor have no size to skip by
        for (int at = 0; at >= 0; at = BytePrefix.indexOf(prefix, LOCAL_HEADER, at + 1)) {
            if (at + HEADER <= prefix.length && BytePrefix.u16(prefix, at + 26) == CONFIG.length
                    && BytePrefix.at(prefix, at + HEADER, CONFIG)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public QualifiedName[] getSupportedOptions() {
        return new QualifiedName[0];
    }
}
