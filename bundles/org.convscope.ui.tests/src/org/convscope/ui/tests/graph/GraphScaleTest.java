package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.graph.GraphFinder;
import org.convscope.ui.graph.GraphGroups;
import org.convscope.ui.graph.GraphGroups.Kind;
import org.convscope.ui.graph.GraphHits;
import org.convscope.ui.graph.GraphHits.Hit;
import org.convscope.ui.graph.GraphLayout;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.LayoutCache;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.graph.TextMeasure;
import org.junit.jupiter.api.Test;

/**
 * The graph of a 10,000-layer model, without a display: it opens folded with a bounded number of
 * boxes, unfolding a group lays out that group and the level holding it and nothing else, a folded
 * interior is not laid out again, Find sees inside folded groups, and what lies in a small window
 * is found without looking at the rest. (How fast is a figure of
 * releng/benchmarks/workbench_responsiveness.sh, not an assertion here.)
 */
class GraphScaleTest {

    private static final NodeGeometry GEOMETRY = new NodeGeometry(TextMeasure.approximate());

    private static ModelGraph residual() throws Exception {
        return KerasModels.build(Json.parse(TestModels.residualConfig(400)));
    }

    private static String id(ModelGraph g, String name) {
        return g.layers().stream().filter(l -> l.name().equals(name)).findFirst().map(Layer::id).orElseThrow();
    }

    @Test
    void tenThousandLayersInResidualBlocksOpenFoldedAndUnfoldOneGroupAtATime() throws Exception {
        ModelGraph g = residual();
        assertEquals(10_001, g.layers().size());
        GraphGroups groups = GraphGroups.of(g);
        assertEquals(400, groups.all().size());
        assertTrue(groups.all().stream().allMatch(gr -> gr.kind() == Kind.BLOCK && gr.layers() == 25));
        Set<String> folded = new HashSet<>(groups.foldedAtOpen());
        assertEquals(groups.ids(), folded, "a model this large opens with every group folded");

        GraphModel open = GraphModel.of(g, groups, folded, Map.of());
        assertEquals(401, open.nodes().size(), "the input and one box per block");
        LayoutCache cache = new LayoutCache(GEOMETRY, false);
        LaidOutGraph top = GraphLayout.layout(open, cache, () -> false);
        assertEquals(List.of(""), cache.levelsLaidOut(), "only the top level is laid out");
        assertEquals(401, cache.nodesLaidOut());
        assertEquals(401, top.boxes().size());

        folded.remove("block:block123");
        GraphModel one = GraphModel.of(g, groups, folded, Map.of());
        LaidOutGraph oneOpen = GraphLayout.layout(one, cache, () -> false);
        assertEquals(List.of("", "block:block123", ""), cache.levelsLaidOut(),
                "the unfolded block's interior, then the level holding it");
        assertEquals(401 + 25 + 401, cache.nodesLaidOut(), "25 boxes inside, 400 boxes and the frame around");
        assertEquals(400 + 25, oneOpen.boxes().size());
        Frame frame = oneOpen.frames().get(0);
        assertEquals("block:block123", frame.group().id());
        for (Box b : oneOpen.boxes()) {
            boolean inside = frame.contains(b.x(), b.y()) && frame.contains(b.x() + b.w() - 1, b.y() + b.h() - 1);
            assertEquals("block:block123".equals(b.node().group()), inside, b.node().id() + " inside its frame");
        }
        String add = id(g, "block123_add");
        String firstDense = id(g, "block123_1_dense");
        Box addBox = oneOpen.boxesById().get(add);
        Box denseBox = oneOpen.boxesById().get(firstDense);
        assertTrue(addBox.y() > denseBox.y(), "the block flows down inside its frame");
        assertEquals(new Hit(GraphHits.Kind.NODE, add),
                GraphHits.at(oneOpen, addBox.x() + addBox.w() / 2, addBox.y() + addBox.h() / 2));
        // an edge into the block from the box above goes on to the box inside that reads it
        var into = oneOpen.paths().stream()
                .filter(p -> p.edge().source().equals("block:block122") && p.edge().target().equals(firstDense))
                .findFirst().orElseThrow();
        double[] pts = into.points();
        assertEquals(denseBox.x() + denseBox.w() / 2, pts[pts.length - 2], 1e-6);
        assertEquals(denseBox.y(), pts[pts.length - 1], 1e-6);

        folded.remove("block:block7");
        GraphLayout.layout(GraphModel.of(g, groups, folded, Map.of()), cache, () -> false);
        assertEquals(List.of("", "block:block123", "", "block:block7", ""), cache.levelsLaidOut(),
                "block123's interior comes from the cache");
        int before = cache.nodesLaidOut();
        folded.add("block:block7");
        LaidOutGraph again = GraphLayout.layout(GraphModel.of(g, groups, folded, Map.of()), cache, () -> false);
        assertEquals(before, cache.nodesLaidOut(), "a state laid out before is laid out no more");
        assertEquals(oneOpen.boxesById().get(add).y(), again.boxesById().get(add).y(), 1e-9);
    }

    @Test
    void aFlatChainOfTenThousandUnnamedLayersOpensInChunks() throws Exception {
        ModelGraph g = KerasModels.build(Json.parse(TestModels.syntheticConfig(10_000)));
        GraphGroups groups = GraphGroups.of(g);
        assertEquals(100, groups.all().size(), "no names to group by: runs of consecutive layers");
        assertTrue(groups.all().stream().allMatch(c -> c.kind() == Kind.CHUNK && c.layers() == 100));
        assertEquals("l0 \u2026 l99", groups.all().get(0).name());
        String deep = id(g, "l5432");
        List<String> chain = groups.chain(deep);
        assertEquals(1, chain.size());
        Set<String> folded = new HashSet<>(groups.foldedAtOpen());
        GraphModel open = GraphModel.of(g, groups, folded, Map.of());
        assertEquals(100, open.nodes().size());
        assertEquals(chain.get(0), open.shownBy(deep));
        assertTrue(open.node(chain.get(0)).attributes().contains("100 layers"));

        LayoutCache cache = new LayoutCache(GEOMETRY, false);
        GraphLayout.layout(open, cache, () -> false);
        folded.removeAll(chain);
        LaidOutGraph unfolded = GraphLayout.layout(GraphModel.of(g, groups, folded, Map.of()), cache, () -> false);
        assertEquals(List.of("", chain.get(0), ""), cache.levelsLaidOut());
        assertEquals(99 + 100, unfolded.boxes().size());
        assertNotNull(unfolded.boxesById().get(deep));
    }

    @Test
    void findSeesNamesClassesShapesAndAttributesInsideFoldedGroups() throws Exception {
        ModelGraph g = residual();
        GraphGroups groups = GraphGroups.of(g);
        GraphModel open = GraphModel.of(g, groups, groups.foldedAtOpen(), Map.of());
        String deep = id(g, "block321_7_dense");
        assertEquals(List.of(deep), GraphFinder.find(open, "block321_7_dense"));
        assertEquals("block:block321", open.shownBy(deep), "the match hides in its block's box");
        assertEquals(List.of("block:block321"), groups.chain(deep));
        assertEquals(400 * 12, GraphFinder.find(open, "units 8").size(), "an attribute line of every Dense box");
        assertEquals(400, GraphFinder.find(open, "add").size(), "the Add layers, by name and class");
        Set<String> folded = new HashSet<>(groups.foldedAtOpen());
        folded.removeAll(groups.chain(deep));
        assertEquals(deep, GraphModel.of(g, groups, folded, Map.of()).shownBy(deep), "unfolded, it has its box");
    }

    @Test
    void aSmallWindowOfAHugeDrawingHoldsFewBoxes() throws Exception {
        ModelGraph g = residual();
        GraphGroups groups = GraphGroups.of(g);
        // every block unfolded: all 10,001 layers have a box
        LaidOutGraph all = GraphLayout.layout(GraphModel.of(g, groups, Set.of(), Map.of()), GEOMETRY, false,
                () -> false);
        assertEquals(10_001, all.boxes().size());
        Box middle = all.boxes().get(5000);
        double[] window = { middle.x() - 200, middle.y() - 200, 400, 400 };
        List<Box> seen = all.boxesIn(window);
        assertTrue(seen.contains(middle));
        assertTrue(seen.size() < 30, seen.size() + " boxes in a 400 px window");
        long expected = all.boxes().stream().filter(b -> b.x() < window[0] + window[2] && window[0] < b.x() + b.w()
                && b.y() < window[1] + window[3] && window[1] < b.y() + b.h()).count();
        assertEquals(expected, seen.size(), "the index finds what a scan of every box finds");
        assertFalse(all.pathsIn(window).isEmpty());
        assertTrue(all.pathsIn(window).size() < 60, all.pathsIn(window).size() + " edges in the window");
    }
}
