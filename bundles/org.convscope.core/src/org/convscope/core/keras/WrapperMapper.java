package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * The wrappers that hold another layer in their config ({@code layer: {class_name, config}}):
 * {@code TimeDistributed} applies it to every step of axis 1; {@code Bidirectional} runs a
 * recurrent layer forwards and backwards and merges the two ({@code merge_mode} concat, sum,
 * mul, ave, or none for two outputs). The inner class is looked up in the same registry.
 */
final class WrapperMapper implements LayerMapper {

    private final boolean bidirectional;

    /** @param bidirectional true for {@code Bidirectional}, false for {@code TimeDistributed} */
    WrapperMapper(boolean bidirectional) {
        this.bidirectional = bidirectional;
    }

    @Override
    public LayerCategory category() {
        return LayerCategory.LAYER;
    }

    private static LayerConfig inner(LayerConfig c) {
        if (c.get("layer") instanceof Map<?, ?> entry) {
            Map<String, Object> e = Configs.asMap(entry);
            String cls = Configs.className(e);
            Map<String, Object> config = Configs.asMap(e.get("config"));
            if (cls != null && config != null) {
                return new LayerConfig(cls, config);
            }
        }
        throw new ShapeException(MessageBundles.bind(Messages.noWrappedLayer, c.className()));
    }

    private static LayerMapper mapper(LayerConfig inner) {
        LayerMapper m = LayerMappers.find(inner.className());
        return m == null ? UnknownMapper.INSTANCE : m;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        LayerConfig inner = inner(c);
        LayerMapper m = mapper(inner);
        TensorShape in = inputs.isEmpty() ? TensorShape.unknown() : inputs.get(0);
        if (!in.isKnown()) {
            return List.of(TensorShape.unknown());
        }
        if (!bidirectional) {
            if (in.rank() < 3) {
                throw new ShapeException(MessageBundles.bind(Messages.timeDistributedNeedsTime, in));
            }
            TensorShape step = m.outputShapes(inner, List.of(stepShape(in))).get(0);
            if (!step.isKnown()) {
                return List.of(TensorShape.unknown());
            }
            List<Integer> out = new ArrayList<>();
            out.add(in.dim(0));
            out.add(in.dim(1));
            out.addAll(step.dims().subList(1, step.rank()));
            return List.of(TensorShape.of(out));
        }
        TensorShape forward = m.outputShapes(inner, List.of(in)).get(0);
        String mode = c.string("concat", "merge_mode");
        if (!forward.isKnown()) {
            return List.of(TensorShape.unknown());
        }
        if (c.has("merge_mode") || !c.map().containsKey("merge_mode")) {
            return List.of(mode.equals("concat") ? forward.withDim(-1, Spatial.times(forward.dim(-1), 2)) : forward);
        }
        return List.of(forward, forward);
    }

    @Override
    public Params params(LayerConfig c, List<TensorShape> inputs) {
        LayerConfig inner = inner(c);
        TensorShape in = inputs.isEmpty() ? TensorShape.unknown() : inputs.get(0);
        if (!bidirectional) {
            return in.isKnown() && in.rank() >= 3
                    ? mapper(inner).params(inner, List.of(stepShape(in)))
                    : Params.UNKNOWN;
        }
        Params one = mapper(inner).params(inner, inputs);
        return one.known() ? new Params(2 * one.trainable(), 2 * one.nonTrainable()) : Params.UNKNOWN;
    }

    /** The shape one time step has: the batch axis, then everything after axis 1. */
    private static TensorShape stepShape(TensorShape in) {
        List<Integer> dims = new ArrayList<>();
        dims.add(in.dim(0));
        dims.addAll(in.dims().subList(2, in.rank()));
        return TensorShape.of(dims);
    }
}
