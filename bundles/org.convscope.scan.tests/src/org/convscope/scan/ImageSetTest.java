package org.convscope.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a folder, a list file and {@code .npy} batches become the named images of a scan. */
class ImageSetTest {

    @TempDir
    Path dir;

    private static List<String> names(ImageSet s) {
        return s.items().stream().map(ImageSet.Item::name).toList();
    }

    @Test
    void folderIsSearchedRecursivelyInPathOrderWithNpyItemsNamedByIndex() throws IOException {
        Path digit = ScanFixtures.mnist().resolve("3/3_1012.png");
        Files.createDirectories(dir.resolve("b/c"));
        Files.copy(digit, dir.resolve("b/c/x.PNG"));
        Files.copy(digit, dir.resolve("a.png"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Npy.write(dir.resolve("b/batch.npy"), new Tensor(new float[3 * 28 * 28], new int[] { 3, 28, 28, 1 }));
        ImageSet s = ImageSet.of(dir);
        assertEquals(List.of("a.png", "b/batch.npy#0", "b/batch.npy#1", "b/batch.npy#2", "b/c/x.PNG"), names(s));
        assertEquals(2, s.items().get(3).index());
    }

    @Test
    void listFileNamesFilesRelativeToItself() throws IOException {
        Path digit = ScanFixtures.mnist().resolve("3/3_1012.png");
        Files.createDirectories(dir.resolve("imgs"));
        Files.copy(digit, dir.resolve("imgs/one.png"));
        Files.writeString(dir.resolve("list.txt"), "# digits\nimgs/one.png\n\nimgs/one.png\n");
        assertEquals(List.of("imgs/one.png", "imgs/one.png"), names(ImageSet.of(dir.resolve("list.txt"))));
        Files.writeString(dir.resolve("bad.txt"), "imgs/one.png\nimgs/two.png\n");
        IOException e = assertThrows(IOException.class, () -> ImageSet.of(dir.resolve("bad.txt")));
        assertEquals("bad.txt: line 2 names imgs/two.png, which is not a file", e.getMessage());
    }

    @Test
    void emptyOrMissingSourcesAreNamed() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> ImageSet.of(dir.resolve("empty")));
        assertTrue(e.getMessage().startsWith("empty: no images in it"), e.getMessage());
        e = assertThrows(IOException.class, () -> ImageSet.of(dir.resolve("nowhere")));
        assertEquals("nowhere: no such folder, list or image file", e.getMessage());
    }

    @Test
    void fingerprintFollowsTheNamesAndTheirOrder() throws IOException {
        ImageSet all = ImageSet.of(ScanFixtures.mnist());
        assertEquals(200, all.size());
        assertEquals("0/0_0981.png", all.items().get(0).name());
        Files.writeString(dir.resolve("two.txt"), "a.png\nb.png\n");
        Files.writeString(dir.resolve("a.png"), "");
        Files.writeString(dir.resolve("b.png"), "");
        Files.writeString(dir.resolve("swapped.txt"), "b.png\na.png\n");
        assertNotEquals(ImageSet.of(dir.resolve("two.txt")).fingerprint(),
                ImageSet.of(dir.resolve("swapped.txt")).fingerprint());
        assertEquals(all.fingerprint(), ImageSet.of(ScanFixtures.mnist()).fingerprint());
    }
}
