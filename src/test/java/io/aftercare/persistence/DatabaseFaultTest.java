package io.aftercare.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.persistence.DatabaseFault.Kind;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DatabaseFaultTest {
    @ParameterizedTest
    @CsvSource({
            "SQLITE_READONLY, READ_ONLY, read-only",
            "SQLITE_READONLY_DIRECTORY, READ_ONLY, read-only",
            "SQLITE_READONLY_DBMOVED, READ_ONLY, read-only",
            "SQLITE_BUSY, BUSY, locked",
            "SQLITE_BUSY_SNAPSHOT, BUSY, locked",
            "SQLITE_LOCKED, BUSY, locked",
            "SQLITE_FULL, FULL, full",
            "SQLITE_CANTOPEN, DOWN, cannot open",
            "SQLITE_CANTOPEN_ISDIR, DOWN, cannot open",
            "SQLITE_IOERR_WRITE, DOWN, I/O error",
            "SQLITE_NOTADB, DOWN, not a database"})
    void sqliteResultCodesAreClassifiedByTheirPrimaryCode(SQLiteErrorCode code, Kind kind, String reason) {
        DatabaseFault fault = DatabaseFault.of(new SQLiteException("[" + code.name() + "] " + code.message, code))
                .orElseThrow();
        assertThat(fault.kind()).isEqualTo(kind);
        assertThat(fault.reason()).contains(reason).contains("SQLite");
    }

    @Test
    void anSqliteCodeInAPlainSqlExceptionIsRead() {
        // sqlite-jdbc's batches throw plain SQLExceptions that only name the code
        assertThat(DatabaseFault.of(new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)")))
                .map(DatabaseFault::kind).contains(Kind.BUSY);
    }

    @ParameterizedTest
    @CsvSource({
            "25006, READ_ONLY, the PostgreSQL server is read-only",
            "53100, FULL, disk is full",
            "53300, BUSY, out of connections",
            "40001, BUSY, conflicted",
            "40P01, BUSY, deadlock",
            "55P03, BUSY, lock was not granted",
            "57P03, DOWN, starting up",
            "3D000, DOWN, the PostgreSQL database does not exist",
            "28P01, DOWN, refused the password",
            "28000, DOWN, refused the user",
            "08006, DOWN, connection to the PostgreSQL server was lost",
            "08001, DOWN, cannot connect to the PostgreSQL server"})
    void postgresSqlStatesAreClassified(String state, Kind kind, String reason) {
        DatabaseFault fault = DatabaseFault.of(new SQLException("server said no", state)).orElseThrow();
        assertThat(fault.kind()).isEqualTo(kind);
        assertThat(fault.reason()).contains(reason);
    }

    @Test
    void theSocketsCauseNamesWhyPostgresCannotBeReached() {
        assertThat(DatabaseFault.of(new SQLException("Connection to 127.0.0.1:1 refused.", "08001",
                new ConnectException("Connection refused")))).map(DatabaseFault::reason)
                .contains("cannot reach the PostgreSQL server: connection refused");
        assertThat(DatabaseFault.of(new SQLException("The connection attempt failed.", "08001",
                new UnknownHostException("db.invalid")))).map(DatabaseFault::reason)
                .contains("cannot reach the PostgreSQL server: unknown host");
    }

    @Test
    void faultsAreFoundThroughJdbiAndThePoolsWrappers() {
        var refused = new SQLException("Connection to 127.0.0.1:1 refused.", "08001", new ConnectException("refused"));
        var poolTimeout = new SQLTransientConnectionException("db - Connection is not available, request timed out "
                + "after 5000ms", "08001", refused);
        assertThat(DatabaseFault.of(new ConnectionException(poolTimeout))).map(DatabaseFault::reason)
                .contains("cannot reach the PostgreSQL server: connection refused");
        var readOnly = new SQLiteException("[SQLITE_READONLY] Attempt to write a readonly database",
                SQLiteErrorCode.SQLITE_READONLY);
        assertThat(DatabaseFault.of(new UnableToExecuteStatementException("INSERT ...", readOnly, null)))
                .map(DatabaseFault::kind).contains(Kind.READ_ONLY);
    }

    @Test
    void anExhaustedPoolWithNoServerCauseIsBusy() {
        assertThat(DatabaseFault.of(new ConnectionException(new SQLTransientConnectionException(
                "db - Connection is not available, request timed out after 5000ms (total=4, active=4)"))))
                .contains(new DatabaseFault(Kind.BUSY, "every database connection is in use"));
    }

    @Test
    void anUnavailableDatabaseWithoutADriverCauseIsDownWithItsMessage() {
        assertThat(DatabaseFault.of(new DatabaseUnavailableException("the database folder /x is not writable")))
                .contains(new DatabaseFault(Kind.DOWN, "the database folder /x is not writable"));
    }

    @Test
    void constraintsBadStatementsAndOtherFailuresAreNotTheDatabasesFault() {
        assertThat(DatabaseFault.of(new SQLiteException("[SQLITE_CONSTRAINT_UNIQUE] UNIQUE constraint failed",
                SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE))).isEmpty();
        assertThat(DatabaseFault.of(new SQLException("duplicate key value", "23505"))).isEmpty();
        assertThat(DatabaseFault.of(new SQLException("syntax error at or near \"SELEC\"", "42601"))).isEmpty();
        assertThat(DatabaseFault.of(new SQLException("no state"))).isEmpty();
        assertThat(DatabaseFault.of(new IllegalStateException("a bug"))).isEmpty();
    }

    @Test
    void theDriversOwnWordsLeaveOutTheWrappersStatementAndValues() {
        var readOnly = new SQLiteException("[SQLITE_READONLY] Attempt to write\n a readonly database",
                SQLiteErrorCode.SQLITE_READONLY);
        var wrapped = new UnableToExecuteStatementException("INSERT INTO accounts ... password_hash=$2a$04$secret",
                readOnly, null);
        assertThat(DatabaseFault.driverMessage(wrapped))
                .isEqualTo("[SQLITE_READONLY] Attempt to write a readonly database");
        assertThat(DatabaseFault.driverMessage(new IllegalStateException("no SQL inside"))).isEqualTo("no SQL inside");
    }
}
