package org.convscope.engine.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convscope.core.tensor.Tensor;

/**
 * Reads the fixtures' .npy files: float32 little-endian, C order, format 1.0 — all the fixture
 * script writes. Kept to the tests; the product reads .npy through the core.
 */
public final class NpyFloats {

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyFloats() {
    }

    public static Tensor read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(0) != (byte) 0x93 || b.get(1) != 'N') {
            throw new IOException(file + ": not a .npy file");
        }
        int headerLength = b.getShort(8) & 0xffff;
        String header = new String(b.array(), 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected little-endian float32 in C order, header " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": no shape in header " + header);
        }
        String[] parts = m.group(1).split(",");
        int rank = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                dims[rank++] = Integer.parseInt(p.trim());
            }
        }
        int[] shape = Arrays.copyOf(dims, rank);
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] data = new float[Math.toIntExact(n)];
        b.position(10 + headerLength);
        b.asFloatBuffer().get(data);
        return new Tensor(data, shape);
    }
}
