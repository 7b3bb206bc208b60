/**
 * Why the model decided: attribution maps of one class score by the methods of pytorch-grad-cam
 * and Captum (CAM variants over a layer's output, gradient and perturbation maps over the input),
 * the trust measures that say how far to believe a map (deletion and insertion AUC, confidence
 * change) and the model-randomisation sanity check. One entry point,
 * {@link org.convscope.engine.explain.Explainer}, takes an {@link org.convscope.engine.explain.ExplainRequest}
 * and returns plain Java arrays; each method's definition is in the javadoc of
 * {@link org.convscope.engine.explain.AttributionMethod}. Everything here works over
 * {@link org.convscope.engine.Network}; no ND4J type is used.
 */
package org.convscope.engine.explain;
