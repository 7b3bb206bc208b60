package org.convscope.engine.explain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.engine.visualize.Prediction;

/**
 * The explanation of one image.
 *
 * @param image       its index in the request's batch
 * @param classIndex  the unit explained
 * @param score       its value for the image
 * @param predictions the model's top 5 for the image
 * @param maps        method → map, in the request's order
 * @param metrics     method → trust measures; empty unless asked for
 * @param sanity      method → randomisation check; empty unless asked for
 */
public record ImageExplanation(int image, int classIndex, float score, List<Prediction> predictions,
        Map<AttributionMethod, Attribution> maps, Map<AttributionMethod, TrustMetrics> metrics,
        Map<AttributionMethod, SanityCheck> sanity) {

    public ImageExplanation {
        predictions = List.copyOf(predictions);
        maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        sanity = Collections.unmodifiableMap(new LinkedHashMap<>(sanity));
    }
}
