package org.convscope.ui.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.scan.ChannelSummary;
import org.convscope.scan.ScanStore;
import org.eclipse.osgi.util.NLS;

/**
 * A scan store as the atlas shows it, read once and whole: the manifest, the layers and every
 * layer's channels. The store is opened read-only and closed before this returns, so the editor
 * never holds the file and never writes it. Sorting and filtering the channels happen here,
 * without a display.
 *
 * @param file     the store
 * @param manifest the scan's settings (model file and hash, image source, K, …)
 * @param channels per layer, in the scan's order, its channels by index
 */
public record Atlas(Path file, Map<String, String> manifest, Map<String, List<ChannelSummary>> channels) {

    /** How the tiles are ordered. */
    public enum Order {

        /** By channel index. */
        CHANNEL,
        /** By mean activation, the highest first. */
        MEAN,
        /** By maximum over the set, the highest first (the report's order). */
        MAX,
        /** By share of zeros, the sparsest first. */
        SPARSITY;

        /** @return the label of the sort combo */
        public String label() {
            return switch (this) {
                case CHANNEL -> Messages.sortChannel;
                case MEAN -> Messages.sortMean;
                case MAX -> Messages.sortMax;
                case SPARSITY -> Messages.sortSparsity;
            };
        }

        Comparator<ChannelSummary> comparator() {
            Comparator<ChannelSummary> byIndex = Comparator.comparingInt(ChannelSummary::channel);
            return switch (this) {
                case CHANNEL -> byIndex;
                case MEAN -> Comparator.comparingDouble((ChannelSummary s) -> -s.mean()).thenComparing(byIndex);
                case MAX -> ChannelSummary.BEST_FIRST;
                case SPARSITY -> Comparator.comparingDouble((ChannelSummary s) -> -s.zeros()).thenComparing(byIndex);
            };
        }
    }

    /** Which channels show. */
    public enum Show {

        /** Every channel. */
        ALL,
        /** Every channel that ever fired. */
        LIVE,
        /** Only the dead ones. */
        DEAD;

        /** @return the label of the filter combo */
        public String label() {
            return switch (this) {
                case ALL -> Messages.showAll;
                case LIVE -> Messages.showLive;
                case DEAD -> Messages.showDead;
            };
        }
    }

    public Atlas {
        manifest = Map.copyOf(manifest);
        Map<String, List<ChannelSummary>> copy = new LinkedHashMap<>();
        channels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        channels = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads {@code file}, read-only.
     *
     * @throws IOException naming the file when it is missing, not a scan store or damaged
     */
    public static Atlas read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(NLS.bind(Messages.noSuchStore, file));
        }
        try (ScanStore store = ScanStore.read(file)) {
            Map<String, List<ChannelSummary>> channels = new LinkedHashMap<>();
            for (String layer : store.layers()) {
                List<ChannelSummary> c = new ArrayList<>(store.channels(layer));
                c.sort(Order.CHANNEL.comparator());
                channels.put(layer, c);
            }
            if (channels.isEmpty()) {
                throw new IOException(NLS.bind(Messages.emptyStore, file));
            }
            return new Atlas(file, store.manifest(), channels);
        } catch (RuntimeException e) {
            // a damaged file: the driver's words, with the file's name
            throw new IOException(NLS.bind(Messages.damagedStore, file, e.getMessage()), e);
        }
    }

    /** @return the layers, in the scan's order */
    public List<String> layers() {
        return List.copyOf(channels.keySet());
    }

    /** @return the model file's name as the scan recorded it */
    public String modelFile() {
        return manifest.getOrDefault("model_file", "");
    }

    /** @return the SHA-256 of the model the scan ran */
    public String modelSha256() {
        return manifest.getOrDefault("model_sha256", "");
    }

    /** @return K, the examples kept per channel */
    public int topK() {
        return Integer.parseInt(manifest.getOrDefault("top_k", "9"));
    }

    /** @return the images in the store, and in the set */
    public String imageCount() {
        return manifest.getOrDefault("done", "0") + " / " + manifest.getOrDefault("images", "?");
    }

    /**
     * @param layer  a layer of the store
     * @param order  the order
     * @param show   which channels
     * @param filter a channel list ("5", "0-15", "3,8-11"), or blank for all
     * @return the channels to show, in order
     * @throws org.convscope.core.analysis.AnalysisException when {@code filter} is not a channel list
     */
    public List<ChannelSummary> select(String layer, Order order, Show show, String filter) {
        List<ChannelSummary> all = channels.getOrDefault(layer, List.of());
        Set<Integer> only = null;
        if (filter != null && !filter.isBlank()) {
            only = new HashSet<>();
            for (int c : AnalysisOptions.filters(filter)) {
                only.add(c);
            }
        }
        List<ChannelSummary> out = new ArrayList<>();
        for (ChannelSummary s : all) {
            boolean shown = switch (show) {
                case ALL -> true;
                case LIVE -> !s.dead();
                case DEAD -> s.dead();
            };
            if (shown && (only == null || only.contains(s.channel()))) {
                out.add(s);
            }
        }
        out.sort(order.comparator());
        return out;
    }

    /** @return the number of dead channels of {@code layer} */
    public long deadCount(String layer) {
        return channels.getOrDefault(layer, List.of()).stream().filter(ChannelSummary::dead).count();
    }

    /** @return {@code v} as read-outs show values, four significant digits */
    public static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3
                ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** @return a share as a percentage with one decimal */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
