package io.aftercare.importer;

import java.io.IOException;

/** Reads an import file one {@link Entry} at a time. Not thread-safe. */
interface EntrySource<T> {
    /** The next entry, or null at the end of the file. */
    Entry<T> next() throws IOException;

    /** The physical line of the file being read now, for an error that stops the import there. */
    long line();
}
