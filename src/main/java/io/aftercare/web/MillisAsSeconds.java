package io.aftercare.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps one unit for durations in every JSON answer: figures are computed in exact milliseconds (a record component
 * named {@code ...Millis}), and the API writes each as {@code ...Seconds}, a number with millisecond decimals (null
 * stays null). Output only; nothing is read this way. Immutable and thread-safe.
 */
final class MillisAsSeconds extends BeanSerializerModifier {
    private static final String MILLIS = "Millis";

    static SimpleModule module() {
        return new SimpleModule("millis-as-seconds").setSerializerModifier(new MillisAsSeconds());
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                     List<BeanPropertyWriter> properties) {
        // a mutable list: Jackson goes on to drop ignored properties from it
        return properties.stream().map(p -> p.getName().endsWith(MILLIS) && isWholeNumber(p) ? new InSeconds(p) : p)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static boolean isWholeNumber(BeanPropertyWriter p) {
        Class<?> type = p.getType().getRawClass();
        return type == long.class || type == Long.class || type == int.class || type == Integer.class;
    }

    /** Writes a milliseconds property as seconds under the name ending in Seconds. */
    private static final class InSeconds extends BeanPropertyWriter {
        InSeconds(BeanPropertyWriter base) {
            super(base, new SerializedString(base.getName().substring(0, base.getName().length() - MILLIS.length())
                    + "Seconds"));
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            gen.writeFieldName(_name);
            if (value == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(((Number) value).longValue() / 1000.0);
            }
        }
    }
}
