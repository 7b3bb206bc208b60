package org.convscope.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's K best examples ({@link Example#BEST_FIRST}), bounded: whatever the number of images
 * offered, it holds K. The order is total, so offering the same examples in any order, or merging
 * two heaps, keeps the same K.
 */
final class TopExamples implements Serializable {

    private static final long serialVersionUID = 1L;

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
        // exactly Example.BEST_FIRST (0.0 before -0.0, NaN last), so that the K kept are the K first
        // in that order whatever the order offered
        int c = Double.compare(-(double) score, -(double) worst.score());
        return c < 0 || c == 0 && image.compareTo(worst.image()) < 0;
    }

    /** @return whether any of {@code other}'s examples is now among the best */
    boolean merge(TopExamples other) {
        boolean changed = false;
        for (Example e : other.best) {
            changed |= offer(e);
        }
        return changed;
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
