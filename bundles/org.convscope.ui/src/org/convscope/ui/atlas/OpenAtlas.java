package org.convscope.ui.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.image.Interpolation;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.render.RgbImage;
import org.convscope.engine.LayerNames;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.ModelInputs;
import org.eclipse.osgi.util.NLS;

/**
 * A store opened for the atlas, with what it needs around it: the model the scan ran (found by its
 * SHA-256 where the person has it: the model open in the workbench, beside the store, beside the
 * images), how that model takes an image, the example images, and the cached feature
 * visualisations. Without the model the crops still show, at the images' own size.
 *
 * @param atlas    the store's contents
 * @param model    the model file, or null when not found
 * @param spec     how the model takes an image, or null without the model
 * @param images   the example images
 * @param patterns the cached patterns, or null without the model
 * @param nodes    layer name → engine node, empty without the model
 * @param patterned the layers with a cached pattern for at least one channel (looked up once, off
 *                  the UI thread)
 */
public record OpenAtlas(Atlas atlas, Path model, InputSpec spec, ExampleImages images, PatternLookup patterns,
        Map<String, String> nodes, Set<String> patterned) {

    /**
     * Reads the store and looks for its model.
     *
     * @param store the store file
     * @param hints model files to try first (the open model)
     * @throws IOException naming the store when it is not a readable scan store
     */
    public static OpenAtlas open(Path store, List<Path> hints) throws IOException {
        Atlas atlas = Atlas.read(store);
        Path model = findModel(atlas, hints);
        if (model == null) {
            return new OpenAtlas(atlas, null, null, new ExampleImages(atlas, null), null, Map.of(), Set.of());
        }
        try (ModelGraph graph = KerasModels.open(model)) {
            Preprocessing pre = Preprocessing.find(atlas.manifest().getOrDefault("preprocessing", ""))
                    .orElse(null);
            Interpolation how = Interpolation.find(atlas.manifest().getOrDefault("interpolation", ""))
                    .orElse(null);
            InputSpec spec = ModelInputs.spec(graph, model, pre, how);
            LayerNames names = AnalysisLayers.of(graph).names();
            Map<String, String> nodes = new HashMap<>();
            for (String layer : atlas.layers()) {
                try {
                    nodes.put(layer, names.node(layer));
                } catch (RuntimeException e) {
                    // a layer the model no longer has: no overlay and no pattern for it
                }
            }
            PatternLookup patterns = PatternLookup.of(graph, model, patternPreprocessing(graph, model));
            Set<String> patterned = new HashSet<>();
            for (String layer : atlas.layers()) {
                if (patterns != null && nodes.containsKey(layer)
                        && hasPatterns(patterns, nodes.get(layer), atlas.channels().get(layer).size())) {
                    patterned.add(layer);
                }
            }
            return new OpenAtlas(atlas, model, spec, new ExampleImages(atlas, spec), patterns, Map.copyOf(nodes),
                    Set.copyOf(patterned));
        } catch (IOException | RuntimeException e) {
            // the model is there but cannot be read: the atlas shows the crops as the images are
            return new OpenAtlas(atlas, null, null, new ExampleImages(atlas, null), null, Map.of(), Set.of());
        }
    }

    /** @return the preprocessing the Filters view keys a model's patterns with: the model's own */
    private static Preprocessing patternPreprocessing(ModelGraph graph, Path model) {
        return ModelInputs.preprocessing(model, graph.name(), null).preprocessing();
    }

    /** @return the model file whose SHA-256 is the store's, among the hints and beside the store and images */
    static Path findModel(Atlas atlas, List<Path> hints) {
        List<Path> candidates = new ArrayList<>(hints);
        String name = atlas.modelFile();
        if (!name.isEmpty()) {
            Path folder = atlas.file().toAbsolutePath().getParent();
            if (folder != null) {
                candidates.add(folder.resolve(name));
            }
            String source = atlas.manifest().get("image_source");
            if (source != null) {
                Path s = Path.of(source);
                candidates.add(s.resolve(name));
                if (s.getParent() != null) {
                    candidates.add(s.getParent().resolve(name));
                }
            }
        }
        for (Path p : candidates) {
            if (p != null && Files.isRegularFile(p) && atlas.modelSha256().equalsIgnoreCase(sha256(p))) {
                return p;
            }
        }
        return null;
    }

    /** @return the file's SHA-256 in hex, or "" when it cannot be read */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** @return a line saying which model the atlas uses, or that it is not found */
    public String modelLine() {
        return model == null
                ? NLS.bind(Messages.modelMissing, atlas.modelFile())
                : NLS.bind(Messages.modelFound, model);
    }

    /**
     * @return the pattern of {@code channel} of {@code layer}, or null when none is cached (or the
     *         model is not at hand)
     */
    RgbImage pattern(String layer, int channel) {
        String node = nodes.get(layer);
        return patterns == null || node == null ? null : patterns.pattern(node, channel);
    }

    /** @return whether any channel of {@code layer} has a cached pattern */
    boolean hasPatterns(String layer) {
        return patterned.contains(layer);
    }

    private static boolean hasPatterns(PatternLookup patterns, String node, int channels) {
        for (int c = 0; c < channels; c++) {
            if (patterns.pattern(node, c) != null) {
                return true;
            }
        }
        return false;
    }
}
