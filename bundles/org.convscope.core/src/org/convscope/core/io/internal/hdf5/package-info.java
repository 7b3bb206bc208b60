/**
 * Keras HDF5 files read with jhdf (pure Java, so opening a model needs no native library).
 *
 * <p>What Keras writes, as found in files from Keras 1.2, 2.x (incl. tf.keras) and 3.15:
 * <ul>
 * <li>Full model ({@code save_model} / Keras 3 legacy {@code .h5}): root attributes
 * {@code model_config} (JSON text; large configs need dense attribute storage),
 * {@code keras_version}, {@code backend}, maybe {@code training_config}; group
 * {@code model_weights} with attribute {@code layer_names} and per layer a group whose attribute
 * {@code weight_names} lists dataset paths relative to it: Keras 2 {@code conv1/kernel:0},
 * Keras 3 {@code conv1/kernel} or {@code <model>/conv1/kernel}, Keras 1 {@code dense_1_W}. A
 * nested model's group lists all its inner weights ({@code inner/d1/kernel} in Keras 3,
 * {@code d1/kernel:0} in Keras 2). An empty list is stored as an empty float64 array.</li>
 * <li>Keras 2 splits an attribute over the object-header limit into {@code name0},
 * {@code name1}, ...</li>
 * <li>Keras 2 {@code save_weights}: the {@code model_weights} content at the root.</li>
 * <li>Keras 3 {@code save_weights} ({@code .weights.h5}) and {@code model.weights.h5} inside a
 * {@code .keras}: {@code layers/<snake_class>[_N]/vars/<i>}, nested models under
 * {@code layers/<snake_class>/layers/...}; Keras 3.15 writes attribute {@code name} (the layer
 * name) on each {@code vars} group, older files are matched through the config.</li>
 * </ul>
 * Only the {@code io.jhdf} and {@code io.jhdf.api} packages are used: they are all jhdf's bundle
 * exports under OSGi.
 */
package org.convscope.core.io.internal.hdf5;
