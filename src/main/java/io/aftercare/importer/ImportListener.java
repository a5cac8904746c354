package io.aftercare.importer;

import io.aftercare.importer.ImportReport.Rejection;

/**
 * Hears an import as it runs: each rejected record as soon as it is known, and the counts after each chunk.
 * Called on the importing thread; implementations need not be thread-safe.
 */
public interface ImportListener {
    /** Hears nothing. */
    ImportListener NONE = new ImportListener() {};

    /** A record that is not imported (its line and why); rejections come in the order they are found. */
    default void rejected(Rejection rejection) {}

    /** The counts so far, after each chunk. */
    default void progress(ImportProgress progress) {}

    /** This listener, then {@code next}, for each callback. */
    default ImportListener andThen(ImportListener next) {
        ImportListener first = this;
        return new ImportListener() {
            @Override
            public void rejected(Rejection rejection) {
                first.rejected(rejection);
                next.rejected(rejection);
            }

            @Override
            public void progress(ImportProgress progress) {
                first.progress(progress);
                next.progress(progress);
            }
        };
    }
}
