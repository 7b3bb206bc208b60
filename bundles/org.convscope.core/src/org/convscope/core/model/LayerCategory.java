package org.convscope.core.model;

/**
 * What kind of operation a layer is, for colouring and grouping as Netron does. The category says
 * nothing about whether Convscope can run the layer.
 */
public enum LayerCategory {
    /** A layer with weights that transforms its input: convolutions, dense. */
    LAYER,
    /** An activation function as its own layer. */
    ACTIVATION,
    /** Pooling, local or global. */
    POOL,
    /** Normalisation and rescaling. */
    NORMALIZATION,
    /** Dropout and noise layers, identities at inference. */
    DROPOUT,
    /** Layers that only move values: flatten, reshape, padding, cropping, upsampling. */
    SHAPE,
    /** Layers combining several inputs: add, concatenate, multiply. */
    MERGE,
    /** A model input. */
    INPUT,
    /** A nested model. */
    MODEL,
    /** A class Convscope does not know; shown with its config. */
    UNKNOWN
}
