/**
 * Two models compared without running them: {@link org.convscope.core.diff.StructureDiff} matches
 * their layers (by name, then by position in the graph) and tells, per match, what differs in
 * class, configuration, output shape, parameter count and weight values. The engine's
 * {@code ModelDiff} adds what running both on the same inputs shows.
 */
package org.convscope.core.diff;
