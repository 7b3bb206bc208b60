package org.convscope.core.io.internal.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.io.RawModel;
import org.convscope.core.io.ReadLimits;
import org.convscope.core.io.WeightRef;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored weights entries over 2 GiB cannot be memory-mapped and are read through a channel over
 * their region of the archive; with the mapping limit set to zero, a small fixture takes that path.
 */
class RegionChannelTest {

    @Test
    void archiveReadThroughAChannelGivesTheMappedWeights() throws IOException {
        Path file = Fixtures.file("models/nested_sequential.keras");
        try (RawModel mapped = KerasArchive.read(file, ReadLimits.DEFAULT);
                RawModel channel = KerasArchive.read(file, ReadLimits.DEFAULT, 0)) {
            assertEquals(mapped.weights().layerPaths(), channel.weights().layerPaths());
            for (List<String> path : mapped.weights().layerPaths()) {
                List<WeightRef> a = mapped.weights().weights(path);
                List<WeightRef> b = channel.weights().weights(path);
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).load().data(), b.get(i).load().data(), path + " " + i);
                }
            }
        }
    }

    @Test
    void channelSeesOnlyItsRegion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bytes");
        Files.write(file, new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        RegionChannel region = new RegionChannel(FileChannel.open(file, StandardOpenOption.READ), 3, 4);
        try (region) {
            assertEquals(4, region.size());
            ByteBuffer buf = ByteBuffer.allocate(10);
            assertEquals(4, region.read(buf));
            assertArrayEquals(new byte[] { 3, 4, 5, 6 }, Arrays.copyOf(buf.array(), 4));
            assertEquals(-1, region.read(buf));
            region.position(2);
            buf.clear();
            assertEquals(2, region.read(buf));
            assertEquals(5, buf.get(0));
        }
        assertFalse(region.isOpen());
    }
}
