/**
 * TensorFlow.js layers models: {@code model.json} with {@code format: "layers-model"},
 * {@code modelTopology} (either the converter's {@code {keras_version, backend, model_config}} or
 * tfjs-layers' own {@code {class_name, config}}) and {@code weightsManifest}: groups of
 * {@code paths} (shard files beside model.json, read as one byte sequence) and {@code weights}
 * ({@code name, shape, dtype}, maybe {@code quantization: {dtype: uint8|uint16, scale, min}}
 * dequantized as {@code q * scale + min}, or {@code {dtype: float16}}), stored one after another.
 */
package org.convscope.core.io.internal.tfjs;
