package org.convscope.ui.explain;

import java.util.List;
import java.util.Optional;

import org.convscope.core.render.RgbImage;
import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainPictures;
import org.convscope.engine.explain.Explanation;
import org.convscope.engine.explain.ImageExplanation;
import org.convscope.engine.explain.SanityCheck;
import org.convscope.engine.explain.TrustMetrics;

/**
 * A finished explanation as the Explain view shows it: the maps of the methods that worked, for
 * the images that could be read, with the pictures they lie on, and what could not be done.
 *
 * @param explanation the engine's answer
 * @param methods     the methods that gave maps, in the order asked: the grid's columns
 * @param names       the images' file names, in the batch's order: the grid's rows
 * @param pictures    the images at their own resolution, in the batch's order
 * @param problems    one line per image that could not be read and per method that failed, naming
 *                    it and the problem; empty when everything worked
 * @param labels      the class names, or null when the model has none
 */
public record ExplainResult(Explanation explanation, List<AttributionMethod> methods, List<String> names,
        List<RgbImage> pictures, List<String> problems, List<String> labels) {

    public ExplainResult {
        methods = List.copyOf(methods);
        names = List.copyOf(names);
        pictures = List.copyOf(pictures);
        problems = List.copyOf(problems);
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** @return the number of images, the grid's rows */
    public int imageCount() {
        return explanation.images().size();
    }

    /** @return the explanation of image {@code i} */
    public ImageExplanation image(int i) {
        return explanation.images().get(i);
    }

    /** @return the map of image {@code i} by {@code m} */
    public Attribution map(int i, AttributionMethod m) {
        return image(i).maps().get(m);
    }

    /** @return the trust measures of image {@code i} by {@code m}, when they were asked for */
    public Optional<TrustMetrics> metrics(int i, AttributionMethod m) {
        return Optional.ofNullable(image(i).metrics().get(m));
    }

    /** @return the randomisation check of image {@code i} by {@code m}, when it was asked for */
    public Optional<SanityCheck> sanity(int i, AttributionMethod m) {
        return Optional.ofNullable(image(i).sanity().get(m));
    }

    /** @return the map of image {@code i} by {@code m} laid over the image in jet, as the command line draws it */
    public RgbImage tile(int i, AttributionMethod m, double alpha) {
        return ExplainPictures.overlay(pictures.get(i), map(i, m), alpha);
    }

}
