/**
 * The Grad-CAM view: where the model looks for a class, as a heat map beside and over the image.
 * {@link org.convscope.ui.gradcam.GradCamProvider} holds the work and is usable without a display.
 */
package org.convscope.ui.gradcam;
