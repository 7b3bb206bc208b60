/**
 * What Keras's {@code model.summary()} tells, for a {@link org.convscope.core.model.ModelGraph}:
 * {@link org.convscope.core.summary.SummaryText} prints the table, and
 * {@link org.convscope.core.summary.SummaryJson} gives the same facts as JSON for scripts and tests.
 */
package org.convscope.core.summary;
