package org.convscope.core.keras;

import java.util.List;
import java.util.Map;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.TensorShape;

/**
 * One call of a layer as the config records it, before shapes are inferred.
 *
 * @param inbound   the input tensors
 * @param recorded  the shapes Keras 3 recorded for them (unknown where not recorded)
 * @param arguments the call's non-tensor keyword arguments
 */
record RawNode(List<InboundRef> inbound, List<TensorShape> recorded, Map<String, Object> arguments) {
}
