package dev.dovetail.codegen;

import dev.dovetail.runtime.FlatFunction;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources in memory with {@code -Xlint:all -Werror} against the runtime's classes. */
final class JavaSources {
    private JavaSources() {}

    /** The outcome: error and warning messages (empty when it compiled) and the class files. */
    record Compiled(List<String> diagnostics, Map<String, byte[]> classes) {
        boolean ok() {
            return diagnostics.isEmpty();
        }
    }

    /** Where a class was loaded from: a jar, or a {@code target/classes} in a reactor build. */
    static Path classesOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads class {@code name} of {@code compiled} in a fresh class loader over {@code parent}. */
    static Class<?> load(Compiled compiled, ClassLoader parent, String name) throws ClassNotFoundException {
        ClassLoader loader = new ClassLoader(parent) {
            @Override
            protected Class<?> findClass(String className) throws ClassNotFoundException {
                byte[] bytes = compiled.classes().get(className);
                if (bytes == null) {
                    throw new ClassNotFoundException(className);
                }
                return defineClass(className, bytes, 0, bytes.length);
            }
        };
        return loader.loadClass(name);
    }

    /** Compiles against the runtime alone. */
    static Compiled compile(Map<String, String> sources) {
        return compile(sources, List.of(classesOf(FlatFunction.class)));
    }

    static Compiled compile(Map<String, String> sources, List<Path> classpath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        out.put(className, b);
                        return b;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new SimpleJavaFileObject(URI.create("mem:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        List<String> options = List.of("-Xlint:all", "-Werror", "--release", "17", "-proc:none",
                "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.NOTE) {
                messages.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT));
            }
        }
        if (!ok && messages.isEmpty()) {
            messages.add("javac failed without diagnostics");
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return new Compiled(messages, classes);
    }
}
