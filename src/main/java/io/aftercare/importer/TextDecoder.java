package io.aftercare.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes an import file strictly: a byte sequence that is not text in the file's encoding is an error, never a
 * silent U+FFFD, and it is raised only once every character before it was delivered, so the reader above knows
 * the line it is on. A byte order mark (UTF-8, UTF-16BE, UTF-16LE) chooses the encoding and is dropped, so it
 * never reaches a header name or a message. Counts the bytes read for progress. Not thread-safe.
 */
final class TextDecoder extends Reader {
    /** The file is not text in its encoding from this point on. */
    static final class NotText extends IOException {
        NotText(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private long bytesRead;
    private long bytesBefore;
    private boolean eof;
    private boolean flushed;
    private NotText pending;

    /**
     * @param chosen the encoding asked for, or null for UTF-8; a byte order mark naming another one is an
     *               {@link ImportException}
     */
    TextDecoder(InputStream in, Charset chosen, String file) throws IOException {
        this.in = in;
        bytes.limit(0);
        fill();
        Charset bom = bom();
        if (bom != null && chosen != null && !sameFamily(bom, chosen)) {
            throw new ImportException(file + ": the file starts with a " + bom.name() + " byte order mark but --encoding "
                    + chosen.name() + " was given; leave --encoding out or give " + bom.name());
        }
        this.charset = bom != null ? bom : chosen != null ? chosen : StandardCharsets.UTF_8;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    Charset charset() {
        return charset;
    }

    /** Bytes of the file read so far, including what is buffered but not decoded yet. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (flushed) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            int before = bytes.position();
            CoderResult result = decoder.decode(bytes, out, eof);
            bytesBefore += bytes.position() - before;
            if (result.isError()) {
                NotText error = notText(result.length());
                if (out.position() > offset) {
                    pending = error;
                    break;
                }
                throw error;
            }
            if (result.isOverflow()) {
                break;
            }
            if (eof) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                }
                if (out.position() == offset) {
                    return -1;
                }
                break;
            }
            fill();
        }
        return out.position() - offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads more bytes behind those not decoded yet; sets eof at the end of the file. */
    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
        }
        bytes.flip();
    }

    private Charset bom() {
        int b0 = bytes.remaining() > 0 ? bytes.get(0) & 0xFF : -1;
        int b1 = bytes.remaining() > 1 ? bytes.get(1) & 0xFF : -1;
        int b2 = bytes.remaining() > 2 ? bytes.get(2) & 0xFF : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            skip(3);
            return StandardCharsets.UTF_8;
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            skip(2);
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            skip(2);
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private void skip(int count) {
        bytes.position(bytes.position() + count);
        bytesBefore += count;
    }

    private static boolean sameFamily(Charset bom, Charset chosen) {
        return chosen.equals(bom) || (chosen.equals(StandardCharsets.UTF_16) && !bom.equals(StandardCharsets.UTF_8));
    }

    private NotText notText(int length) {
        int at = bytes.position();
        byte[] bad = new byte[Math.min(length, Math.max(0, bytes.limit() - at))];
        bytes.get(at, bad);
        String suggestion = charset.equals(StandardCharsets.UTF_8)
                ? "; if it comes from Excel or another Windows program, try --encoding windows-1252"
                + " (or ISO-8859-1 for older Unix exports)" : "; give its encoding with --encoding";
        return new NotText("not valid " + charset.name() + " text (bytes " + HexFormat.ofDelimiter(" ").withPrefix("0x")
                .withUpperCase().formatHex(bad) + " at byte offset " + bytesBefore + ")" + suggestion);
    }
}
