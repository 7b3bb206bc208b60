package org.convscope.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The bounded top-K: K kept, best first, ties by image name, the same K in any order of offers. */
class TopExamplesTest {

    private static Example e(String image, float score) {
        return new Example(image, score, 0, 0, new int[] { 0, 0, 1, 1 });
    }

    @Test
    void keepsTheKBestWithTiesBrokenByName() {
        TopExamples top = new TopExamples(3);
        assertTrue(top.offer(e("b", 1)));
        assertTrue(top.offer(e("a", 1)));
        assertTrue(top.offer(e("z", 5)));
        assertTrue(top.offer(e("c", 2)));
        // a tie with the worst kept: the smaller name wins
        assertFalse(top.offer(e("b2", 1)));
        assertFalse(top.offer(e("d", 0.5f)));
        assertEquals(List.of(e("z", 5), e("c", 2), e("a", 1)), top.examples());
    }

    @Test
    void anyOrderOfOffersGivesTheSameK() {
        Random random = new Random(18);
        List<Example> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // few distinct scores, so ties decide often
            all.add(e(String.format("img%03d", i), random.nextInt(20)));
        }
        TopExamples reference = new TopExamples(9);
        all.forEach(reference::offer);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(all, random);
            TopExamples shuffled = new TopExamples(9);
            all.forEach(shuffled::offer);
            assertEquals(reference.examples(), shuffled.examples());
        }
        List<Example> sorted = new ArrayList<>(all);
        sorted.sort(Example.BEST_FIRST);
        assertEquals(sorted.subList(0, 9), reference.examples());
    }
}
