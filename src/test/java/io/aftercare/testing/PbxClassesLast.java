package io.aftercare.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

/**
 * The order the test classes are handed to JUnit's parallel executor (pom.xml names it): by name, the real-PBX
 * classes ({@code @Tag("pbx")}) last. The worker that forks the classes runs them from the end of the list, the
 * others take them from the front: one PBX class at a time runs beside the rest of the suite (it mostly waits on
 * calls), and once the rest is done every worker takes PBX classes. Stateless.
 */
public final class PbxClassesLast implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(PbxClassesLast::pbx)
                .thenComparing(c -> c.getTestClass().getName()));
    }

    private static boolean pbx(ClassDescriptor c) {
        return c.findRepeatableAnnotations(Tag.class).stream().anyMatch(t -> t.value().equals("pbx"));
    }
}
