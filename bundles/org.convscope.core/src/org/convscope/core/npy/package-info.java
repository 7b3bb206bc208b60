/**
 * Reads and writes numpy's {@code .npy} files, so that activations leave Convscope in the form
 * Keras and numpy users load with {@code np.load}, and tensors saved from Python come in as
 * inputs. Writing is always float32, little-endian, C order; reading also converts float16/64,
 * integers and booleans to float32 and Fortran order to C order.
 */
package org.convscope.core.npy;
