/**
 * Reading Keras model files into a {@link org.convscope.core.io.RawModel}: the model config as
 * plain Java values, file attributes and lazily loaded weights. {@link org.convscope.core.io.ModelFiles}
 * is the entry point; it tells the formats apart by content (HDF5 {@code .h5}, Keras 3
 * {@code .keras} zip, TensorFlow.js {@code model.json}, architecture JSON). A bad file gives a
 * {@link org.convscope.core.io.ModelFormatException} with a one-line message for the user.
 */
package org.convscope.core.io;
