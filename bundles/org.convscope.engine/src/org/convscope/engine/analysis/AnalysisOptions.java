package org.convscope.engine.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;

/**
 * The option values a person types, parsed once for the command line and the views: each parser
 * takes the text as typed and refuses what it cannot read with an {@link AnalysisException} saying
 * what it takes (the command line makes it a usage error, a view shows it).
 */
public final class AnalysisOptions {

    /** The filter-pattern presets, the first the default. */
    public static final List<String> PRESETS = List.of("notebook", "v2", "robust", "lucid");
    /** The Grad-CAM methods as {@link #method} reads them and the views list them. */
    public static final List<String> METHODS = List.of("Grad-CAM", "Grad-CAM++");
    /** The objectives, by the names the command line takes, the first the default. */
    public static final List<String> OBJECTIVES = List.of("channel", "neuron", "class", "direction");
    /** What {@code --filters} takes for every filter of the layer. */
    public static final String ALL_FILTERS = "all";
    /** The filters drawn when none are named. */
    public static final String DEFAULT_FILTERS = "0-63";
    /** Grad-CAM's overlay opacity when none is given. */
    public static final double DEFAULT_ALPHA = 0.4;
    /** The class index that means "the top prediction". */
    public static final int TOP_CLASS = -1;

    private AnalysisOptions() {
    }

    /**
     * @param text "0-63", "5", "0,3,8-11" (spaces allowed around numbers)
     * @return the filters in that order, each once
     */
    public static int[] filters(String text) {
        Set<Integer> out = new LinkedHashSet<>();
        try {
            for (String part : text.split(",")) {
                String t = part.trim();
                int dash = t.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(t.substring(dash + 1).trim());
                if (from < 0 || to < from) {
                    throw new NumberFormatException(t);
                }
                for (int f = from; f <= to; f++) {
                    out.add(f);
                }
            }
        } catch (NumberFormatException e) {
            throw new AnalysisException(MessageBundles.bind(Messages.filtersFormat, text), e);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the options of the preset named {@code name} (any case) */
    public static FilterPatternOptions preset(String name) {
        return FilterPatternOptions.preset(name);
    }

    /** @return the preset's name as {@link #PRESETS} spells it, for a name in any case */
    public static String presetName(String name) {
        preset(name);
        return name.toLowerCase(Locale.ROOT);
    }

    /** @return the objective's name as {@link #OBJECTIVES} spells it, for a name in any case */
    public static String objectiveName(String name) {
        return ObjectiveKind.named(name).name().toLowerCase(Locale.ROOT);
    }

    /** @return {@code top} as {@link #TOP_CLASS}, else the class index (0 or more) */
    public static int classIndex(String text) {
        if (text.trim().equals("top")) {
            return TOP_CLASS;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as a negative one is
        }
        throw new AnalysisException(MessageBundles.bind(Messages.classValues, text));
    }

    /** @return an opacity from 0 to 1 */
    public static double alpha(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as one out of range is
        }
        throw new AnalysisException(MessageBundles.bind(Messages.alphaValues, text));
    }

    /** @return the method named {@code gradcam}, {@code gradcam++} or as {@link #METHODS} lists it */
    public static CamMethod method(String text) {
        return CamMethod.named(text.trim());
    }
}
