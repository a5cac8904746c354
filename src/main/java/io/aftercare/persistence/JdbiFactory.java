package io.aftercare.persistence;

import io.aftercare.core.Coded;
import io.aftercare.telephony.PhoneNumber;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * Builds a {@link Jdbi} whose value storage is the same on SQLite and PostgreSQL: instants as epoch
 * milliseconds (BIGINT), dates as ISO-8601 text, phone numbers as E.164 text. Stateless.
 */
final class JdbiFactory {
    private JdbiFactory() {}

    static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.BIGINT) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.VARCHAR) {
            @Override
            protected Argument build(LocalDate value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, value.toString());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<PhoneNumber>(Types.VARCHAR) {
            @Override
            protected Argument build(PhoneNumber value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, value.e164());
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
        jdbi.registerColumnMapper(LocalDate.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : LocalDate.parse(text);
        });
        jdbi.registerColumnMapper(PhoneNumber.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : new PhoneNumber(text);
        });
        jdbi.registerArgument((ArgumentFactory) (type, value, config) -> value instanceof Coded coded
                ? java.util.Optional.of((position, statement, ctx) -> statement.setString(position, coded.code()))
                : java.util.Optional.empty());
        jdbi.registerColumnMapper(new CodedColumnMapperFactory());
        return jdbi;
    }

    /** Maps a text column to any {@link Coded} enum by its code. */
    private static final class CodedColumnMapperFactory implements ColumnMapperFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public java.util.Optional<ColumnMapper<?>> build(java.lang.reflect.Type type, ConfigRegistry config) {
            if (!(type instanceof Class<?> cls) || !cls.isEnum() || !Coded.class.isAssignableFrom(cls)) {
                return java.util.Optional.empty();
            }
            Class<? extends Enum> enumType = (Class<? extends Enum>) cls;
            return java.util.Optional.of((rs, column, ctx) -> {
                String code = rs.getString(column);
                return code == null ? null : Coded.parse((Class) enumType, code, rs.getMetaData().getColumnLabel(column));
            });
        }
    }
}
