/**
 * The second and third techniques of "Visualizing what convnets learn" on the engine's gradients:
 * filter patterns by gradient ascent in input space ({@link org.convscope.engine.visualize.FilterPatterns})
 * and class activation heat maps ({@link org.convscope.engine.visualize.GradCam}, Grad-CAM and
 * Grad-CAM++). Everything here is plain Java over {@link org.convscope.engine.Network}; no ND4J type
 * is used, so the same code serves the command line, the workbench and the tests.
 */
package org.convscope.engine.visualize;
