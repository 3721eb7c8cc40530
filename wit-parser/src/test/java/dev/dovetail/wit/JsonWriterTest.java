package dev.dovetail.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class JsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Type.Id T0 = new Type.Id(0);
    private static final Type.Id T1 = new Type.Id(1);

    @Test
    void emptyResolve() {
        assertEquals("""
                {
                  "worlds": [],
                  "interfaces": [],
                  "types": [],
                  "packages": []
                }""", json(List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void smallPackageLikeSerdeJsonPretty() {
        TypeDef resource = new TypeDef("r", new TypeDefKind.Resource(), new TypeOwner.OfInterface(0), Docs.NONE,
                Stability.UNKNOWN);
        TypeDef borrow = new TypeDef(null, new TypeDefKind.Handle(true, 0), TypeOwner.NONE, Docs.NONE, Stability.UNKNOWN);
        Function method = new Function("[method]r.m", new Function.Kind(Function.Shape.METHOD, 0, false),
                List.of(new Function.Param("self", T1)), Type.Primitive.U32, new Docs("Says \"hi\"."),
                new Stability.Stable("0.2.0", null));
        Function none = new Function("f", Function.Kind.ASYNC_FREESTANDING, List.of(), null, Docs.NONE,
                new Stability.Unstable("fancy", "0.2.1"));
        Interface iface = new Interface("i", Map.of("r", 0), ordered("[method]r.m", method, "f", none),
                new Docs("line 1\nline 2"), Stability.UNKNOWN, 0);
        World world = new World("w", ordered(new WorldKey.InterfaceRef(0),
                new WorldItem.InterfaceItem(0, new Stability.Stable("0.2.0", null))),
                Map.of(), 0, Docs.NONE, Stability.UNKNOWN);
        Package pkg = new Package(new PackageName("a", "b", "1.0.0"), new Docs("pkg"), Map.of("i", 0), Map.of("w", 0));

        assertEquals("""
                {
                  "worlds": [
                    {
                      "name": "w",
                      "imports": {
                        "interface-0": {
                          "interface": {
                            "id": 0,
                            "stability": {
                              "stable": {
                                "since": "0.2.0"
                              }
                            }
                          }
                        }
                      },
                      "exports": {},
                      "package": 0
                    }
                  ],
                  "interfaces": [
                    {
                      "name": "i",
                      "types": {
                        "r": 0
                      },
                      "functions": {
                        "[method]r.m": {
                          "name": "[method]r.m",
                          "kind": {
                            "method": 0
                          },
                          "params": [
                            {
                              "name": "self",
                              "type": 1
                            }
                          ],
                          "result": "u32",
                          "docs": {
                            "contents": "Says \\"hi\\"."
                          },
                          "stability": {
                            "stable": {
                              "since": "0.2.0"
                            }
                          }
                        },
                        "f": {
                          "name": "f",
                          "kind": "async-freestanding",
                          "params": [],
                          "stability": {
                            "unstable": {
                              "feature": "fancy",
                              "deprecated": "0.2.1"
                            }
                          }
                        }
                      },
                      "docs": {
                        "contents": "line 1\\nline 2"
                      },
                      "package": 0
                    }
                  ],
                  "types": [
                    {
                      "name": "r",
                      "kind": "resource",
                      "owner": {
                        "interface": 0
                      }
                    },
                    {
                      "name": null,
                      "kind": {
                        "handle": {
                          "borrow": 0
                        }
                      },
                      "owner": null
                    }
                  ],
                  "packages": [
                    {
                      "name": "a:b@1.0.0",
                      "docs": {
                        "contents": "pkg"
                      },
                      "interfaces": {
                        "i": 0
                      },
                      "worlds": {
                        "w": 0
                      }
                    }
                  ]
                }""", json(List.of(world), List.of(iface), List.of(resource, borrow), List.of(pkg)));
    }

    @Test
    void everyTypeKind() throws IOException {
        TypeOwner.OfWorld owner = new TypeOwner.OfWorld(0);
        List<TypeDefKind> kinds = List.of(
                new TypeDefKind.Resource(),
                new TypeDefKind.Handle(false, 0),
                new TypeDefKind.Record(List.of(new TypeDefKind.Field("a", Type.Primitive.BOOL, new Docs("d")))),
                new TypeDefKind.Flags(List.of(new TypeDefKind.Flag("x", Docs.NONE))),
                new TypeDefKind.Tuple(List.of(Type.Primitive.S8, T0)),
                new TypeDefKind.Variant(List.of(new TypeDefKind.Case("a", null, Docs.NONE),
                        new TypeDefKind.Case("b", Type.Primitive.F64, Docs.NONE))),
                new TypeDefKind.Enum(List.of(new TypeDefKind.EnumCase("e", new Docs("")))),
                new TypeDefKind.Option(Type.Primitive.CHAR),
                new TypeDefKind.Result(null, Type.Primitive.STRING),
                new TypeDefKind.Result(T1, null),
                new TypeDefKind.ListOf(Type.Primitive.U8),
                new TypeDefKind.FixedLengthList(Type.Primitive.F32, 4),
                new TypeDefKind.MapOf(Type.Primitive.STRING, T0),
                new TypeDefKind.Future(null),
                new TypeDefKind.Future(Type.Primitive.ERROR_CONTEXT),
                new TypeDefKind.Stream(null),
                new TypeDefKind.Stream(Type.Primitive.S64),
                new TypeDefKind.Alias(Type.Primitive.U16));
        List<TypeDef> types = new ArrayList<>();
        for (TypeDefKind k : kinds) {
            types.add(new TypeDef(null, k, owner, Docs.NONE, Stability.UNKNOWN));
        }
        JsonNode actual = JSON.readTree(json(List.of(), List.of(), types, List.of())).get("types");
        JsonNode expected = JSON.readTree("""
                [
                  {"name": null, "kind": "resource", "owner": {"world": 0}},
                  {"name": null, "kind": {"handle": {"own": 0}}, "owner": {"world": 0}},
                  {"name": null, "kind": {"record": {"fields": [{"name": "a", "type": "bool", "docs": {"contents": "d"}}]}},
                   "owner": {"world": 0}},
                  {"name": null, "kind": {"flags": {"flags": [{"name": "x"}]}}, "owner": {"world": 0}},
                  {"name": null, "kind": {"tuple": {"types": ["s8", 0]}}, "owner": {"world": 0}},
                  {"name": null, "kind": {"variant": {"cases": [{"name": "a", "type": null}, {"name": "b", "type": "f64"}]}},
                   "owner": {"world": 0}},
                  {"name": null, "kind": {"enum": {"cases": [{"name": "e", "docs": {"contents": ""}}]}}, "owner": {"world": 0}},
                  {"name": null, "kind": {"option": "char"}, "owner": {"world": 0}},
                  {"name": null, "kind": {"result": {"ok": null, "err": "string"}}, "owner": {"world": 0}},
                  {"name": null, "kind": {"result": {"ok": 1, "err": null}}, "owner": {"world": 0}},
                  {"name": null, "kind": {"list": "u8"}, "owner": {"world": 0}},
                  {"name": null, "kind": {"fixed-length-list": ["f32", 4]}, "owner": {"world": 0}},
                  {"name": null, "kind": {"map": ["string", 0]}, "owner": {"world": 0}},
                  {"name": null, "kind": {"future": null}, "owner": {"world": 0}},
                  {"name": null, "kind": {"future": "error-context"}, "owner": {"world": 0}},
                  {"name": null, "kind": {"stream": null}, "owner": {"world": 0}},
                  {"name": null, "kind": {"stream": "s64"}, "owner": {"world": 0}},
                  {"name": null, "kind": {"type": "u16"}, "owner": {"world": 0}}
                ]""");
        assertEquals(expected, actual);
    }

    @Test
    void functionKinds() throws IOException {
        Map<String, Function> functions = new LinkedHashMap<>();
        Function.Shape[] shapes = Function.Shape.values();
        for (Function.Shape shape : shapes) {
            for (boolean async : new boolean[] {false, true}) {
                if (shape == Function.Shape.CONSTRUCTOR && async) {
                    continue;
                }
                int resource = shape == Function.Shape.FREESTANDING ? -1 : 7;
                String name = shape + "-" + async;
                functions.put(name, new Function(name, new Function.Kind(shape, resource, async), List.of(), null,
                        Docs.NONE, Stability.UNKNOWN));
            }
        }
        Interface iface = new Interface(null, Map.of(), functions, Docs.NONE, Stability.UNKNOWN, null);
        JsonNode actual = JSON.readTree(json(List.of(), List.of(iface), List.of(), List.of())).get("interfaces").get(0);
        List<String> kinds = new ArrayList<>();
        actual.get("functions").forEach(f -> kinds.add(f.get("kind").toString()));
        assertEquals(List.of("\"freestanding\"", "\"async-freestanding\"", "{\"method\":7}", "{\"async-method\":7}",
                "{\"static\":7}", "{\"async-static\":7}", "{\"constructor\":7}"), kinds);
        assertEquals("null", actual.get("name").toString());
        assertEquals("null", actual.get("package").toString());
    }

    @Test
    void escapesStringsLikeSerdeJson() {
        StringBuilder out = new StringBuilder();
        JsonWriter.escape(out, "q\" b\\ n\n r\r t\t b\b f\f nul\u0000 us\u001f del\u007f é ✓ 😀");
        assertEquals("q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000 us\\u001f del\u007f é ✓ 😀", out.toString());
    }

    /**
     * The Rust wit-parser's own output, byte for byte: for every case whose resolve already
     * matches the expected JSON as a value, the text must be identical too (field order,
     * indentation, escaping). Mismatching values are WitParserConformanceTest's business.
     */
    @TestFactory
    Stream<DynamicTest> sameTextAsUpstream() throws IOException {
        Path ui = SharedFiles.witParserUi();
        WitResolver resolver = WitResolver.builder().features(Set.of("active")).build();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> entries = Files.list(ui)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                boolean input = Files.isDirectory(entry) ? !name.equals("parse-fail") : name.endsWith(".wit");
                if (!input) {
                    continue;
                }
                Path expectedFile = ui.resolve(name.replaceFirst("\\.wit$", "") + ".wit.json");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).replace("\r\n", "\n").trim();
                    String actual;
                    try {
                        actual = WitJson.toJson(resolver.resolve(entry).resolve());
                    } catch (WitException e) {
                        Assumptions.abort("does not resolve: " + e.reason());
                        return;
                    }
                    Assumptions.assumeTrue(JSON.readTree(expected).equals(JSON.readTree(actual)),
                            "resolves to a different value");
                    assertEquals(expected, actual);
                }));
            }
        }
        return tests.stream();
    }

    private static String json(List<World> worlds, List<Interface> interfaces, List<TypeDef> types, List<Package> packages) {
        return new JsonWriter(new Resolve(worlds, interfaces, types, packages)).write();
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> ordered(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
