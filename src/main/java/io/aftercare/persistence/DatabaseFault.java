package io.aftercare.persistence;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a database failure means for a caller and why, classified from the driver's exception: SQLite result codes
 * and PostgreSQL SQLSTATEs. A failure it does not know (a constraint, a bad statement) is no fault of the database.
 * Immutable.
 */
public record DatabaseFault(Kind kind, String reason) {
    private static final Pattern SQLITE_CODE = Pattern.compile("\\[(SQLITE_[A-Z_]+)\\]");

    /** The database's state as {@code /health} names it; the first two pass with time, the others need a person. */
    public enum Kind {
        BUSY("busy"), DOWN("down"), READ_ONLY("read-only"), FULL("full");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public DatabaseFault {
        if (kind == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a database fault needs a kind and a reason");
        }
    }

    /** The fault behind {@code failure} or any of its causes, if the database is to blame. */
    public static Optional<DatabaseFault> of(Throwable failure) {
        boolean poolTimedOut = false;
        DatabaseUnavailableException unavailable = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                Optional<SQLiteErrorCode> sqliteCode = sqliteCode(sql);
                Optional<DatabaseFault> fault = sqliteCode.isPresent() ? sqlite(sqliteCode.get())
                        : postgres(sql.getSQLState(), failure);
                if (fault.isPresent()) {
                    return fault;
                }
                poolTimedOut |= t instanceof SQLTransientConnectionException;
            } else if (t instanceof DatabaseUnavailableException e && unavailable == null) {
                unavailable = e;
            }
        }
        if (poolTimedOut) { // the pool's own timeout, no cause from the server: every connection is taken
            return Optional.of(new DatabaseFault(Kind.BUSY, "every database connection is in use"));
        }
        return Optional.ofNullable(unavailable).map(e -> new DatabaseFault(Kind.DOWN, e.getMessage()));
    }

    /**
     * What the driver itself said, on one line: the innermost SQLException's message, without the statement and
     * bound values a wrapper (jdbi) adds; {@code failure}'s own message when no SQLException is inside.
     */
    public static String driverMessage(Throwable failure) {
        String said = failure.getMessage();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                said = sql.getMessage();
            }
        }
        return String.valueOf(said).replaceAll("\\s+", " ").strip();
    }

    private static Optional<SQLiteErrorCode> sqliteCode(SQLException sql) {
        if (sql instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
            return Optional.of(sqlite.getResultCode());
        }
        // sqlite-jdbc also raises plain SQLExceptions (batches) whose message starts with the code's name
        Matcher name = SQLITE_CODE.matcher(String.valueOf(sql.getMessage()));
        if (name.find()) {
            try {
                return Optional.of(SQLiteErrorCode.valueOf(name.group(1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseFault> sqlite(SQLiteErrorCode code) {
        // Extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_BUSY_SNAPSHOT ...) share the primary code's low byte.
        return switch (code.code & 0xff) {
            case 5, 15 -> fault(Kind.BUSY, "the SQLite file is locked by another writer");
            case 6 -> fault(Kind.BUSY, "an SQLite table is locked by another connection");
            case 8 -> fault(Kind.READ_ONLY,
                    "the SQLite file is read-only: the file, its folder or its disk refuses writes");
            case 13 -> fault(Kind.FULL, "the disk holding the SQLite file is full");
            case 14 -> fault(Kind.DOWN, "cannot open the SQLite file (its folder is missing, a folder is in its place, "
                    + "or permission is denied)");
            case 3 -> fault(Kind.DOWN, "permission to the SQLite file is denied");
            case 10 -> fault(Kind.DOWN, "disk I/O error on the SQLite file");
            case 11, 26 -> fault(Kind.DOWN, "the SQLite file is damaged or is not a database");
            default -> Optional.empty();
        };
    }

    private static Optional<DatabaseFault> postgres(String state, Throwable failure) {
        if (state == null || state.length() != 5) {
            return Optional.empty();
        }
        if (state.startsWith("08")) {
            return fault(Kind.DOWN, connectionProblem(state, failure));
        }
        if (state.startsWith("28")) {
            return fault(Kind.DOWN, state.equals("28P01") ? "PostgreSQL refused the password"
                    : "PostgreSQL refused the user (no such role, or pg_hba.conf does not let it in)");
        }
        return switch (state) {
            case "25006" -> fault(Kind.READ_ONLY,
                    "the PostgreSQL server is read-only (a standby, or default_transaction_read_only is on)");
            case "53100" -> fault(Kind.FULL, "the PostgreSQL server's disk is full");
            case "53000", "53200", "53300" -> fault(Kind.BUSY,
                    "the PostgreSQL server is out of connections or memory");
            case "40001" -> fault(Kind.BUSY, "the transaction conflicted with a concurrent one");
            case "40P01" -> fault(Kind.BUSY, "the transaction was ended to break a deadlock");
            case "55P03" -> fault(Kind.BUSY, "a lock was not granted in time");
            case "3D000" -> fault(Kind.DOWN, "the PostgreSQL database does not exist");
            case "57P01", "57P02" -> fault(Kind.DOWN, "the PostgreSQL server is shutting down");
            case "57P03" -> fault(Kind.DOWN, "the PostgreSQL server is starting up, shutting down or in recovery");
            default -> Optional.empty();
        };
    }

    /** 08xxx: what the socket said, when it said anything. */
    private static String connectionProblem(String state, Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof ConnectException) {
                return "cannot reach the PostgreSQL server: connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "cannot reach the PostgreSQL server: unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "cannot reach the PostgreSQL server: no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "cannot reach the PostgreSQL server: no answer in time";
            }
        }
        return state.equals("08001") || state.equals("08004") ? "cannot connect to the PostgreSQL server"
                : "the connection to the PostgreSQL server was lost";
    }

    private static Optional<DatabaseFault> fault(Kind kind, String reason) {
        return Optional.of(new DatabaseFault(kind, reason));
    }
}
