package org.convscope.core.io.internal.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only view of a region of a file as a channel of its own, so that a stored zip entry can
 * be read where it lies at any size; a memory mapping is limited to 2 GiB.
 */
final class RegionChannel implements SeekableByteChannel {

    private final FileChannel file;
    private final long start;
    private final long size;
    private long position;

    /** Takes ownership of {@code file}: closing this channel closes it. */
    RegionChannel(FileChannel file, long start, long size) {
        this.file = file;
        this.start = start;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!file.isOpen()) {
            throw new ClosedChannelException();
        }
        if (position >= size) {
            return -1;
        }
        ByteBuffer window = dst.slice();
        window.limit((int) Math.min(window.remaining(), size - position));
        int n = file.read(window, start + position);
        if (n > 0) {
            dst.position(dst.position() + n);
            position += n;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
