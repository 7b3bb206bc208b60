package org.convscope.ui.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.convscope.ui.ide.contenttypes.KerasArchiveDescriber;
import org.convscope.ui.ide.contenttypes.KerasHdf5Describer;
import org.convscope.ui.ide.contenttypes.TfjsModelDescriber;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.content.IContentDescriber;
import org.eclipse.core.runtime.content.IContentType;
import org.junit.jupiter.api.Test;

/**
 * The three describers on the repository's real files, each describer alone and through the
 * platform's content type manager (which is what the IDE asks when it lists a file), and on
 * garbage and empty input.
 */
class DescribersTest {

    private static final String HDF5 = "org.convscope.ui.ide.kerasHdf5";
    private static final String ARCHIVE = "org.convscope.ui.ide.kerasArchive";
    private static final String TFJS = "org.convscope.ui.ide.tfjsModel";

    @Test
    void kerasHdf5ModelsAreClaimed() throws IOException {
        assertClaimed(new KerasHdf5Describer(), IdeFixtures.sample("mnist_convnet.h5"), HDF5);
        // Keras 1, 2 and 3 spellings, and a config large enough for dense attribute storage
        assertClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("models/sequential_convnet.keras1.h5"), HDF5);
        assertClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("models/large_config.keras2.h5"), HDF5);
        assertClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("models/large_config.h5"), HDF5);
    }

    @Test
    void hdf5WithoutAModelConfigIsNotClaimed() throws IOException {
        // a valid HDF5 file without the attribute, and a weights-only file Keras wrote
        assertNotClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("bad/no_model_config.h5"), "plain.h5");
        assertNotClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("models/nested_sequential.weights.h5"),
                "weights.h5");
        // a .keras zip named .h5, and a text file
        assertNotClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("bad/keras_archive_named.h5"), "zip.h5");
        assertNotClaimed(new KerasHdf5Describer(), IdeFixtures.fixture("bad/text_file.h5"), "text.h5");
    }

    @Test
    void kerasArchivesAreClaimed() throws IOException {
        assertClaimed(new KerasArchiveDescriber(), IdeFixtures.sample("mnist_convnet.keras"), ARCHIVE);
        assertClaimed(new KerasArchiveDescriber(), IdeFixtures.fixture("models/sequential_convnet.keras"), ARCHIVE);
    }

    @Test
    void zipsWithoutAConfigAreNotClaimed() throws IOException {
        assertNotClaimed(new KerasArchiveDescriber(), IdeFixtures.fixture("bad/no_config.keras"), "no_config.keras");
        assertNotClaimed(new KerasArchiveDescriber(), IdeFixtures.fixture("bad/not_a_zip.keras"), "not_a_zip.keras");
    }

    @Test
    void tfjsModelsAreClaimed() throws IOException {
        assertClaimed(new TfjsModelDescriber(), IdeFixtures.fixture("tfjs/functional_branches/model.json"), TFJS);
        assertClaimed(new TfjsModelDescriber(), IdeFixtures.fixture("tfjs/sequential_convnet_uint8/model.json"),
                TFJS);
        String text = Files.readString(IdeFixtures.fixture("tfjs/functional_branches/model.json"));
        assertEquals(IContentDescriber.VALID, new TfjsModelDescriber().describe(new StringReader(text), null));
    }

    @Test
    void otherJsonIsNotClaimed() throws IOException {
        // the sample's metadata, a Keras architecture JSON, broken JSON, a bare number
        assertNotClaimed(new TfjsModelDescriber(), IdeFixtures.sample("mnist_convnet.json"), "mnist_convnet.json");
        assertNotClaimed(new TfjsModelDescriber(), IdeFixtures.fixture("bad/lambda_layer.json"), "lambda.json");
        assertNotClaimed(new TfjsModelDescriber(), IdeFixtures.fixture("bad/malformed.json"), "malformed.json");
        assertNotClaimed(new TfjsModelDescriber(), IdeFixtures.fixture("bad/number.json"), "number.json");
        assertEquals(IContentDescriber.INVALID, describe(new TfjsModelDescriber(),
                "{\"a\": {\"modelTopology\": 1}, \"b\": \"\\\"weightsManifest\\\": \"}".getBytes()));
        assertEquals(IContentDescriber.VALID,
                describe(new TfjsModelDescriber(), "\uFEFF {\"x\": [1, {}], \"weightsManifest\" : []}".getBytes()));
    }

    @Test
    void garbageAndEmptyInputAreNotClaimed() throws IOException {
        byte[] garbage = new byte[200_000];
        new Random(20).nextBytes(garbage);
        // garbage that starts like each format, and then is cut short
        byte[] hdf5Start = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 1, 2 };
        byte[] zipStart = { 'P', 'K', 3, 4, (byte) 0xff, (byte) 0xff };
        IContentDescriber[] all = { new KerasHdf5Describer(), new KerasArchiveDescriber(), new TfjsModelDescriber() };
        for (IContentDescriber d : all) {
            assertEquals(IContentDescriber.INVALID, describe(d, garbage), d.getClass().getSimpleName());
            assertEquals(IContentDescriber.INVALID, describe(d, new byte[0]), d.getClass().getSimpleName());
            assertEquals(IContentDescriber.INVALID, describe(d, hdf5Start), d.getClass().getSimpleName());
            assertEquals(IContentDescriber.INVALID, describe(d, zipStart), d.getClass().getSimpleName());
            assertEquals(IContentDescriber.INVALID, describe(d, "{\"modelTopology".getBytes()),
                    d.getClass().getSimpleName());
        }
        Path empty = IdeFixtures.fixture("bad/empty.h5");
        assertEquals(0, Files.size(empty));
        assertNotClaimed(new KerasHdf5Describer(), empty, "empty.h5");
    }

    @Test
    void describersReadABoundedPrefix() throws IOException {
        CountingStream in = new CountingStream(Files.newInputStream(IdeFixtures.sample("mnist_convnet.h5")));
        assertEquals(IContentDescriber.VALID, new KerasHdf5Describer().describe(in, null));
        assertEquals(64 * 1024, in.read, "bytes read of a 789 KB model");
        // a model_config past the prefix is not looked for
        byte[] late = new byte[128 * 1024];
        System.arraycopy(new byte[] { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' }, 0, late, 0, 8);
        System.arraycopy("model_config".getBytes(), 0, late, 100 * 1024, 12);
        assertEquals(IContentDescriber.INVALID, describe(new KerasHdf5Describer(), late));
        System.arraycopy("model_config".getBytes(), 0, late, 1000, 12);
        assertEquals(IContentDescriber.VALID, describe(new KerasHdf5Describer(), late));
    }

    private static int describe(IContentDescriber d, byte[] bytes) throws IOException {
        return d.describe(new ByteArrayInputStream(bytes), null);
    }

    private static void assertClaimed(IContentDescriber d, Path file, String type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(IContentDescriber.VALID, d.describe(in, null), file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            IContentType found = Platform.getContentTypeManager().findContentTypeFor(in,
                    String.valueOf(file.getFileName()));
            assertEquals(type, found == null ? null : found.getId(), file.toString());
        }
    }

    private static void assertNotClaimed(IContentDescriber d, Path file, String name) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(IContentDescriber.INVALID, d.describe(in, null), file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            IContentType found = Platform.getContentTypeManager().findContentTypeFor(in, name);
            assertFalse(found != null && found.getId().startsWith("org.convscope."),
                    () -> file + " claimed as " + found.getId());
        }
    }

    /** Counts what a describer reads. */
    private static final class CountingStream extends InputStream {

        private final InputStream in;
        private int read;

        private CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
