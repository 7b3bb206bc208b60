package org.convscope.core.io;

/** The kinds of model file Convscope reads. */
public enum ModelFormat {
    /** A Keras HDF5 model ({@code .h5}/{@code .hdf5}) with config and weights, Keras 1, 2 or 3. */
    KERAS_H5,
    /** A Keras 3 {@code .keras} zip archive. */
    KERAS_V3,
    /** A TensorFlow.js layers model: {@code model.json} plus binary weight shards. */
    TFJS_LAYERS,
    /** A Keras architecture JSON ({@code model.to_json()}): structure, no weights. */
    JSON_ARCHITECTURE,
    /** An HDF5 file holding only weights (Keras {@code save_weights}), maybe paired with a JSON. */
    WEIGHTS_H5
}
