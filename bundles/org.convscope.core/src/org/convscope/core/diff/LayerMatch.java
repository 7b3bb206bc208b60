package org.convscope.core.diff;

import java.util.List;

/**
 * A layer of one model and its counterpart in the other.
 *
 * @param aName       the layer's id in the first model ({@code base/conv}), null for {@link MatchStatus#ONLY_B}
 * @param bName       its counterpart's id in the second model, null for {@link MatchStatus#ONLY_A}
 * @param status      what the match found
 * @param differences what differs, in the order class, configuration, output shape, parameters,
 *                    weights; empty unless {@link MatchStatus#CHANGED}
 */
public record LayerMatch(String aName, String bName, MatchStatus status, List<Difference> differences) {

    public LayerMatch {
        differences = List.copyOf(differences);
    }

    /** @return whether both models have the layer */
    public boolean matched() {
        return aName != null && bName != null;
    }
}
