package io.aftercare.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list, as every list endpoint answers: {@code items}, the {@code nextCursor} to send
 * as {@code after} for the next page (null on the last), and {@code total} matching rows where the endpoint counts
 * them (left out otherwise). Immutable.
 */
public record Page<T>(List<T> items, String nextCursor, @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page from rows fetched with {@link PageRequest#fetch()} (one more than the limit when another page
     * follows); {@code position} gives a row's cursor.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> position, Long total) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, null, total);
        }
        List<T> shown = fetched.subList(0, request.limit());
        return new Page<>(shown, position.apply(shown.get(shown.size() - 1)).encode(), total);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), nextCursor, total);
    }
}
