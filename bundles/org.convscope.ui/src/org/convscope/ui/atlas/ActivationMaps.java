package org.convscope.ui.atlas;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.Network;
import org.convscope.scan.Example;
import org.eclipse.osgi.util.NLS;

/**
 * One channel's activation on each of its top examples, from the engine: every example through the
 * store's model, that layer's output kept, that channel's map taken. One image at a time, as a
 * model of free input size may take images of different sizes.
 */
final class ActivationMaps {

    /**
     * A channel's map on one image.
     *
     * @param rows    its rows
     * @param columns its columns
     * @param values  row by row; null when the image is missing
     */
    record ChannelMap(int rows, int columns, float[] values) {
    }

    private ActivationMaps() {
    }

    /**
     * @return per example, in order, the channel's map
     * @throws AnalysisException when the model is not at hand or the engine cannot compute the
     *                           layer
     * @throws IOException       naming an image that cannot be read
     */
    static List<ChannelMap> compute(OpenAtlas open, String layer, int channel, List<Example> examples,
            ProgressMonitor monitor) throws IOException {
        if (open.model() == null) {
            throw new AnalysisException(open.modelLine());
        }
        String node = open.nodes().get(layer);
        if (node == null) {
            throw new AnalysisException(NLS.bind(Messages.layerNotInModel, layer, open.model().getFileName()));
        }
        monitor.begin(NLS.bind(Messages.overlayTask, layer, channel), examples.size() + 1);
        List<ChannelMap> out = new ArrayList<>();
        try (ModelGraph graph = KerasModels.open(open.model()); Network network = Engine.open(graph)) {
            monitor.worked(1);
            for (Example e : examples) {
                monitor.checkCanceled();
                ExampleImages.Loaded l = open.images().load(e.image());
                if (l == null || l.input() == null) {
                    out.add(new ChannelMap(0, 0, null));
                } else {
                    ForwardResult r = network.forward(l.input(), List.of(node));
                    network.clearCache();
                    Tensor t = r.outputs().get(node);
                    if (t == null) {
                        throw new AnalysisException(r.firstFailure().map(f -> f.message())
                                .orElse(NLS.bind(Messages.layerNotInModel, layer, open.model().getFileName())));
                    }
                    out.add(channelMap(t, channel));
                }
                monitor.worked(1);
            }
        }
        return out;
    }

    private static ChannelMap channelMap(Tensor t, int channel) {
        if (t.rank() == 4) {
            int h = t.dim(1);
            int w = t.dim(2);
            int c = t.dim(3);
            float[] v = new float[h * w];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.data()[i * c + channel];
            }
            return new ChannelMap(h, w, v);
        }
        // a Dense layer's unit has one position: the whole image lit by its value
        return new ChannelMap(1, 1, new float[] { t.data()[channel] });
    }
}
