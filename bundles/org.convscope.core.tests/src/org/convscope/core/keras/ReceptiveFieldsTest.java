package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.convscope.core.model.ModelGraph;
import org.junit.jupiter.api.Test;

/**
 * {@link ReceptiveFields} against fields computed by hand: r' = r + (k - 1) d j, j' = j s,
 * start' = start - p j, with TensorFlow's {@code same} padding p = floor(max((ceil(n/s) - 1) s + k
 * - n, 0) / 2).
 */
class ReceptiveFieldsTest {

    /** Keras 2 functional config: each layer reads the one before unless told otherwise. */
    private static final class Config {

        private final List<String> layers = new ArrayList<>();
        private String last;

        Config(int size) {
            layers.add("""
                    {"class_name": "InputLayer", "name": "in", "config": {"batch_input_shape": [null, %d, %d, 3],
                     "name": "in"}, "inbound_nodes": []}""".formatted(size, size));
            last = "in";
        }

        Config add(String name, String cls, String config, String... inputs) {
            List<String> from = inputs.length == 0 ? List.of(last) : List.of(inputs);
            StringBuilder inbound = new StringBuilder();
            for (String f : from) {
                inbound.append(inbound.length() == 0 ? "" : ", ").append("[\"").append(f).append("\", 0, 0, {}]");
            }
            layers.add("{\"class_name\": \"" + cls + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                    + "\"" + (config.isEmpty() ? "" : ", " + config) + "}, \"inbound_nodes\": [[" + inbound + "]]}");
            last = name;
            return this;
        }

        Config conv(String name, int k, int s, String padding, String... inputs) {
            return add(name, "Conv2D", "\"filters\": 4, \"kernel_size\": [" + k + ", " + k + "], \"strides\": [" + s
                    + ", " + s + "], \"padding\": \"" + padding + "\", \"activation\": \"relu\"", inputs);
        }

        Config pool(String name, int k, int s) {
            return add(name, "MaxPooling2D", "\"pool_size\": [" + k + ", " + k + "], \"strides\": [" + s + ", " + s
                    + "], \"padding\": \"valid\"");
        }

        Map<String, ReceptiveField> fields() throws Exception {
            String json = "{\"class_name\": \"Model\", \"config\": {\"name\": \"m\", \"layers\": ["
                    + String.join(",\n", layers) + "], \"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\""
                    + last + "\", 0, 0]]}}";
            try (ModelGraph g = KerasModels.build(Json.parse(json))) {
                return ReceptiveFields.of(g);
            }
        }
    }

    private static void assertField(double start, double jump, double size, ReceptiveField f) {
        ReceptiveField.Axis want = new ReceptiveField.Axis(start, jump, size);
        assertEquals(want, f.y());
        assertEquals(want, f.x());
    }

    @Test
    void vgg16sChainGivesThePublishedFields() throws Exception {
        Config c = new Config(224);
        int[] convs = { 2, 2, 3, 3, 3 };
        for (int b = 0; b < convs.length; b++) {
            for (int i = 1; i <= convs[b]; i++) {
                c.conv("block" + (b + 1) + "_conv" + i, 3, 1, "same");
            }
            c.pool("block" + (b + 1) + "_pool", 2, 2);
        }
        Map<String, ReceptiveField> f = c.fields();
        // by hand: each 3x3 conv adds 2 j, each pool 1 j, then doubles j; same pads 1 before
        assertField(-1, 1, 3, f.get("block1_conv1"));
        assertField(-2, 1, 5, f.get("block1_conv2"));
        assertField(-2, 2, 6, f.get("block1_pool"));
        assertField(-6, 2, 14, f.get("block2_conv2"));
        assertField(-18, 4, 40, f.get("block3_conv3"));
        assertField(-42, 8, 92, f.get("block4_conv3"));
        assertField(-90, 16, 196, f.get("block5_conv3"));
        assertField(-90, 32, 212, f.get("block5_pool"));
        assertField(0, 1, 1, f.get("in"));
    }

    @Test
    void resnetStemAndBlocksWithPaddingSkipsAndStridedShortcut() throws Exception {
        Map<String, ReceptiveField> f = new Config(64).add("pad", "ZeroPadding2D", "\"padding\": [[3, 3], [3, 3]]")
                .conv("conv1", 7, 2, "valid").add("bn", "BatchNormalization", "\"axis\": 3")
                .add("relu", "Activation", "\"activation\": \"relu\"")
                .add("pool_pad", "ZeroPadding2D", "\"padding\": [[1, 1], [1, 1]]").pool("pool", 3, 2)
                .conv("a1", 1, 1, "valid").conv("a2", 3, 1, "same").add("add1", "Add", "", "a2", "pool")
                .conv("b1", 3, 2, "same").conv("short", 1, 2, "valid", "add1").add("add2", "Add", "", "b1", "short")
                .fields();
        assertField(-3, 2, 7, f.get("conv1"));
        assertField(-3, 2, 7, f.get("relu"));
        assertField(-5, 2, 7, f.get("pool_pad"));
        assertField(-5, 4, 11, f.get("pool"));
        assertField(-5, 4, 11, f.get("a1"));
        assertField(-9, 4, 19, f.get("a2"));
        // the skip's field (-5, 11) lies inside the branch's: the union is the branch's
        assertField(-9, 4, 19, f.get("add1"));
        // 16 positions, stride 2, kernel 3: TensorFlow pads 1 in all, after, so none before
        assertField(-9, 8, 27, f.get("b1"));
        assertField(-9, 8, 19, f.get("short"));
        assertField(-9, 8, 27, f.get("add2"));
    }

    @Test
    void croppingDilationAndEvenKernelSamePadding() throws Exception {
        Map<String, ReceptiveField> f = new Config(15).add("crop", "Cropping2D", "\"cropping\": [[2, 1], [2, 1]]")
                .add("dil", "Conv2D",
                        "\"filters\": 2, \"kernel_size\": 3, \"dilation_rate\": 2, \"padding\": \"valid\"")
                .conv("even", 4, 1, "same").fields();
        assertField(2, 1, 5, f.get("dil"));
        // an even kernel: 3 padded in all, the smaller half (1) before
        assertField(1, 1, 8, f.get("even"));
    }

    @Test
    void layersThatLeaveTheGridHaveNoField() throws Exception {
        Map<String, ReceptiveField> f = new Config(8).conv("c", 3, 1, "same").add("gap", "GlobalAveragePooling2D", "")
                .add("dense", "Dense", "\"units\": 2").fields();
        assertFalse(f.containsKey("gap"));
        assertFalse(f.containsKey("dense"));
        assertField(-1, 1, 3, f.get("c"));
    }

    @Test
    void cropIsClippedToTheImage() {
        ReceptiveField f = new ReceptiveField(new ReceptiveField.Axis(-90, 32, 212),
                new ReceptiveField.Axis(-2, 2, 6));
        assertArrayEquals(new int[] { 0, 0, 122, 4 }, f.crop(0, 0, 224, 224));
        assertArrayEquals(new int[] { 102, 28, 224, 34 }, f.crop(6, 15, 224, 224));
    }
}
