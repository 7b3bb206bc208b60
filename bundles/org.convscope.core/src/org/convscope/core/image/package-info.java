/**
 * Turns image files into model inputs the way Keras does: decode (JPEG with its EXIF
 * orientation, PNG, BMP, GIF), convert to RGB or grey by the model's channel count, resize as
 * {@code keras.utils.load_img} does through PIL (nearest by default, bilinear on request, pixel
 * for pixel), preprocess for the model's family ({@code caffe}, {@code tf}, {@code torch},
 * {@code rescale}, {@code none}), and stack several images into one NHWC batch.
 *
 * <p>Bad files raise {@link org.convscope.core.image.ImageLoadException}, whose message names the
 * file and the problem.
 */
package org.convscope.core.image;
