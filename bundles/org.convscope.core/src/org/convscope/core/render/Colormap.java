package org.convscope.core.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * matplotlib's colour maps, 256 entries each, with the 8-bit colours matplotlib itself draws
 * ({@code cmap(np.arange(256), bytes=True)}, which truncates {@code 255·v}). The tables are
 * generated from matplotlib by the script beside the resources, not retyped, so that a grid here
 * and a figure in the notebook show the same colours.
 */
public enum Colormap {

    /** Perceptually uniform blue–green–yellow; matplotlib's and Convscope's default. */
    VIRIDIS,
    /** Perceptually uniform black–purple–orange–white. */
    MAGMA,
    /** Black to white. */
    GRAY,
    /** Blue–cyan–yellow–red; the classic heat-map colours used for Grad-CAM overlays. */
    JET;

    /** Entries in every table. */
    public static final int SIZE = 256;

    private volatile Table table;

    private record Table(int[] argb, float[] rgb) {
    }

    /** @return the lower-case name matplotlib uses, e.g. {@code "viridis"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a matplotlib name, any case ({@code "viridis"}, {@code "Jet"}; {@code "grey"} too)
     * @return the colour map
     * @throws AnalysisException naming the known maps when {@code name} is none of them
     */
    public static Colormap named(String name) {
        return find(name).orElseThrow(() -> new AnalysisException(MessageBundles.bind(Messages.unknownColormap, name)));
    }

    /** @return the colour map for a matplotlib name, any case, or empty when it is none (a stored preference) */
    public static Optional<Colormap> find(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        String id = n.equals("grey") ? "gray" : n;
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }

    /** @return entry {@code index} (0–255) as opaque {@code 0xFFRRGGBB} */
    public int argb(int index) {
        return table().argb[index];
    }

    /**
     * @return the colour for {@code t} in [0, 1] (clamped), choosing the entry as matplotlib does
     *         for a float: {@code floor(t·256)}, with 1.0 mapped to the last entry
     */
    public int argb(double t) {
        int i = t >= 1 ? SIZE - 1 : t > 0 ? (int) (t * SIZE) : 0;
        return table().argb[i];
    }

    /** @return entry {@code index} as matplotlib's float RGB, each in [0, 1] */
    public float[] rgb(int index) {
        float[] t = table().rgb;
        return new float[] { t[3 * index], t[3 * index + 1], t[3 * index + 2] };
    }

    /** @return a copy of the 256 opaque ARGB entries */
    public int[] table256() {
        return table().argb.clone();
    }

    /** Shared, not copied: the renderer's inner loops index it directly. */
    int[] lut() {
        return table().argb;
    }

    private Table table() {
        Table t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = load();
                    table = t;
                }
            }
        }
        return t;
    }

    private Table load() {
        String resource = "colormaps/" + id() + ".csv";
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colormap table " + resource + " missing from the core bundle");
            }
            int[] argb = new int[SIZE];
            float[] rgb = new float[3 * SIZE];
            int row = 0;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                if (row >= SIZE || f.length != 6) {
                    throw new IllegalStateException(resource + ": bad row " + (row + 1) + ": " + line);
                }
                argb[row] = 0xFF000000 | Integer.parseInt(f[0].trim()) << 16 | Integer.parseInt(f[1].trim()) << 8
                        | Integer.parseInt(f[2].trim());
                for (int k = 0; k < 3; k++) {
                    rgb[3 * row + k] = Float.parseFloat(f[3 + k].trim());
                }
                row++;
            }
            if (row != SIZE) {
                throw new IllegalStateException(resource + ": " + row + " rows, expected " + SIZE);
            }
            return new Table(argb, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
