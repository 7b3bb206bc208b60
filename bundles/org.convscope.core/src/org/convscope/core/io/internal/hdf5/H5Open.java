package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.internal.Guard;
import org.convscope.core.io.internal.Sniffer;
import org.convscope.core.text.MessageBundles;

import io.jhdf.HdfFile;

/**
 * Opens HDF5 data with jhdf after checking the superblock ourselves: the superblock records where
 * the file ends, so a truncated copy is named as such before jhdf trips over missing bytes.
 */
public final class H5Open {

    private static final int SUPERBLOCK_BYTES = 96;

    /** The largest file one {@link ByteBuffer} can map; larger files are read through a channel. */
    static final long MAP_LIMIT = Integer.MAX_VALUE - 8;

    private H5Open() {
    }

    /**
     * Opens an HDF5 file on disk. A file up to {@link #MAP_LIMIT} bytes is read through a
     * read-only memory map, which keeps no descriptor open.
     *
     * <p>Why a map: jhdf reads a structure from a file channel by first allocating a buffer as
     * long as the length the file declares, then reading. A damaged length of up to 2 GiB thus
     * costs 2 GiB of heap before the read fails (a 24 KB file once took 3.3 GB and 11 s). From a
     * buffer, jhdf takes slices instead, so a length beyond the file fails at once and allocates
     * nothing.
     */
    public static HdfFile open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long signature = Sniffer.hdf5SignatureOffset(ch);
            if (signature < 0) {
                throw new ModelFormatException(file, Messages.notHdf5);
            }
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(SUPERBLOCK_BYTES, ch.size() - signature));
            while (head.hasRemaining() && ch.read(head, signature + head.position()) >= 0) {
                // read until full or end of file
            }
            head.flip();
            checkSuperblock(file, "", head, signature, ch.size());
            if (ch.size() <= MAP_LIMIT) {
                ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                return Guard.run(file, Messages.damagedFile, Messages.hdf5Structure,
                        () -> HdfFile.fromByteBuffer(mapped.order(ByteOrder.LITTLE_ENDIAN)));
            }
        }
        return Guard.run(file, Messages.damagedFile, Messages.hdf5Structure, () -> new HdfFile(file));
    }

    /**
     * Opens HDF5 data held in memory or mapped from a region of a larger file.
     *
     * @param data  the bytes, position 0 to limit
     * @param file  the file shown in messages
     * @param entry where in {@code file} the data lies, e.g. {@code "model.weights.h5"}
     */
    public static HdfFile open(ByteBuffer data, Path file, String entry) throws IOException {
        ByteBuffer head = data.duplicate();
        if (head.remaining() < 8 || !signatureAt0(head)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.entryNotHdf5, entry));
        }
        head.limit(Math.min(head.limit(), SUPERBLOCK_BYTES));
        checkSuperblock(file, entry + ": ", head.slice(), 0, data.remaining());
        return Guard.run(file, entry + ": " + Messages.damagedFile, Messages.hdf5Structure,
                () -> HdfFile.fromByteBuffer(data.duplicate().order(ByteOrder.LITTLE_ENDIAN)));
    }

    /**
     * Opens HDF5 data read through a channel, e.g. a region of a larger file.
     *
     * @param data  the bytes, from position 0 to {@code data.size()}
     * @param file  the file shown in messages
     * @param entry where in {@code file} the data lies, e.g. {@code "model.weights.h5"}
     */
    public static HdfFile open(SeekableByteChannel data, Path file, String entry) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(SUPERBLOCK_BYTES, data.size()));
        data.position(0);
        while (head.hasRemaining() && data.read(head) >= 0) {
            // read until full or end of data
        }
        head.flip();
        if (head.remaining() < 8 || !signatureAt0(head)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.entryNotHdf5, entry));
        }
        checkSuperblock(file, entry + ": ", head, 0, data.size());
        data.position(0);
        return Guard.run(file, entry + ": " + Messages.damagedFile, Messages.hdf5Structure,
                () -> new HdfFile(data, file.toUri()));
    }

    private static boolean signatureAt0(ByteBuffer b) {
        byte[] expected = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
        for (int i = 0; i < 8; i++) {
            if (b.get(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param head      the superblock bytes, starting with the signature
     * @param signature where the signature lies in the file
     * @param size      the bytes actually present
     */
    static void checkSuperblock(Path file, String prefix, ByteBuffer head, long signature, long size)
            throws ModelFormatException {
        head = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (head.remaining() < 9) {
            throw truncatedHeader(file, prefix, size);
        }
        int version = head.get(8) & 0xff;
        int offsetSize;
        int addresses;
        if (version == 0 || version == 1) {
            if (head.remaining() < 15) {
                throw truncatedHeader(file, prefix, size);
            }
            offsetSize = head.get(13) & 0xff;
            addresses = version == 0 ? 24 : 28;
        } else if (version == 2 || version == 3) {
            offsetSize = head.get(9) & 0xff;
            addresses = 12;
        } else {
            throw new ModelFormatException(file,
                    prefix + MessageBundles.bind(Messages.unreadSuperblockVersion, version));
        }
        if (offsetSize != 2 && offsetSize != 4 && offsetSize != 8) {
            throw new ModelFormatException(file,
                    prefix + MessageBundles.bind(Messages.badAddressSize, Messages.damagedFile, offsetSize));
        }
        int eofField = addresses + 2 * offsetSize;
        if (head.remaining() < eofField + offsetSize) {
            throw truncatedHeader(file, prefix, size);
        }
        long base = address(head, addresses, offsetSize);
        long eof = address(head, eofField, offsetSize);
        long end = base + eof;
        if (base < 0 || eof < 0 || end < 0 || end > size) {
            String problem = end < 0 || base < 0 || eof < 0
                    ? MessageBundles.bind(Messages.truncatedEndsBeyond, size)
                    : MessageBundles.bind(Messages.truncatedEndsAt, end, size);
            throw new ModelFormatException(file, prefix + problem);
        }
    }

    private static ModelFormatException truncatedHeader(Path file, String prefix, long size) {
        return new ModelFormatException(file,
                prefix + MessageBundles.bind(Messages.truncatedSuperblock, size));
    }

    private static long address(ByteBuffer b, int at, int width) {
        return switch (width) {
            case 2 -> b.getShort(at) & 0xffffL;
            case 4 -> b.getInt(at) & 0xffffffffL;
            default -> b.getLong(at);
        };
    }
}
