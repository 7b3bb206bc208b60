package org.convscope.core.io.internal.hdf5;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.jhdf.api.Attribute;

/**
 * Reads scalar variable-length string attributes of HDF5 data held in one buffer, parsing each of
 * the file's global heap collections once.
 *
 * <p>Why: a variable-length string is kept in a global heap collection, a block of up to many
 * kilobytes shared by the strings written around the same time. jhdf parses the whole collection
 * again for every string it reads; Keras 3 names every layer of a model in such an attribute, so
 * a model of 10,000 layers made jhdf parse a collection of a few hundred strings 10,000 times,
 * half of the time its weight file took to walk. Here each collection's object table is parsed
 * the first time one of its strings is asked for and kept for the others.
 *
 * <p>Anything this reader does not take (another kind of attribute, an array, a layout it does
 * not know, bytes out of place) gives null, and the caller reads the attribute through jhdf,
 * which reports what is wrong with it.
 */
final class GlobalHeaps {

    /** The simple name of jhdf's class for variable-length data types. */
    private static final String VARIABLE_LENGTH = "VariableLength";
    private static final int SIGNATURE = 'G' | 'C' << 8 | 'O' << 16 | 'L' << 24;
    private static final int COLLECTION_HEADER = 16;
    private static final int OBJECT_HEADER = 16;

    /** Addresses and lengths take 8 bytes, as in every file h5py writes; others are left to jhdf. */
    private static final int ADDRESS = 8;

    private final ByteBuffer data;
    /** Collection address to its objects: heap index to {offset in data, size}. */
    private final Map<Long, Map<Integer, long[]>> collections = new HashMap<>();
    private final Method dataType;

    private GlobalHeaps(ByteBuffer data, Method dataType) {
        this.data = data;
        this.dataType = dataType;
    }

    /**
     * @param data HDF5 data whose superblock is at position 0 and whose base address is 0
     * @return a reader of its string attributes, or null when the superblock is not one this
     *         reader takes (the attributes are then read through jhdf alone)
     */
    static GlobalHeaps of(ByteBuffer data) {
        ByteBuffer b = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 24) {
            return null;
        }
        int version = b.get(8) & 0xff;
        int offsets;
        int lengths;
        int baseAt;
        if (version == 0 || version == 1) {
            offsets = b.get(13) & 0xff;
            lengths = b.get(14) & 0xff;
            baseAt = version == 0 ? 24 : 28;
        } else if (version == 2 || version == 3) {
            offsets = b.get(9) & 0xff;
            lengths = b.get(10) & 0xff;
            baseAt = 12;
        } else {
            return null;
        }
        if (offsets != ADDRESS || lengths != ADDRESS || b.remaining() < baseAt + 8 || b.getLong(baseAt) != 0) {
            return null;
        }
        Method dataType;
        try {
            // jhdf's data type classes are in a package its bundle does not export: looked up by name
            dataType = Attribute.class.getMethod("getDataType");
        } catch (NoSuchMethodException e) {
            return null;
        }
        return new GlobalHeaps(b, dataType);
    }

    /**
     * @param attribute an attribute of the data this reader was made for
     * @return its value when it is one variable-length UTF-8 string, else null
     */
    synchronized String string(Attribute attribute) {
        if (!attribute.isScalar() || attribute.getJavaType() != String.class || !variableLength(attribute)) {
            return null;
        }
        ByteBuffer raw = attribute.getBuffer();
        if (raw == null || raw.remaining() != 4 + ADDRESS + 4) {
            return null;
        }
        raw = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = raw.position();
        long length = raw.getInt(at) & 0xffffffffL;
        long collection = raw.getLong(at + 4);
        int index = raw.getInt(at + 4 + ADDRESS);
        long[] object = object(collection, index);
        if (object == null || object[1] < length) {
            return null;
        }
        ByteBuffer bytes = data.duplicate();
        bytes.limit((int) (object[0] + length)).position((int) object[0]);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private boolean variableLength(Attribute attribute) {
        try {
            Object type = dataType.invoke(attribute);
            return type != null && type.getClass().getSimpleName().equals(VARIABLE_LENGTH);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** @return {offset in the data, size} of object {@code index} of a collection, or null */
    private long[] object(long collection, int index) {
        Map<Integer, long[]> objects = collections.get(collection);
        if (objects == null) {
            objects = parse(collection);
            if (objects == null) {
                return null;
            }
            collections.put(collection, objects);
        }
        return objects.get(index);
    }

    /** @return the objects of the collection at {@code address}, or null if none lies there */
    private Map<Integer, long[]> parse(long address) {
        long limit = data.limit();
        if (address < 0 || address > limit - COLLECTION_HEADER || data.getInt((int) address) != SIGNATURE
                || data.get((int) address + 4) != 1) {
            return null;
        }
        long size = data.getLong((int) address + 8);
        if (size < COLLECTION_HEADER || size > limit - address) {
            return null;
        }
        long end = address + size;
        Map<Integer, long[]> objects = new HashMap<>();
        long at = address + COLLECTION_HEADER;
        while (at <= end - OBJECT_HEADER) {
            int index = data.getShort((int) at) & 0xffff;
            if (index == 0) {
                // the free space that ends the collection
                break;
            }
            long objectSize = data.getLong((int) at + 8);
            long start = at + OBJECT_HEADER;
            if (objectSize < 0 || objectSize > end - start) {
                return null;
            }
            objects.put(index, new long[] { start, objectSize });
            at = start + (objectSize + 7 & ~7L);
        }
        return objects;
    }
}
