/**
 * The analysis layer: every decision between "the person asked for X" and "the engine computes",
 * made once for the command line and the workbench. Which preprocessing and input size a model
 * takes ({@link org.convscope.engine.analysis.ModelInputs}), what an input file is (an image or a
 * {@code .npy} array, told by its content), which layer a name or a default means
 * ({@link org.convscope.engine.analysis.AnalysisLayers}), how an option is parsed
 * ({@link org.convscope.engine.analysis.AnalysisOptions}), and one request → result entry per
 * analysis: {@link org.convscope.engine.analysis.ActivationAnalysis},
 * {@link org.convscope.engine.analysis.GradCamAnalysis},
 * {@link org.convscope.engine.analysis.FilterAnalysis} and
 * {@link org.convscope.engine.analysis.Comparison}.
 * <p>
 * What a person's input cannot do is an {@link org.convscope.core.analysis.AnalysisException}
 * (an {@link org.convscope.engine.analysis.InputException} when the message already names the
 * file it is about), a file that cannot be read an {@link java.io.IOException} naming it; the
 * front ends only ask and show. Plain Java: no Eclipse or SWT type.
 */
package org.convscope.engine.analysis;
