package org.convscope.ui.ide.contenttypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.runtime.QualifiedName;
import org.eclipse.core.runtime.content.IContentDescriber;
import org.eclipse.core.runtime.content.IContentDescription;

/**
 * A Keras model saved as HDF5 ({@code model.save("m.h5")}, Keras 1 to 3): the HDF5 signature,
 * then, in the first {@link BytePrefix#LIMIT} bytes, the name of the root group's
 * {@code model_config} attribute. Keras writes that attribute before any weight, so its name sits
 * in the file's first metadata block whether the attribute is stored compactly or, for a large
 * config, in dense storage. An HDF5 file without it (weights only, any other HDF5 data) is not
 * claimed, and neither is anything else.
 */
public final class KerasHdf5Describer implements IContentDescriber {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
    private static final byte[] MODEL_CONFIG = "model_config".getBytes(StandardCharsets.US_ASCII);

    @Override
    public int describe(InputStream contents, IContentDescription description) throws IOException {
        return kerasModel(BytePrefix.read(contents)) ? VALID : INVALID;
    }

    /**
     * @param prefix the first bytes of a file
     * @return whether they are those of a Keras HDF5 model
     */
    public static boolean kerasModel(byte[] prefix) {
        int signature = signatureAt(prefix);
        return signature >= 0 && BytePrefix.indexOf(prefix, MODEL_CONFIG, signature + SIGNATURE.length) >= 0;
    }

    /**
     * The HDF5 format puts its signature at offset 0, or after a user block of 512, 1024, 2048, …
     * bytes.
     */
    private static int signatureAt(byte[] b) {
        for (int at = 0; at + SIGNATURE.length <= b.length; at = at == 0 ? 512 : at * 2) {
            if (BytePrefix.at(b, at, SIGNATURE)) {
                return at;
            }
        }
        return -1;
    }

    @Override
    public QualifiedName[] getSupportedOptions() {
        return new QualifiedName[0];
    }
}
