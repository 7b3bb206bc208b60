package org.convscope.engine.explain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.WeightSource;

/**
 * The model of the randomisation test: the same network with some layers' weights replaced. A
 * weighted layer is one with a kernel (a weight of rank 2 or more: dense, convolutions); each of
 * its weights is replaced by Gaussian values with that weight's own mean and standard deviation
 * (a zero bias stays zero), drawn by {@link Noise} from {@code seed + j} for the j-th weighted
 * layer counted from the top (j = 0 is the last), weight after weight in Keras's order.
 */
final class Randomization {

    private Randomization() {
    }

    /**
     * @param upTo  the layer explained; layers after it in execution order are not counted
     * @param count how many to find
     * @return the last {@code count} (or fewer) weighted layers up to {@code upTo}, last first
     */
    static List<String> lastWeightedLayers(NetworkSpec spec, String upTo, int count) {
        List<LayerSpec> layers = spec.layers();
        String node = spec.resolve(upTo);
        int end = layers.size() - 1;
        while (end >= 0 && !layers.get(end).name().equals(node)) {
            end--;
        }
        List<String> found = new ArrayList<>();
        for (int i = end; i >= 0 && found.size() < count; i--) {
            LayerSpec l = layers.get(i);
            if (l.weights() != WeightSource.NONE && load(l).stream().anyMatch(t -> t.rank() >= 2)) {
                found.add(l.name());
            }
        }
        return found;
    }

    /**
     * @param weighted the weighted layers, last first ({@link #lastWeightedLayers})
     * @param depth    how many of them, from the first, to randomise
     * @return the spec with those layers' weights replaced
     */
    static NetworkSpec randomize(NetworkSpec spec, List<String> weighted, int depth, long seed) {
        Set<String> chosen = Set.copyOf(weighted.subList(0, depth));
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            if (chosen.contains(l.name())) {
                long layerSeed = layerSeed(seed, weighted.indexOf(l.name()));
                WeightSource random = () -> random(load(l), layerSeed);
                layers.add(new LayerSpec(l.name(), l.kerasClass(), l.config(), l.inbound(), random, l.arguments()));
            } else {
                layers.add(l);
            }
        }
        return new NetworkSpec(spec.name(), layers, spec.inputs(), spec.aliases());
    }

    /** @return the seed of the j-th weighted layer counted from the top ({@link #lastWeightedLayers}) */
    static long layerSeed(long seed, int j) {
        return seed + j;
    }

    static List<Tensor> random(List<Tensor> weights, long seed) {
        // the weights draw one stream of Gaussians one after the other
        long drawn = 0;
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : weights) {
            float[] d = t.data();
            double mean = 0;
            for (float v : d) {
                mean += v;
            }
            mean /= Math.max(d.length, 1);
            double var = 0;
            for (float v : d) {
                var += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(var / Math.max(d.length, 1));
            float[] r = new float[d.length];
            Noise.fill(seed, drawn, mean, std, r);
            drawn += r.length;
            out.add(new Tensor(r, t.shape()));
        }
        return out;
    }

    private static List<Tensor> load(LayerSpec l) {
        try {
            return l.weights().load();
        } catch (IOException e) {
            throw new AnalysisException(MessageBundles.bind(Messages.cannotLoadWeights, l.name(), e.getMessage()), e);
        }
    }
}
