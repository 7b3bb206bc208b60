package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * {@code SimpleRNN}, {@code GRU}, {@code LSTM} over {@code (batch, time, features)}: the last step
 * or, with {@code return_sequences}, every step; with {@code return_state} the states follow.
 * GRU's {@code reset_after} (the Keras 2/3 default) adds a second bias.
 */
final class RecurrentMapper implements LayerMapper {

    private final int gates;
    private final int states;

    /**
     * @param gates  weight blocks per unit: 1 for SimpleRNN, 3 for GRU, 4 for LSTM
     * @param states state tensors returned with {@code return_state}
     */
    RecurrentMapper(int gates, int states) {
        this.gates = gates;
        this.states = states;
    }

    @Override
    public LayerCategory category() {
        return LayerCategory.LAYER;
    }

    private static int units(LayerConfig c) {
        return c.integer(1, "units", "output_dim");
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        TensorShape in = inputs.isEmpty() ? TensorShape.unknown() : inputs.get(0);
        if (!in.isKnown()) {
            return List.of(TensorShape.unknown());
        }
        if (in.rank() != 3) {
            throw new ShapeException(MessageBundles.bind(Messages.recurrentNeedsSequence, c.className(), in));
        }
        int units = units(c);
        List<TensorShape> out = new ArrayList<>();
        out.add(c.bool(false, "return_sequences")
                ? TensorShape.of(in.dim(0), in.dim(1), units)
                : TensorShape.of(in.dim(0), units));
        if (c.bool(false, "return_state")) {
            for (int i = 0; i < states; i++) {
                out.add(TensorShape.of(in.dim(0), units));
            }
        }
        return out;
    }

    @Override
    public Params params(LayerConfig c, List<TensorShape> inputs) {
        TensorShape in = inputs.isEmpty() ? TensorShape.unknown() : inputs.get(0);
        if (!in.isKnown() || in.rank() != 3 || in.dim(2) == null) {
            return Params.UNKNOWN;
        }
        long units = units(c);
        long features = in.dim(2);
        boolean bias = c.bool(true, "use_bias", "bias");
        long biases = bias ? (gates == 3 && c.bool(c.has("units"), "reset_after") ? 2 * units : units) : 0;
        return new Params(gates * (units * (features + units) + biases), 0);
    }
}
