package org.convscope.core.io.internal.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * The string attributes read through {@link GlobalHeaps} are those jhdf reads, and whatever it
 * does not recognise is left to jhdf.
 */
class GlobalHeapsTest {

    private static final List<String> ARCHIVES = List.of("models/batchnorm_separable.keras",
            "models/conv1d_sequence.keras", "models/extra_layers.keras", "models/functional_branches.keras",
            "models/nested_sequential.keras", "models/two_inputs_two_outputs.keras");

    @Test
    void everyStringItReadsIsTheOneJhdfReads() throws IOException {
        int read = 0;
        for (String archive : ARCHIVES) {
            ByteBuffer data = weights(Fixtures.file(archive));
            GlobalHeaps heaps = GlobalHeaps.of(data);
            assertTrue(heaps != null, archive + ": h5py's superblock is taken");
            try (HdfFile hdf = H5Open.open(data, Path.of(archive), "model.weights.h5")) {
                for (Attribute a : attributes(hdf)) {
                    String fast = heaps.string(a);
                    if (fast != null) {
                        assertEquals(a.getData(), fast, archive + ": " + a.getNode().getPath() + " " + a.getName());
                        read++;
                    }
                }
            }
        }
        // Keras 3.15 names every layer's vars group: 8 to 19 per archive
        assertTrue(read >= 60, "strings read: " + read);
    }

    @Test
    void aCollectionThatIsNotWhereTheAttributePointsIsLeftToJhdf() throws IOException {
        ByteBuffer data = weights(Fixtures.file("models/two_inputs_two_outputs.keras"));
        List<Attribute> strings = new ArrayList<>();
        try (HdfFile hdf = H5Open.open(data, Path.of("original"), "model.weights.h5")) {
            GlobalHeaps heaps = GlobalHeaps.of(data);
            for (Attribute a : attributes(hdf)) {
                if (heaps.string(a) != null) {
                    strings.add(a);
                }
            }
        }
        assertTrue(strings.size() >= 10, "strings: " + strings.size());
        // every global heap collection's signature overwritten: the same attributes are not read
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        int damaged = 0;
        byte[] signature = "GCOL".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == signature[0] && bytes[i + 1] == signature[1] && bytes[i + 2] == signature[2]
                    && bytes[i + 3] == signature[3]) {
                bytes[i] = 'X';
                damaged++;
            }
        }
        assertTrue(damaged > 0, "the file has a global heap");
        ByteBuffer copy = ByteBuffer.wrap(bytes);
        GlobalHeaps heaps = GlobalHeaps.of(copy);
        try (HdfFile hdf = H5Open.open(copy, Path.of("damaged"), "model.weights.h5")) {
            for (Attribute a : attributes(hdf)) {
                assertNull(heaps.string(a), a.getNode().getPath() + " " + a.getName());
            }
        }
    }

    @Test
    void aSuperblockItDoesNotKnowIsLeftToJhdf() {
        ByteBuffer notHdf5 = ByteBuffer.wrap(new byte[64]);
        notHdf5.put(8, (byte) 7);
        assertNull(GlobalHeaps.of(notHdf5), "superblock version 7");
        assertNull(GlobalHeaps.of(ByteBuffer.wrap(new byte[10])), "too short");
        ByteBuffer fourByteAddresses = ByteBuffer.wrap(new byte[64]);
        fourByteAddresses.put(8, (byte) 0).put(13, (byte) 4).put(14, (byte) 4);
        assertNull(GlobalHeaps.of(fourByteAddresses), "4-byte addresses");
    }

    private static ByteBuffer weights(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile());
                InputStream in = zip.getInputStream(
                        zip.getEntry("model.weights.h5"))) {
            return ByteBuffer.wrap(in.readAllBytes());
        }
    }

    private static List<Attribute> attributes(Group group) {
        List<Attribute> out = new ArrayList<>(group.getAttributes().values());
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            if (child.getValue() instanceof Group g) {
                out.addAll(attributes(g));
            } else {
                out.addAll(child.getValue().getAttributes().values());
            }
        }
        return out;
    }
}
