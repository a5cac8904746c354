package io.aftercare.importer;

/**
 * How far an import is: records read, imported and rejected so far, and the bytes of the file read (a little
 * ahead of the records, by the read buffer) out of its size (0 when unknown). Immutable.
 */
public record ImportProgress(long read, long imported, long rejected, long bytesRead, long totalBytes) {
    /** The share of the file read, 0 to 1, or -1 when the size is unknown. */
    public double fraction() {
        return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes);
    }
}
