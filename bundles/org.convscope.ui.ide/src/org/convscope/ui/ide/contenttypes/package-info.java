/**
 * Content describers for Keras model files in an Eclipse IDE: they read a bounded prefix of a file
 * and say whether it is a Keras HDF5 model, a Keras 3 archive or a TensorFlow.js layers model, so
 * the IDE opens those files (and no other {@code .h5}, zip or JSON file) in the model editor.
 */
package org.convscope.ui.ide.contenttypes;
