package org.convscope.core.diff;

/**
 * One thing that differs between two matched layers.
 *
 * @param field what: {@code class}, {@code config.KEY}, {@code output_shape}, {@code params}, or
 *              {@code weights.NAME} (a weight whose values or shape differ; its numbers are in
 *              {@link StructureDiff#weights()})
 * @param a     the first model's value as plain JSON values (a shape is a list, null for a free
 *              dimension), or null where it has none
 * @param b     the second model's value, likewise
 */
public record Difference(String field, Object a, Object b) {
}
