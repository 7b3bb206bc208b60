package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.xml.parsers.DocumentBuilderFactory;

import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.CancelledException;
import org.convscope.ui.ComputedActivations.LayerActivity;
import org.convscope.ui.graph.GraphFinder;
import org.convscope.ui.graph.GraphHits;
import org.convscope.ui.graph.GraphHits.Hit;
import org.convscope.ui.graph.GraphHits.Kind;
import org.convscope.ui.graph.GraphLayout;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.LaidOutGraph.Path;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.graph.SvgExport;
import org.convscope.ui.graph.TextMeasure;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The graph view's providers, without a display: view model, layout, hit testing, find, SVG. */
class GraphProvidersTest {

    private static final NodeGeometry GEOMETRY = new NodeGeometry(TextMeasure.approximate());

    private static LaidOutGraph layout(ModelGraph g, Set<String> expanded, boolean leftRight) {
        return GraphLayout.layout(GraphModel.of(g, expanded), GEOMETRY, leftRight, () -> false);
    }

    @Test
    void oneBoxPerLayerAndOneEdgePerInboundTensor() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("functional_branches.keras"))) {
            GraphModel m = GraphModel.of(g, Set.of());
            assertEquals(g.layers().size(), m.nodes().size());
            long inbound = g.layers().stream().flatMap(l -> l.nodes().stream()).mapToLong(n -> n.inbound().size())
                    .sum();
            assertEquals(inbound, m.edges().size());
            assertTrue(m.nodes().stream().anyMatch(n -> n.layer().kerasClass().equals("Add")), "has the Add merge");
            for (GraphEdge e : m.edges()) {
                assertNotNull(m.node(e.source()), e.source());
                assertNotNull(m.node(e.target()), e.target());
                assertTrue(e.label().startsWith("("), e.label());
            }
        }
    }

    @Test
    void expandedNestedModelIsRewiredInsideAFrame() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("two_inputs_two_outputs.keras"))) {
            Layer nested = g.layers().stream().filter(l -> l.model().isPresent()).findFirst().orElseThrow();
            GraphModel collapsed = GraphModel.of(g, Set.of());
            assertTrue(collapsed.node(nested.id()).expandable());

            GraphModel open = GraphModel.of(g, Set.of(nested.id()));
            int inner = nested.model().orElseThrow().layers().size();
            assertEquals(g.layers().size() - 1 + inner, open.nodes().size());
            assertNull(open.node(nested.id()), "the nested model's own box is replaced");
            assertEquals(1, open.groups().size());
            // the outer input now feeds the nested model's input layer, and its output feeds the merge
            assertTrue(open.edges().stream().anyMatch(e -> e.source().equals("meta")
                    && e.target().equals(nested.id() + "/meta_in")), open.edges().toString());
            assertTrue(open.edges().stream().anyMatch(e -> e.source().equals(nested.id() + "/enc_out")
                    && e.target().equals("merge")), open.edges().toString());

            LaidOutGraph laid = GraphLayout.layout(open, GEOMETRY, false, () -> false);
            Frame frame = laid.frames().get(0);
            for (Box b : laid.boxes()) {
                if (nested.id().equals(b.node().group())) {
                    assertTrue(frame.contains(b.x(), b.y()) && frame.contains(b.x() + b.w() - 1, b.y() + b.h() - 1),
                            b.node().id() + " inside its frame");
                }
            }
            Hit collapse = GraphHits.at(laid, frame.x() + 8, frame.y() + 8);
            assertEquals(new Hit(Kind.COLLAPSE, nested.id()), collapse);

            LaidOutGraph closed = layout(g, Set.of(), false);
            Box box = closed.boxesById().get(nested.id());
            assertEquals(new Hit(Kind.EXPAND, nested.id()),
                    GraphHits.at(closed, box.x() + box.w() - NodeGeometry.TOGGLE, box.y() + 8));
        }
    }

    @Test
    void layoutPlacesBoxesApartAndEdgesBetweenTheirBoxes() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("functional_branches.keras"))) {
            for (boolean leftRight : new boolean[] { false, true }) {
                LaidOutGraph laid = layout(g, Set.of(), leftRight);
                assertInsideAndApart(laid);
                List<Box> boxes = laid.boxes();
                Map<String, Box> byId = laid.boxesById();
                for (Path p : laid.paths()) {
                    double[] pts = p.points();
                    assertTrue(pts.length >= 4);
                    assertTrue(near(byId.get(p.edge().source()), pts[0], pts[1]), "edge starts at its source");
                    assertTrue(near(byId.get(p.edge().target()), pts[pts.length - 2], pts[pts.length - 1]),
                            "edge ends at its target");
                }
                Box first = boxes.get(0);
                Box last = boxes.get(boxes.size() - 1);
                assertTrue(leftRight ? last.x() > first.x() : last.y() > first.y(), "flows in the chosen direction");
                assertEquals(new Hit(Kind.NODE, first.node().id()),
                        GraphHits.at(laid, first.x() + first.w() / 2, first.y() + first.h() / 2));
                assertNull(GraphHits.at(laid, laid.width() + 10, laid.height() + 10));
            }
        }
    }

    private static boolean near(Box b, double x, double y) {
        return x >= b.x() - 2 && x <= b.x() + b.w() + 2 && y >= b.y() - 2 && y <= b.y() + b.h() + 2;
    }

    @Test
    void findMatchesNameClassAndShape() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("functional_branches.keras"))) {
            GraphModel m = GraphModel.of(g, Set.of());
            List<String> convs = GraphFinder.find(m, "conv2d");
            long expected = g.layers().stream().filter(l -> l.kerasClass().toLowerCase().contains("conv2d")
                    || l.name().toLowerCase().contains("conv2d")).count();
            assertEquals(expected, convs.size());
            assertTrue(expected > 0);
            Layer first = g.layers().get(0);
            String shape = first.outputShapes().get(0).toString();
            assertTrue(GraphFinder.find(m, shape).contains(first.id()), "found by its output shape " + shape);
            assertTrue(GraphFinder.find(m, "  ").isEmpty());
            assertTrue(GraphFinder.find(m, "no-such-layer-xyz").isEmpty());
        }
    }

    @Test
    void realShapesAndStatisticsReplaceInferredOnes() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("functional_branches.keras"))) {
            Layer first = g.layers().get(0);
            LayerActivity activity = new LayerActivity(new int[] { 1, 16, 16, 3 }, 0.25, 1.0, 0.5, 1, 3);
            GraphModel m = GraphModel.of(g, Set.of(), Map.of(first.id(), activity));
            GraphEdge out = m.edges().stream().filter(e -> e.source().equals(first.id())).findFirst().orElseThrow();
            assertTrue(out.measured());
            assertEquals("(1, 16, 16, 3)", out.label());
            String stats = m.node(first.id()).stats();
            assertTrue(stats.contains("50% zero") && stats.contains("1/3 dead"), stats);
            assertTrue(m.edges().stream().filter(e -> !e.source().equals(first.id())).noneMatch(GraphEdge::measured));
        }
    }

    @Test
    void svgIsWellFormedWithOneGroupPerBox() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("two_inputs_two_outputs.keras"))) {
            LaidOutGraph laid = layout(g, Set.of("meta_encoder"), false);
            String svg = SvgExport.toSvg(laid);
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(svg)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertEquals(laid.boxes().size(), doc.getElementsByTagName("title").getLength());
            assertEquals(laid.paths().size(), doc.getElementsByTagName("polyline").getLength());
            assertTrue(svg.contains(">Concatenate<"), "class names are drawn");
        }
    }

    @Test
    void layoutStopsWhenCancelled() throws Exception {
        try (ModelGraph g = KerasModels.open(TestModels.fixture("functional_branches.keras"))) {
            GraphModel m = GraphModel.of(g, Set.of());
            try {
                GraphLayout.layout(m, GEOMETRY, false, () -> true);
                throw new AssertionError("a cancelled layout returned");
            } catch (CancelledException expected) {
                // what a cancelled job sees
            }
        }
    }

    /**
     * A synthetic model of 5,000 layers (a chain with a skip connection every third layer, deeper
     * than any real one) lays out without overflowing ELK's recursion and stops soon after a
     * cancel.
     */
    @Test
    void aFiveThousandLayerGraphCanBeCancelled() throws Exception {
        GraphModel m = GraphModel.of(synthetic(5000), Set.of());
        assertEquals(5000, m.nodes().size());
        AtomicLong cancelAt = new AtomicLong(Long.MAX_VALUE);
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancelAt.set(System.nanoTime());
        });
        canceller.start();
        try {
            GraphLayout.layout(m, GEOMETRY, false, () -> System.nanoTime() >= cancelAt.get());
            throw new AssertionError("the layout ignored the cancel");
        } catch (CancelledException expected) {
            long late = (System.nanoTime() - cancelAt.get()) / 1_000_000;
            System.out.println("5000-layer layout stopped " + late + " ms after the cancel");
            assertTrue(late < 5000, "stopped " + late + " ms after the cancel");
        } finally {
            canceller.join();
        }
    }

    private static ModelGraph synthetic(int layers) throws Exception {
        return KerasModels.build(Json.parse(TestModels.syntheticConfig(layers)));
    }

    /**
     * DenseNet121 (429 layers, 486 edges) lays out with a box for every layer and no two boxes
     * overlapping. How fast it lays out is a figure of releng/benchmarks/workbench_responsiveness.sh,
     * not an assertion here.
     */
    @Test
    void denseNet121LaysOutEveryLayerWithoutOverlap() throws Exception {
        try (ModelGraph g = TestModels.application("DenseNet121")) {
            GraphModel m = GraphModel.of(g, Set.of());
            assertEquals(g.layers().size(), m.nodes().size());
            LaidOutGraph laid = GraphLayout.layout(m, GEOMETRY, false, () -> false);
            assertEquals(m.nodes().size(), laid.boxes().size());
            assertInsideAndApart(laid);
        }
    }

    /** Every box lies inside the drawing and no two boxes overlap. */
    private static void assertInsideAndApart(LaidOutGraph laid) {
        List<Box> boxes = laid.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            Box a = boxes.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.w() <= laid.width() && a.y() + a.h() <= laid.height(),
                    a.node().id() + " lies outside the drawing");
            for (int j = i + 1; j < boxes.size(); j++) {
                Box b = boxes.get(j);
                boolean overlap = a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h()
                        && b.y() < a.y() + a.h();
                assertFalse(overlap, a.node().id() + " overlaps " + b.node().id());
            }
        }
    }
}
