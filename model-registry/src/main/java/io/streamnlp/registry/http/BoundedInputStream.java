package io.streamnlp.registry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails (413 on the server) once more than {@code limit} bytes are read, whatever Content-Length claimed; bounds downloads too. */
public final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    public BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw UploadRejectedException.tooLarge("the body exceeds the limit of " + limit + " bytes");
        }
    }
}
