/**
 * Keras semantics: {@link org.convscope.core.keras.KerasModels} turns a model file's config
 * (Keras 1, 2 or 3, tfjs) into a {@link org.convscope.core.model.ModelGraph}, with output shapes
 * inferred and parameters counted by one small mapper per Keras layer class, found through a
 * registry. Unknown classes and {@code Lambda} layers open with their config and are never run.
 */
package org.convscope.core.keras;
