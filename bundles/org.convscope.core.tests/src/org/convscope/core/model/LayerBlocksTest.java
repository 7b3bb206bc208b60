package org.convscope.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.convscope.core.model.LayerBlocks.Block;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerBlocks} on the real layer names and wiring of keras.applications architectures
 * (fixtures/blocks, written by make_block_names.py).
 */
class LayerBlocksTest {

    /** @return each layer's name with the names it reads, in the model's order */
    private static Map<String, List<String>> wiring(String application) throws IOException {
        Map<String, List<String>> inbound = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Fixtures.file("blocks/" + application + ".txt"))) {
            String[] cols = line.split("\t", -1);
            inbound.put(cols[0], cols[2].isEmpty() ? List.of() : Arrays.asList(cols[2].split(",")));
        }
        return inbound;
    }

    private static Map<String, Block> byName(List<Block> blocks) {
        Map<String, Block> map = new LinkedHashMap<>();
        blocks.forEach(b -> map.put(b.name(), b));
        return map;
    }

    private static Set<String> grouped(List<Block> blocks) {
        return blocks.stream().flatMap(b -> b.layers().stream()).collect(Collectors.toSet());
    }

    @Test
    void resNet50HasOneBlockPerResidualBlock() throws Exception {
        Map<String, List<String>> wiring = wiring("ResNet50");
        assertEquals(177, wiring.size());
        List<Block> blocks = LayerBlocks.of(wiring);
        List<String> expected = new ArrayList<>();
        int[] perStage = { 3, 4, 6, 3 };
        for (int stage = 0; stage < perStage.length; stage++) {
            for (int b = 1; b <= perStage[stage]; b++) {
                expected.add("conv" + (stage + 2) + "_block" + b);
            }
        }
        assertEquals(expected, blocks.stream().map(Block::name).toList());
        Map<String, Block> map = byName(blocks);
        // the first block of a stage has the projection shortcut (0_conv, 0_bn) too
        assertEquals(12, map.get("conv3_block1").layers().size());
        assertEquals(10, map.get("conv3_block2").layers().size());
        assertTrue(map.get("conv2_block1").layers().containsAll(List.of("conv2_block1_0_conv", "conv2_block1_add",
                "conv2_block1_out")), map.get("conv2_block1").toString());
        assertNull(map.get("conv4_block6").parent());
        Set<String> outside = new HashSet<>(wiring.keySet());
        outside.removeAll(grouped(blocks));
        assertEquals(Set.of("input_layer", "conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu", "pool1_pad",
                "pool1_pool", "avg_pool", "predictions"), outside);
    }

    @Test
    void mobileNetV2HasItsSeventeenInvertedResiduals() throws Exception {
        Map<String, List<String>> wiring = wiring("MobileNetV2");
        List<Block> blocks = LayerBlocks.of(wiring);
        List<String> expected = new ArrayList<>(List.of("expanded_conv"));
        for (int b = 1; b <= 16; b++) {
            expected.add("block_" + b);
        }
        assertEquals(expected, blocks.stream().map(Block::name).toList());
        Map<String, Block> map = byName(blocks);
        assertEquals(List.of("expanded_conv_depthwise", "expanded_conv_depthwise_BN", "expanded_conv_depthwise_relu",
                "expanded_conv_project", "expanded_conv_project_BN"), map.get("expanded_conv").layers());
        assertTrue(map.get("block_3").layers().contains("block_3_pad"));
        assertTrue(map.get("block_2").layers().contains("block_2_add"), "the residual add is in its block");
        assertFalse(grouped(blocks).contains("Conv_1"), "the head's Conv_1 is not block 1's");
    }

    @Test
    void efficientNetB0HasSixteenMbConvBlocks() throws Exception {
        List<Block> blocks = LayerBlocks.of(wiring("EfficientNetB0"));
        assertEquals(List.of("block1a", "block2a", "block2b", "block3a", "block3b", "block4a", "block4b", "block4c",
                "block5a", "block5b", "block5c", "block6a", "block6b", "block6c", "block6d", "block7a"),
                blocks.stream().map(Block::name).toList());
        Block b4a = byName(blocks).get("block4a");
        assertTrue(b4a.layers().containsAll(List.of("block4a_expand_conv", "block4a_se_squeeze", "block4a_se_excite",
                "block4a_project_bn")), b4a.toString());
        assertFalse(grouped(blocks).contains("stem_conv"));
    }

    /**
     * Inception's branches have generic names (conv2d_40, activation_43); each block is what lies
     * between a merge and the layer its branches start from, so nothing but the merge is read from
     * outside its block.
     */
    @Test
    void inceptionV3BlocksEndAtTheirMixedMerges() throws Exception {
        Map<String, List<String>> wiring = wiring("InceptionV3");
        List<Block> blocks = LayerBlocks.of(wiring);
        List<String> expected = new ArrayList<>();
        for (int b = 0; b <= 10; b++) {
            expected.add("mixed" + b);
        }
        assertEquals(expected, blocks.stream().map(Block::name).sorted((a, b) -> Integer
                .compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5)))).toList());
        Map<String, Block> map = byName(blocks);
        assertTrue(map.get("mixed9").layers().contains("mixed9_0"), "the inner merges belong to their block");
        assertTrue(map.get("mixed10").layers().contains("mixed9_1"), "mixed9_1 is a branch of mixed10");
        assertFalse(map.get("mixed0").layers().contains("max_pooling2d_1"), "the stem's last pool starts mixed0");
        assertFalse(grouped(blocks).contains("conv2d"), "the stem is no block");
        for (Block b : blocks) {
            Set<String> inside = new HashSet<>(b.layers());
            for (Map.Entry<String, List<String>> e : wiring.entrySet()) {
                if (inside.contains(e.getKey())) {
                    continue;
                }
                for (String src : e.getValue()) {
                    assertTrue(!inside.contains(src) || src.equals(b.name()),
                            e.getKey() + " reads " + src + " from inside " + b.name());
                }
            }
            assertTrue(b.layers().size() >= 10, b.name() + " has its branches: " + b.layers());
        }
    }

    @Test
    void slashesNestBlocksAndSmallOrRedundantBlocksAreDropped() {
        Map<String, List<String>> inbound = new LinkedHashMap<>();
        inbound.put("in", List.of());
        inbound.put("enc/mlp/dense", List.of("in"));
        inbound.put("enc/mlp/dense_1", List.of("enc/mlp/dense"));
        inbound.put("enc/norm", List.of("enc/mlp/dense_1"));
        inbound.put("head/block_1_conv", List.of("enc/norm"));
        inbound.put("head/block_1_bn", List.of("head/block_1_conv"));
        inbound.put("block9_alone", List.of("head/block_1_bn"));
        List<Block> blocks = LayerBlocks.of(inbound);
        // head/block_1 holds the same layers as head: the inner one adds nothing
        assertEquals(List.of(new Block("enc", null, List.of("enc/norm")), new Block("head", null,
                List.of("head/block_1_conv", "head/block_1_bn")),
                new Block("enc/mlp", "enc",
                        List.of("enc/mlp/dense", "enc/mlp/dense_1"))),
                blocks);
        assertEquals(List.of("a", "a/b", "a/b/conv3_block2"), LayerBlocks.prefixes("a/b/conv3_block2_1_conv"));
        assertEquals(List.of(), LayerBlocks.prefixes("dense_1"));
    }
}
