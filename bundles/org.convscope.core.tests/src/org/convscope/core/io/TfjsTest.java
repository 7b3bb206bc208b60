package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.json.Json;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorFlow.js specifics: dequantization, shard boundaries, unsafe and missing shards. */
class TfjsTest {

    @TempDir
    Path dir;

    private Path model(String weightsJson, String... shards) throws IOException {
        String paths = String.join(",", Arrays.stream(shards).map(s -> "\"" + s + "\"").toList());
        Files.writeString(dir.resolve("model.json"), "{\"format\":\"layers-model\",\"modelTopology\":{\"class_name\":"
                + "\"Sequential\",\"config\":{\"name\":\"s\",\"layers\":[{\"class_name\":\"Dense\",\"config\":"
                + "{\"name\":\"dense\",\"units\":3}}]}},\"weightsManifest\":[{\"paths\":[" + paths + "],\"weights\":["
                + weightsJson + "]}]}");
        return dir.resolve("model.json");
    }

    @Test
    void uint8IsDequantizedAsScaleTimesQPlusMin() throws IOException {
        Files.write(dir.resolve("w.bin"), new byte[] { 0, 1, (byte) 255 });
        Path json = model("{\"name\":\"dense/bias\",\"shape\":[3],\"dtype\":\"float32\",\"quantization\":"
                + "{\"dtype\":\"uint8\",\"scale\":0.5,\"min\":-1.0,\"original_dtype\":\"float32\"}}", "w.bin");
        try (RawModel m = ModelFiles.read(json)) {
            WeightRef bias = m.weights().weights(List.of("dense")).get(0);
            assertEquals("bias", bias.name());
            assertEquals(Optional.of("float32"), bias.dtype());
            assertArrayEquals(new float[] { -1f, -0.5f, 126.5f }, bias.load().data());
        }
    }

    @Test
    void uint16AndFloat16AcrossShardBoundaries() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 65535).putShort((short) 2);
        b.putShort((short) 0x3C00).putShort((short) 0xC000); // float16 1.0, -2.0
        byte[] all = b.array();
        // Cut inside the second value so both weights straddle files.
        Files.write(dir.resolve("a.bin"), Arrays.copyOfRange(all, 0, 3));
        Files.write(dir.resolve("b.bin"), Arrays.copyOfRange(all, 3, 7));
        Files.write(dir.resolve("c.bin"), Arrays.copyOfRange(all, 7, 10));
        Path json = model("{\"name\":\"dense/kernel\",\"shape\":[1,3],\"dtype\":\"float32\",\"quantization\":"
                + "{\"dtype\":\"uint16\",\"scale\":0.25,\"min\":2}},"
                + "{\"name\":\"dense/bias\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\"}}",
                "a.bin", "b.bin", "c.bin");
        try (RawModel m = ModelFiles.read(json)) {
            List<WeightRef> w = m.weights().weights(List.of("dense"));
            Tensor kernel = w.get(0).load();
            assertArrayEquals(new int[] { 1, 3 }, kernel.shape());
            assertArrayEquals(new float[] { 2f, 65535 * 0.25f + 2, 2.5f }, kernel.data());
            assertArrayEquals(new float[] { 1f, -2f }, w.get(1).load().data());
        }
    }

    @Test
    void quantizedFixturesStayWithinHalfAStepOfTheFloatWeights() throws IOException {
        try (RawModel exact = ModelFiles.read(FixtureFiles.models().resolve("sequential_convnet.keras"))) {
            for (String variant : List.of("uint8", "uint16", "float16")) {
                Path json = FixtureFiles.tfjs().resolve("sequential_convnet_" + variant).resolve("model.json");
                Map<String, Double> scales = scales(json);
                try (RawModel q = ModelFiles.read(json)) {
                    int compared = 0;
                    for (List<String> path : q.weights().layerPaths()) {
                        List<WeightRef> got = q.weights().weights(path);
                        List<WeightRef> want = exact.weights().weights(path);
                        assertEquals(want.size(), got.size(), variant + " " + path);
                        for (int i = 0; i < got.size(); i++) {
                            float[] a = got.get(i).load().data();
                            float[] e = want.get(i).load().data();
                            Double scale = scales.get(path.get(0) + "/" + got.get(i).name());
                            for (int k = 0; k < a.length; k++) {
                                double tolerance = scale != null ? scale / 2 + 1e-6 : 1e-3 * Math.abs(e[k]) + 1e-6;
                                assertEquals(e[k], a[k], tolerance, variant + " " + path + " " + i + "[" + k + "]");
                            }
                            compared++;
                        }
                    }
                    assertEquals(8, compared, variant);
                }
            }
        }
    }

    private static Map<String, Double> scales(Path json) throws IOException {
        Map<String, Double> out = new HashMap<>();
        Map<?, ?> root = (Map<?, ?>) Json.parse(Files.readString(json));
        for (Object g : (List<?>) root.get("weightsManifest")) {
            for (Object w : (List<?>) ((Map<?, ?>) g).get("weights")) {
                Map<?, ?> q = (Map<?, ?>) ((Map<?, ?>) w).get("quantization");
                if (q != null && q.get("scale") instanceof Number n) {
                    out.put((String) ((Map<?, ?>) w).get("name"), n.doubleValue());
                }
            }
        }
        return out;
    }

    @Test
    void shardOutsideTheModelFolderIsRefused() throws IOException {
        Path json = model("{\"name\":\"dense/bias\",\"shape\":[1],\"dtype\":\"float32\"}", "../w.bin");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(json));
        assertTrue(e.getMessage().startsWith("model.json: unsafe weight shard path '../w.bin'"), e.getMessage());
    }

    @Test
    void absurdShapeIsRefusedBeforeReading() throws IOException {
        Files.write(dir.resolve("w.bin"), new byte[16]);
        Path json = model("{\"name\":\"dense/kernel\",\"shape\":[100000,100000,100],\"dtype\":\"float32\"}", "w.bin");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(json));
        assertTrue(e.getMessage().contains("absurd shape [100000, 100000, 100]"), e.getMessage());
    }
}
