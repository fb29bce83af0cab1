package dev.confab.testing;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the compiled test classes and the tiers ({@link TestTiers}) each one is tagged with. */
final class TestClassTiers {

    /** A class with test methods, and the tier tags it carries (its own or, for a nested class, its outer class's). */
    record TestClass(Class<?> type, List<String> tiers) {
    }

    /** Every top-level or {@link Nested} class under {@code root} that declares or inherits a test method. */
    static List<TestClass> under(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> className(root, f))
                    .map(TestClassTiers::load)
                    .filter(TestClassTiers::isTestClass)
                    .map(c -> new TestClass(c, tiersOf(c)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder the test classes were compiled to (target/test-classes). */
    static Path testClassesFolder() {
        try {
            return Path.of(TestClassTiers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String className(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(), ".");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TestClassTiers.class.getClassLoader()); // no static initialisers run
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    private static boolean isTestClass(Class<?> type) {
        boolean runnable = !type.isAnonymousClass() && !type.isLocalClass() && !Modifier.isAbstract(type.getModifiers())
                && (type.getEnclosingClass() == null || AnnotationSupport.isAnnotated(type, Nested.class));
        return runnable && !ReflectionSupport.findMethods(type, m -> AnnotationSupport.isAnnotated(m, Testable.class),
                HierarchyTraversalMode.TOP_DOWN).isEmpty();
    }

    private static List<String> tiersOf(Class<?> type) {
        Stream<String> own = AnnotationSupport.findRepeatableAnnotations(type, Tag.class).stream().map(Tag::value)
                .filter(TestTiers.ALL::contains);
        Class<?> outer = AnnotationSupport.isAnnotated(type, Nested.class) ? type.getEnclosingClass() : null;
        return (outer == null ? own : Stream.concat(own, tiersOf(outer).stream())).distinct().toList();
    }

    private TestClassTiers() {
    }
}
