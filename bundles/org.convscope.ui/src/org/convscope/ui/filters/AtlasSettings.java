package org.convscope.ui.filters;

import java.util.Locale;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.eclipse.jface.dialogs.IDialogSettings;

/**
 * What the Filters view asks for, as the person set it: the filters, a preset with its steps and
 * size overridden or not, the objective with its class or direction, the diversity weight and the
 * seed. Kept in the view's dialog settings, so a view opened again offers what was used last.
 *
 * @param filters    "all", or a range such as {@code 0-15} ({@link AnalysisOptions#filters})
 * @param preset     the preset's name ({@link AnalysisOptions#PRESETS})
 * @param steps      the steps, or null for the preset's
 * @param size       the image side, or null for the preset's (or the model's fixed size)
 * @param objective  the objective's name ({@link AnalysisOptions#OBJECTIVES})
 * @param classIndex the class objective's unit of the model's last layer
 * @param direction  the direction objective's {@code from.png,to.png} or {@code vector.npy}, or ""
 * @param diversity  the diversity penalty's weight, 0 for none
 * @param seed       the start images' seed
 */
public record AtlasSettings(String filters, String preset, Integer steps, Integer size, String objective,
        int classIndex, String direction, float diversity, long seed) {

    private static final String FILTERS = "filters";
    private static final String PRESET = "preset";
    private static final String STEPS = "steps";
    private static final String SIZE = "size";
    private static final String OBJECTIVE = "objective";
    private static final String CLASS = "class";
    private static final String DIRECTION = "direction";
    private static final String DIVERSITY = "diversity";
    private static final String SEED = "seed";

    /** The settings of a view never used: every filter, the first preset, the channel objective. */
    public static final AtlasSettings DEFAULT = new AtlasSettings(AnalysisOptions.ALL_FILTERS,
            AnalysisOptions.PRESETS.get(0), null, null, AnalysisOptions.OBJECTIVES.get(0), 0, "", 0f, 0L);

    public AtlasSettings {
        preset = AnalysisOptions.presetName(preset);
        objective = AnalysisOptions.objectiveName(objective);
        direction = direction == null ? "" : direction.trim();
        filters = filters == null || filters.isBlank() ? AnalysisOptions.ALL_FILTERS : filters.trim();
    }

    /** @return the objective */
    public ObjectiveKind objectiveKind() {
        return ObjectiveKind.named(objective);
    }

    /**
     * @return the filters asked: {@link FilterAnalysis#ALL} for "all", the class index alone for
     *         the class objective
     * @throws AnalysisException when the range cannot be read
     */
    public int[] askedFilters() {
        if (objectiveKind() == ObjectiveKind.CLASS) {
            return new int[] { classIndex };
        }
        return filters.toLowerCase(Locale.ROOT).equals(AnalysisOptions.ALL_FILTERS)
                ? FilterAnalysis.ALL
                : AnalysisOptions.filters(filters);
    }

    /** @return the analysis request for {@code layer} (the model's preprocessing, the preset's batch size) */
    public FilterAnalysis.Request request(String layer) {
        return new FilterAnalysis.Request(layer, null, preset, size, steps, null, seed, null, null, objective,
                diversity > 0 ? diversity : null);
    }

    /** @return these settings with other filters */
    public AtlasSettings withFilters(String range) {
        return new AtlasSettings(range, preset, steps, size, objective, classIndex, direction, diversity, seed);
    }

    /** @return these settings with another preset */
    public AtlasSettings withPreset(String name) {
        return new AtlasSettings(filters, name, steps, size, objective, classIndex, direction, diversity, seed);
    }

    /** @return these settings with another objective */
    public AtlasSettings withObjective(String name) {
        return new AtlasSettings(filters, preset, steps, size, name, classIndex, direction, diversity, seed);
    }

    /** @return these settings with another seed */
    public AtlasSettings withSeed(long s) {
        return new AtlasSettings(filters, preset, steps, size, objective, classIndex, direction, diversity, s);
    }

    /** @return the settings kept in {@code s}, or {@link #DEFAULT} where one is missing or unreadable */
    public static AtlasSettings load(IDialogSettings s) {
        if (s == null || s.get(PRESET) == null) {
            return DEFAULT;
        }
        try {
            return new AtlasSettings(s.get(FILTERS), s.get(PRESET), integer(s.get(STEPS)), integer(s.get(SIZE)),
                    s.get(OBJECTIVE), s.getInt(CLASS), s.get(DIRECTION), s.getFloat(DIVERSITY), s.getLong(SEED));
        } catch (NumberFormatException | AnalysisException e) {
            // settings written by another version, or edited by hand: start afresh
            return DEFAULT;
        }
    }

    private static Integer integer(String text) {
        return text == null || text.isEmpty() ? null : Integer.valueOf(text);
    }

    /** Keeps these settings in {@code s}. */
    public void save(IDialogSettings s) {
        s.put(FILTERS, filters);
        s.put(PRESET, preset);
        s.put(STEPS, steps == null ? "" : steps.toString());
        s.put(SIZE, size == null ? "" : size.toString());
        s.put(OBJECTIVE, objective);
        s.put(CLASS, classIndex);
        s.put(DIRECTION, direction);
        s.put(DIVERSITY, diversity);
        s.put(SEED, seed);
    }
}
