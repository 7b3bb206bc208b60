package org.convscope.ui.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.diff.LayerMatch;
import org.convscope.core.diff.MatchStatus;
import org.convscope.core.diff.StructureDiff;
import org.convscope.engine.analysis.LayerDivergence;
import org.convscope.engine.analysis.ModelDiff;

/**
 * What the compare-models editor shows, without a display: one row per layer of either model, the
 * counterpart of a layer in the other model, and a body colour per layer: its structural status,
 * or after a run its divergence on one scale shared by both graphs.
 */
public final class DiffModel {

    /** A matched layer that is the same in both models. */
    public static final int SAME = 0xE4EEE4;
    /** A matched layer whose class, configuration, shape, parameters or weights differ. */
    public static final int CHANGED = 0xFFE2A8;
    /** A layer the other model lacks. */
    public static final int ONLY = 0xD8DCFF;

    /** The scale's colours, from no divergence to the largest: pale green, yellow, red. */
    private static final int[] SCALE = { 0xDDF2D6, 0xFFF2A8, 0xFDCB7E, 0xF9A06B, 0xF2766B };

    /**
     * One layer of either model.
     *
     * @param aName      its id in the first model, or null
     * @param bName      its id in the second, or null
     * @param status     same, changed, only in A or only in B
     * @param divergence how far B's output is from A's, once run; null before or when not compared
     */
    public record Row(String aName, String bName, MatchStatus status, LayerDivergence divergence) {

        /** @return its name: both ids when they differ */
        public String name() {
            if (aName == null || bName == null || aName.equals(bName)) {
                return aName != null ? aName : bName;
            }
            return aName + " \u2192 " + bName;
        }
    }

    private final StructureDiff structure;
    private final ModelDiff run;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> aToB = new HashMap<>();
    private final Map<String, String> bToA = new HashMap<>();

    /**
     * @param structure the structure and weights compared
     * @param run       the run on inputs, or null before one
     */
    public DiffModel(StructureDiff structure, ModelDiff run) {
        this.structure = structure;
        this.run = run;
        Map<String, LayerDivergence> byLayer = new HashMap<>();
        if (run != null) {
            run.activations().ifPresent(l -> l.forEach(d -> byLayer.put(d.layer(), d)));
        }
        for (LayerMatch m : structure.matches()) {
            rows.add(new Row(m.aName(), m.bName(), m.status(), m.aName() == null ? null : byLayer.get(m.aName())));
            if (m.matched()) {
                aToB.put(m.aName(), m.bName());
                bToA.put(m.bName(), m.aName());
            }
        }
        if (!byLayer.isEmpty()) {
            // most divergent first; layers not compared last, in the models' order
            rows.sort(Comparator.comparingDouble((Row r) -> r.divergence() == null ? -1 : r.divergence().rel())
                    .reversed());
        }
    }

    /** @return the structure and weights compared */
    public StructureDiff structure() {
        return structure;
    }

    /** @return the run on inputs, if there was one */
    public Optional<ModelDiff> run() {
        return Optional.ofNullable(run);
    }

    /** @return every layer of both models; after a run, most divergent first */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** @return the counterpart in the second model of the first's layer {@code aName}, or null */
    public String inB(String aName) {
        return aToB.get(aName);
    }

    /** @return the counterpart in the first model of the second's layer {@code bName}, or null */
    public String inA(String bName) {
        return bToA.get(bName);
    }

    /** @return the first layer along the first model's graph past the threshold, after a run */
    public Optional<String> firstDivergence() {
        return run == null ? Optional.empty() : run.firstDivergence().map(LayerDivergence::layer);
    }

    /** @return the largest relative difference of the run, the top of the colour scale; 0 without */
    public double maxRel() {
        return rows.stream().filter(r -> r.divergence() != null && Double.isFinite(r.divergence().rel()))
                .mapToDouble(r -> r.divergence().rel()).max().orElse(0);
    }

    /** @return the row of the first model's layer {@code aName}, or of the second's {@code bName} */
    public Optional<Row> row(String aName, String bName) {
        return rows.stream().filter(r -> aName != null ? aName.equals(r.aName()) : bName.equals(r.bName()))
                .findFirst();
    }

    /** @return a body colour per layer id of the first model ({@code a}) or the second */
    public Map<String, Integer> tints(boolean a) {
        Map<String, Integer> out = new HashMap<>();
        double max = maxRel();
        for (Row r : rows) {
            String id = a ? r.aName() : r.bName();
            if (id != null) {
                out.put(id, r.divergence() != null && Double.isFinite(r.divergence().rel())
                        ? scale(r.divergence().rel(), max)
                        : status(r.status()));
            }
        }
        return out;
    }

    /** @return the colour of a structural status */
    public static int status(MatchStatus s) {
        return switch (s) {
            case SAME -> SAME;
            case CHANGED -> CHANGED;
            default -> ONLY;
        };
    }

    /**
     * @return the colour of relative difference {@code rel} on a scale from 0 to {@code max}: square
     *         root spaced, so that the small divergences of early layers still show
     */
    public static int scale(double rel, double max) {
        double t = max <= 0 ? 0 : Math.sqrt(Math.max(0, Math.min(1, rel / max)));
        double pos = t * (SCALE.length - 1);
        int i = Math.min(SCALE.length - 2, (int) pos);
        return mix(SCALE[i], SCALE[i + 1], pos - i);
    }

    private static int mix(int p, int q, double f) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int x = (p >> shift) & 0xFF;
            int y = (q >> shift) & 0xFF;
            out |= ((int) Math.round(x + (y - x) * f) & 0xFF) << shift;
        }
        return out;
    }
}
