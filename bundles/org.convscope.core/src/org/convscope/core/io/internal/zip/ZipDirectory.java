package org.convscope.core.io.internal.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.ReadLimits;
import org.convscope.core.text.MessageBundles;

/**
 * Reads a zip file's central directory without extracting anything. {@code java.util.zip.ZipFile}
 * does not tell where an entry's data lies in the file, which is what reading a stored entry in
 * place needs, so the few records involved are read here.
 */
final class ZipDirectory {

    /** One entry of the central directory. */
    record Entry(String name, int method, long compressedSize, long size, long localHeader) {
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int EOCD_SIZE = 22;
    private static final long MAX_DIRECTORY = 64L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long size;

    ZipDirectory(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    /** @return the entries, checked for unsafe names and sizes beyond the file */
    List<Entry> entries(ReadLimits limits) throws IOException {
        int tailSize = (int) Math.min(size, EOCD_SIZE + 0xffff);
        ByteBuffer tail = read(size - tailSize, tailSize);
        int at = -1;
        for (int i = tailSize - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw damaged(Messages.noEndRecord);
        }
        long count = tail.getShort(at + 10) & 0xffffL;
        long dirSize = tail.getInt(at + 12) & 0xffffffffL;
        long dirOffset = tail.getInt(at + 16) & 0xffffffffL;
        if ((count == 0xffff || dirSize == 0xffffffffL || dirOffset == 0xffffffffL) && at >= 20
                && tail.getInt(at - 20) == ZIP64_LOCATOR) {
            long z64 = tail.getLong(at - 20 + 8);
            checkRange(z64, 56, Messages.zip64Record);
            ByteBuffer rec = read(z64, 56);
            if (rec.getInt(0) != ZIP64_EOCD) {
                throw damaged(Messages.badZip64Record);
            }
            count = rec.getLong(32);
            dirSize = rec.getLong(40);
            dirOffset = rec.getLong(48);
        }
        if (count < 0 || count > limits.maxZipEntries()) {
            throw new ModelFormatException(file,
                    MessageBundles.bind(Messages.tooManyEntries, Long.toUnsignedString(count), limits.maxZipEntries()));
        }
        if (dirSize > MAX_DIRECTORY) {
            throw damaged(MessageBundles.bind(Messages.directoryClaims, dirSize));
        }
        checkRange(dirOffset, dirSize, Messages.directory);
        ByteBuffer dir = read(dirOffset, (int) dirSize);
        List<Entry> entries = new ArrayList<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > dir.limit() || dir.getInt(p) != CENTRAL) {
                throw damaged(MessageBundles.bind(Messages.directoryEntryDamaged, i));
            }
            int method = dir.getShort(p + 10) & 0xffff;
            long csize = dir.getInt(p + 20) & 0xffffffffL;
            long usize = dir.getInt(p + 24) & 0xffffffffL;
            int nameLen = dir.getShort(p + 28) & 0xffff;
            int extraLen = dir.getShort(p + 30) & 0xffff;
            int commentLen = dir.getShort(p + 32) & 0xffff;
            long local = dir.getInt(p + 42) & 0xffffffffL;
            if (p + 46 + nameLen + extraLen + commentLen > dir.limit()) {
                throw damaged(MessageBundles.bind(Messages.directoryEntryDamaged, i));
            }
            byte[] nameBytes = new byte[nameLen];
            dir.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // Zip64 extra field: the 8-byte values replace those stored as 0xFFFFFFFF, in this order.
            int q = p + 46 + nameLen;
            int extraEnd = q + extraLen;
            while (q + 4 <= extraEnd) {
                int id = dir.getShort(q) & 0xffff;
                int len = dir.getShort(q + 2) & 0xffff;
                int r = q + 4;
                if (id == 1) {
                    if (usize == 0xffffffffL && r + 8 <= extraEnd) {
                        usize = dir.getLong(r);
                        r += 8;
                    }
                    if (csize == 0xffffffffL && r + 8 <= extraEnd) {
                        csize = dir.getLong(r);
                        r += 8;
                    }
                    if (local == 0xffffffffL && r + 8 <= extraEnd) {
                        local = dir.getLong(r);
                    }
                }
                q += 4 + len;
            }
            checkName(name);
            if (csize < 0 || usize < 0 || local < 0 || local > size || csize > size) {
                throw damaged(MessageBundles.bind(Messages.entryBeyondFile, name));
            }
            entries.add(new Entry(name, method, csize, usize, local));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return entries;
    }

    /** @return where {@code entry}'s data starts, after its local header */
    long dataOffset(Entry entry) throws IOException {
        checkRange(entry.localHeader(), 30, MessageBundles.bind(Messages.localHeaderOf, entry.name()));
        ByteBuffer local = read(entry.localHeader(), 30);
        if (local.getInt(0) != LOCAL) {
            throw damaged(MessageBundles.bind(Messages.localHeaderDamaged, entry.name()));
        }
        long start = entry.localHeader() + 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
        checkRange(start, entry.compressedSize(), MessageBundles.bind(Messages.dataOf, entry.name()));
        return start;
    }

    private void checkName(String name) throws ModelFormatException {
        String n = name.replace('\\', '/');
        boolean unsafe = n.startsWith("/") || n.indexOf('\0') >= 0 || n.matches("^[A-Za-z]:.*");
        for (String part : n.split("/")) {
            unsafe |= part.equals("..");
        }
        if (unsafe) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.unsafeEntry, name.replace('\0', '?')));
        }
    }

    private void checkRange(long offset, long length, String what) throws ModelFormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.beyondEnd, what, size, offset, length));
        }
    }

    private ModelFormatException damaged(String what) {
        return new ModelFormatException(file, MessageBundles.bind(Messages.damagedArchive, what));
    }

    private ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new ModelFormatException(file, MessageBundles.bind(Messages.archiveEnds, size));
            }
        }
        buf.flip();
        return buf;
    }
}
