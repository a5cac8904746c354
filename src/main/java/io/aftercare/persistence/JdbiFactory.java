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
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Builds a {@link Jdbi} whose value storage is the same on SQLite and PostgreSQL: instants as epoch
 * milliseconds (BIGINT), dates as ISO-8601 text, phone numbers as E.164 text. Stateless.
 */
final class JdbiFactory {
    private JdbiFactory() {}

    static Jdbi create(DataSource dataSource, boolean postgres) {
        Jdbi jdbi = Jdbi.create(dataSource);
        // Plugins first: factories registered later win, and ours must beat the plugins' enum handling.
        if (postgres) {
            jdbi.installPlugin(new PostgresPlugin());
        }
        jdbi.installPlugin(new SqlObjectPlugin());
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
        jdbi.registerArgument(new CodedArgumentFactory());
        jdbi.registerColumnMapper(new CodedColumnMapperFactory());
        return jdbi;
    }

    /** Binds any {@link Coded} enum as its code; preparable so batches use it too. */
    private static final class CodedArgumentFactory implements ArgumentFactory.Preparable {
        @Override
        public java.util.Optional<java.util.function.Function<Object, Argument>> prepare(java.lang.reflect.Type type,
                                                                                       ConfigRegistry config) {
            if (!Coded.class.isAssignableFrom(org.jdbi.v3.core.generic.GenericTypes.getErasedType(type))) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(value -> (position, statement, ctx) -> {
                if (value == null) {
                    statement.setNull(position, Types.VARCHAR);
                } else {
                    statement.setString(position, ((Coded) value).code());
                }
            });
        }

        @Override
        public java.util.Optional<Argument> build(java.lang.reflect.Type type, Object value, ConfigRegistry config) {
            return prepare(type, config).map(binder -> binder.apply(value));
        }
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
