/**
 * Internal to the file layer: format sniffing, size checks, error wording and the two weight
 * store shapes (by exact layer path for the Keras 3 layout, by variable name for the Keras 1/2
 * and TensorFlow.js layouts). Not API; the readers live in the sub-packages.
 */
package org.convscope.core.io.internal;
