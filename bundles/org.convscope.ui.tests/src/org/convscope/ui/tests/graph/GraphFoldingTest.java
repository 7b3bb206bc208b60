package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.ComputedActivations.LayerActivity;
import org.convscope.ui.graph.GraphFinder;
import org.convscope.ui.graph.GraphGroups;
import org.convscope.ui.graph.GraphGroups.Group;
import org.convscope.ui.graph.GraphGroups.Kind;
import org.convscope.ui.graph.GraphLayout;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.GraphModel.GraphNode;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.graph.Overview;
import org.convscope.ui.graph.TextMeasure;
import org.junit.jupiter.api.Test;

/**
 * Groups without a display: blocks of real architectures folded into one box with what goes in
 * and out and their parameters, unfolded one or all, found through, laid out; the mini-map's
 * geometry.
 */
class GraphFoldingTest {

    private static final NodeGeometry GEOMETRY = new NodeGeometry(TextMeasure.approximate());
    private static final String BLOCK = "block:conv2_block1";

    private static long params(ModelGraph g, String prefix) {
        return g.layers().stream().filter(l -> l.name().startsWith(prefix)).mapToLong(Layer::params).sum();
    }

    @Test
    void resNet50BlocksFoldIntoBoxesWithTheirShapesAndParameters() throws Exception {
        try (ModelGraph g = TestModels.application("ResNet50")) {
            GraphGroups groups = GraphGroups.of(g);
            assertEquals(177, groups.layerCount());
            assertEquals(16, groups.all().size());
            assertTrue(groups.all().stream().allMatch(gr -> gr.kind() == Kind.BLOCK));
            assertTrue(groups.foldedAtOpen().isEmpty(), "177 layers open unfolded");
            assertEquals(List.of(BLOCK), groups.chain("conv2_block1_2_conv"));

            GraphModel folded = GraphModel.of(g, groups, groups.ids(), Map.of());
            assertEquals(9 + 16, folded.nodes().size(), "nine layers outside blocks and one box per block");
            assertTrue(folded.groups().isEmpty(), "no frames while all is folded");
            GraphNode block = folded.node(BLOCK);
            assertNotNull(block);
            assertTrue(block.expandable());
            assertEquals("conv2_block1", block.title());
            assertEquals(List.of("12 layers", "in (None, 56, 56, 64)", "out (None, 56, 56, 256)",
                    String.format("params %,d", params(g, "conv2_block1_"))), block.attributes());
            assertEquals("conv2_block1_out", block.layer().name(), "the box stands for the layer leaving it");
            assertEquals(BLOCK, folded.shownBy("conv2_block1_0_bn"));
            LayerActivity out = new LayerActivity(new int[] { 1, 56, 56, 256 }, 0.5, 2.0, 0.25, 4, 256);
            GraphNode afterRun = GraphModel.of(g, groups, groups.ids(), Map.of("conv2_block1_out", out)).node(BLOCK);
            assertTrue(afterRun.stats() != null && afterRun.stats().contains("4/256 dead"),
                    "after a run the box shows what leaves the block: " + afterRun.stats());
            assertEquals("pool1_pool", folded.shownBy("pool1_pool"));
            for (GraphEdge e : folded.edges()) {
                assertNotNull(folded.node(e.source()), e.source());
                assertNotNull(folded.node(e.target()), e.target());
                assertFalse(e.source().equals(e.target()), "no edge inside a folded block");
            }
            assertTrue(folded.edges().stream()
                    .anyMatch(e -> e.source().equals(BLOCK) && e.target().equals("block:conv2_block2")));

            Set<String> one = new HashSet<>(groups.ids());
            one.remove("block:conv3_block2");
            GraphModel unfolded = GraphModel.of(g, groups, one, Map.of());
            assertEquals(9 + 15 + 10, unfolded.nodes().size());
            assertEquals(1, unfolded.groups().size());
            assertEquals("conv3_block2 · 10 layers", unfolded.groups().get(0).title());
            assertEquals("block:conv3_block2", unfolded.node("conv3_block2_1_conv").group());

            GraphModel all = GraphModel.of(g, groups, Set.of(), Map.of());
            assertEquals(177, all.nodes().size());
            assertEquals(16, all.groups().size());

            LaidOutGraph laid = GraphLayout.layout(unfolded, GEOMETRY, false, () -> false);
            Frame frame = laid.frames().get(0);
            for (Box b : laid.boxes()) {
                if ("block:conv3_block2".equals(b.node().group())) {
                    assertTrue(frame.contains(b.x(), b.y()) && frame.contains(b.x() + b.w() - 1, b.y() + b.h() - 1),
                            b.node().id() + " inside its frame");
                }
            }
        }
    }

    @Test
    void largeModelsOpenFoldedAndFindSeesInsideFoldedBlocks() throws Exception {
        try (ModelGraph g = TestModels.application("InceptionV3")) {
            GraphGroups groups = GraphGroups.of(g);
            assertTrue(groups.layerCount() > GraphGroups.FOLD_ABOVE);
            assertEquals(groups.ids(), groups.foldedAtOpen(), "a model this large opens with every group folded");
            assertEquals(11, groups.all().size());
            GraphModel folded = GraphModel.of(g, groups, groups.foldedAtOpen(), Map.of());
            Layer branch = g.layers().stream().filter(l -> l.name().equals("mixed9_1")).findFirst().orElseThrow();
            List<String> hits = GraphFinder.find(folded, "mixed9_1");
            assertEquals(List.of(branch.id()), hits);
            assertEquals("block:mixed10", folded.shownBy(branch.id()), "the match hides in mixed10's box");
            assertEquals(List.of("block:mixed10"), groups.chain(branch.id()));
            GraphNode box = folded.node("block:mixed10");
            assertTrue(box.attributes().contains("in (None, 8, 8, 2048)"), box.attributes().toString());
            assertTrue(box.attributes().contains("out (None, 8, 8, 2048)"), box.attributes().toString());
        }
    }

    @Test
    void aFoldedNestedModelShowsItsShapesAndParameters() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("two_inputs_two_outputs.keras"))) {
            Layer nested = g.layers().stream().filter(l -> l.model().isPresent()).findFirst().orElseThrow();
            GraphGroups groups = GraphGroups.of(g);
            Group group = groups.group(nested.id());
            assertEquals(Kind.MODEL, group.kind());
            assertTrue(groups.foldedAtOpen().contains(nested.id()), "nested models open folded");
            GraphModel m = GraphModel.of(g, groups, groups.foldedAtOpen(), Map.of());
            GraphNode box = m.node(nested.id());
            assertTrue(box.expandable());
            List<String> lines = box.attributes();
            assertTrue(lines.stream().anyMatch(s -> s.startsWith("in (")), lines.toString());
            assertTrue(lines.stream().anyMatch(s -> s.startsWith("out (")), lines.toString());
            assertEquals(String.format("params %,d", nested.params()), lines.get(lines.size() - 1));
            Layer inner = nested.model().orElseThrow().layers().get(1);
            assertEquals(nested.id(), m.shownBy(inner.id()));
            assertNull(GraphModel.of(g, groups, Set.of(), Map.of()).node(nested.id()), "unfolded, it is a frame");
        }
    }

    @Test
    void theMiniMapScalesTheDrawingIntoACornerAndMapsBack() {
        assertNull(Overview.place(500, 400, 1, 800, 600), "no mini-map when the window shows everything");
        Overview tall = Overview.place(1000, 10000, 1, 800, 600);
        assertNotNull(tall);
        assertEquals(580, tall.h(), "a tall drawing gets the window's height less the margins");
        assertEquals(800 - Overview.MARGIN, tall.x() + tall.w());
        assertEquals(600 - Overview.MARGIN, tall.y() + tall.h());
        assertEquals(Overview.READABLE_SIDE, tall.w(), "a column wide enough to see blocks in and to grab");
        assertEquals(0, tall.offY(), "the window at the top: the mini-map shows the top");
        double[] v = tall.viewport(0, 0, 1, 800, 600);
        assertEquals(tall.y(), v[1], 1e-9);
        assertEquals(600 * tall.scale(), v[3], 1e-9);
        assertTrue(tall.contains(tall.x() + 1, tall.y() + 1));
        assertFalse(tall.contains(tall.x() - 1, tall.y()));

        // longer than the window at that scale, the mini-map scrolls with the window
        Overview middle = Overview.place(1000, 10000, 1, 800, 600, 0, (10000 - 600) / 2.0);
        double[] g = middle.toGraph(middle.x() + middle.w() / 2, middle.y() + middle.h() / 2);
        assertEquals(500, g[0], 10);
        assertEquals(5000, g[1], 20, "the window in the middle: the mini-map shows the middle");
        double[] mv = middle.viewport(0, (10000 - 600) / 2.0, 1, 800, 600);
        assertEquals(middle.y() + middle.h() / 2.0, mv[1] + mv[3] / 2, 1, "the window's outline in its middle");
        Overview bottom = Overview.place(1000, 10000, 1, 800, 600, 0, 10000 - 600);
        assertEquals(10000, bottom.offY() + bottom.h() / bottom.scale(), 1e-6, "the bottom: the mini-map ends there");
        double[] bv = bottom.viewport(0, 10000 - 600, 1, 800, 600);
        assertEquals(bottom.y() + bottom.h(), bv[1] + bv[3], 1, "the outline at the mini-map's bottom");
        Overview wide = Overview.place(20000, 800, 1, 800, 600);
        assertTrue(wide.w() > wide.h(), "a wide drawing gets a strip");
    }
}
