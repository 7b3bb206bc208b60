package org.convscope.scan.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeHeap} on glibc: freed C-heap memory that glibc keeps comes back to the system when it
 * trims, and the trimming thread is started once.
 */
class NativeHeapTest {

    private static final long PAGE = 4096;
    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS = 2048;

    /** glibc is this process's C library when it has mapped {@code libc.so.6}. */
    private static boolean glibc() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        return Files.isReadable(maps) && Files.readString(maps).contains("libc.so.6");
    }

    /** @return this process's resident memory, from {@code /proc/self/statm} */
    private static long resident() throws IOException {
        String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
        return Long.parseLong(statm[1]) * PAGE;
    }

    @Test
    void glibcHasMallocTrim() throws IOException {
        assumeTrue(glibc(), "not glibc");
        assertTrue(NativeHeap.available(), "JNA should find malloc_trim in glibc");
    }

    @Test
    void freedMemoryThatGlibcKeepsIsGivenBack() throws IOException {
        assumeTrue(glibc(), "not glibc");
        // 128 MB in blocks below glibc's mmap threshold: from the arena, not mapped one by one
        Pointer[] blocks = new Pointer[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = Pointer.malloc(BLOCK);
            assertFalse(blocks[i].isNull(), "malloc failed");
            Pointer.memset(blocks[i], 1, BLOCK);
        }
        // the last block stays: it pins the top of the heap, so free() alone cannot shrink it
        for (int i = 0; i < BLOCKS - 1; i++) {
            Pointer.free(blocks[i]);
        }
        long kept = resident();
        NativeHeap.trim();
        long trimmed = resident();
        Pointer.free(blocks[BLOCKS - 1]);
        long freed = (long) (BLOCKS - 1) * BLOCK;
        assertTrue(kept - trimmed > freed / 2, "resident " + kept / 1_000_000 + " MB before the trim, "
                + trimmed / 1_000_000 + " MB after: at least half of the " + freed / 1_000_000 + " MB freed should go");
    }

    @Test
    void itTrimsWhenTheResidentMemoryGrewByMoreThanTheBound() {
        long mb = 1 << 20;
        assertFalse(NativeHeap.worthTrimming(500 * mb, 500 * mb), "nothing grew");
        assertFalse(NativeHeap.worthTrimming(500 * mb, 600 * mb), "grown less than the bound: reused soon");
        assertTrue(NativeHeap.worthTrimming(500 * mb, 500 * mb + (NativeHeap.GROWTH_MB + 1) * mb), "piled up");
        assertTrue(NativeHeap.worthTrimming(-1, 500 * mb), "not known: trim, as before");
        assertTrue(NativeHeap.worthTrimming(500 * mb, -1), "not known: trim, as before");
    }

    @Test
    void theResidentMemoryIsThisProcesss() throws IOException {
        assumeTrue(glibc(), "not glibc");
        assertTrue(Math.abs(NativeHeap.resident() - resident()) < 64L << 20,
                NativeHeap.resident() + " against " + resident());
    }

    @Test
    void theTrimmingThreadStartsOnce() throws IOException {
        assumeTrue(glibc(), "not glibc");
        NativeHeap.startTrimming();
        assertFalse(NativeHeap.startTrimming(), "a second start");
        long threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("convscope-heap-trim") && t.isDaemon()).count();
        assertTrue(threads == 1, threads + " trimming threads");
    }
}
