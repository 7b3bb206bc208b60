package org.convscope.engine.visualize;

/**
 * Where {@link FilterPatterns} keeps finished patterns beyond its own memory, e.g. a cache on disk
 * keyed by the model's content, so that a layer's atlas opened again is not computed again. A store
 * that cannot read or write says nothing and returns nothing: a cache never fails a run.
 */
public interface PatternStore {

    /**
     * @param directions what distinguishes the direction objective's vectors ("" for none)
     * @return the pattern stored for these arguments, or {@code null}
     */
    FilterPattern get(String layer, int filter, int copy, FilterPatternOptions options, String directions);

    /** Keeps {@code pattern} for these arguments. */
    void put(String layer, int filter, int copy, FilterPatternOptions options, String directions,
            FilterPattern pattern);
}
