/**
 * The errors an analysis reports to a person. {@link org.convscope.core.analysis.AnalysisException}
 * and its subclasses (here, in the engine) are the one family both front ends turn into a message;
 * any other exception out of an analysis is a bug and is reported as one.
 */
package org.convscope.core.analysis;
