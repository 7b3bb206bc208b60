/**
 * JSON as plain immutable Java values: {@link org.convscope.core.json.Json#parse(String)} reads
 * Keras configs, tfjs manifests and fixture expectations; {@link org.convscope.core.json.Json#write}
 * prints results. Objects become {@code Map<String,Object>} in document order, arrays
 * {@code List<Object>}, integers {@code Long}, other numbers {@code Double}.
 */
package org.convscope.core.json;
