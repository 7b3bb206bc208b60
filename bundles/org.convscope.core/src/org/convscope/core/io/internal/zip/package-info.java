/**
 * Keras 3 {@code .keras} archives read in place: a zip of {@code config.json} (the model
 * config), {@code metadata.json} ({@code keras_version}, {@code date_saved}) and
 * {@code model.weights.h5}, all stored uncompressed by Keras. The weights entry is memory-mapped
 * where it lies and handed to jhdf as a buffer (over 2 GiB, jhdf reads it through a channel over
 * that region instead); deflated entries are inflated within limits.
 * Entry names with {@code ..} or absolute paths are refused, entry counts and sizes bounded.
 */
package org.convscope.core.io.internal.zip;
