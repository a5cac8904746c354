package io.aftercare.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One prepared query on a plain JDBC connection, for the reads that skip jdbi for speed (screen pop, call lists):
 * binds the parameters in order and maps every row. Stateless and thread-safe (the connection is the caller's).
 */
public final class JdbcQuery {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private JdbcQuery() {}

    /** Every row of {@code sql}; a failure is an IllegalStateException naming {@code what} read failed. */
    public static <T> List<T> list(Connection connection, String what, String sql, Row<T> row, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(what + " read failed: " + e.getMessage(), e);
        }
    }
}
