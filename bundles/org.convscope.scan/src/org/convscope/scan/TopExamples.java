package org.convscope.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel's K best examples ({@link Example#BEST_FIRST}), bounded: whatever the number of images
 * offered, it holds K. The order is total, so offering the same examples in any order, or merging
 * two heaps, keeps the same K.
 */
final class TopExamples {

    private final int k;
    private final List<Example> best;

    TopExamples(int k) {
        this.k = k;
        this.best = new ArrayList<>(Math.min(k, 64) + 1);
    }

    /** @return whether an example with this score and image would be kept */
    boolean wouldKeep(float score, String image) {
        if (best.size() < k) {
            return true;
        }
        Example worst = best.get(best.size() - 1);
        return score > worst.score() || score == worst.score() && image.compareTo(worst.image()) < 0;
    }

    /** @return whether {@code e} is now among the best */
    boolean offer(Example e) {
        if (k == 0 || !wouldKeep(e.score(), e.image())) {
            return false;
        }
        int at = 0;
        while (at < best.size() && Example.BEST_FIRST.compare(best.get(at), e) <= 0) {
            at++;
        }
        best.add(at, e);
        if (best.size() > k) {
            best.remove(best.size() - 1);
        }
        return true;
    }

    /** @return the examples, best first */
    List<Example> examples() {
        return List.copyOf(best);
    }
}
