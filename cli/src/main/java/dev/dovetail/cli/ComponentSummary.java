package dev.dovetail.cli;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentNames;
import dev.dovetail.component.Export;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Import;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code dovetail inspect} shows of a component: its imports and exports, the core modules
 * and components it defines (with their sizes and names from the {@code component-name}
 * section), recursively, and its custom sections. Printed as a tree or as JSON.
 */
record ComponentSummary(
        Optional<String> name,
        List<Item> imports,
        List<Item> exports,
        List<Module> coreModules,
        List<Nested> components,
        List<Custom> customSections) {

    /** An import or export: its kind ({@code func}, {@code instance}, ...) and name. */
    record Item(String kind, String name) {}

    /** A core module defined here: its index in the core module index space, name and size in bytes. */
    record Module(int index, Optional<String> name, int size) {}

    /**
     * A component defined here, with its index, size in bytes and contents, and its name: the one
     * this component's name section gives it, else its own.
     */
    record Nested(int index, Optional<String> name, int size, ComponentSummary summary) {}

    /** A custom section: its name and the size of its data. */
    record Custom(String name, int size) {}

    static ComponentSummary of(Component component) {
        List<Item> imports = new ArrayList<>();
        List<Item> exports = new ArrayList<>();
        List<Component> nested = new ArrayList<>();
        List<Integer> nestedIndices = new ArrayList<>();
        List<Integer> moduleIndices = new ArrayList<>();
        List<Integer> moduleSizes = new ArrayList<>();
        List<Custom> customs = new ArrayList<>();
        int modules = 0;
        int components = 0;
        for (Section s : component.sections()) {
            if (s instanceof Section.Imports is) {
                for (Import i : is.imports()) {
                    imports.add(new Item(kind(i.type()), i.name().name()));
                    if (i.type() instanceof ExternType.CoreModule) {
                        modules++;
                    } else if (i.type() instanceof ExternType.Component) {
                        components++;
                    }
                }
            } else if (s instanceof Section.Exports es) {
                for (Export e : es.exports()) {
                    exports.add(new Item(kind(e.item().sort()), e.name().name()));
                    // an export adds an index to its sort's index space, as an alias would
                    if (e.item().sort() == Sort.CORE_MODULE) {
                        modules++;
                    } else if (e.item().sort() == Sort.COMPONENT) {
                        components++;
                    }
                }
            } else if (s instanceof Section.Aliases as) {
                for (Alias a : as.aliases()) {
                    if (a.sort() == Sort.CORE_MODULE) {
                        modules++;
                    } else if (a.sort() == Sort.COMPONENT) {
                        components++;
                    }
                }
            } else if (s instanceof Section.CoreModule m) {
                moduleIndices.add(modules++);
                moduleSizes.add(m.module().size());
            } else if (s instanceof Section.NestedComponent n) {
                nestedIndices.add(components++);
                nested.add(n.component());
            } else if (s instanceof Section.Custom c) {
                customs.add(new Custom(c.name(), c.data().size()));
            }
        }
        Names names = Names.of(component);
        List<Module> coreModules = new ArrayList<>();
        for (int k = 0; k < moduleIndices.size(); k++) {
            int index = moduleIndices.get(k);
            coreModules.add(new Module(index, names.name(Sort.CORE_MODULE, index), moduleSizes.get(k)));
        }
        List<Nested> nestedOut = new ArrayList<>();
        for (int k = 0; k < nested.size(); k++) {
            Component c = nested.get(k);
            int index = nestedIndices.get(k);
            ComponentSummary summary = of(c);
            Optional<String> name = names.name(Sort.COMPONENT, index).or(summary::name);
            nestedOut.add(new Nested(index, name, ComponentEncoder.encode(c).length, summary));
        }
        return new ComponentSummary(names.own(), imports, exports, coreModules, nestedOut, customs);
    }

    private static String kind(ExternType type) {
        if (type instanceof ExternType.CoreModule) {
            return "core module";
        } else if (type instanceof ExternType.Func) {
            return "func";
        } else if (type instanceof ExternType.Value) {
            return "value";
        } else if (type instanceof ExternType.Type) {
            return "type";
        } else if (type instanceof ExternType.Component) {
            return "component";
        }
        return "instance";
    }

    private static String kind(Sort sort) {
        return sort.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The names of a {@code component-name} section, if the component has a well-formed one. */
    private record Names(Optional<String> own, Map<Sort, Map<Integer, String>> bySort) {
        static Names of(Component component) {
            for (Section.Custom c : component.customSections(ComponentNames.SECTION_NAME)) {
                Optional<ComponentNames> parsed = c.componentNames();
                if (parsed.isPresent()) {
                    Map<Sort, Map<Integer, String>> bySort = new HashMap<>();
                    for (ComponentNames.SortNames sn : parsed.get().sortNames()) {
                        Map<Integer, String> m = bySort.computeIfAbsent(sn.sort(), k -> new HashMap<>());
                        sn.names().forEach(n -> m.put(n.index(), n.name()));
                    }
                    return new Names(parsed.get().componentName(), bySort);
                }
            }
            return new Names(Optional.empty(), Map.of());
        }

        Optional<String> name(Sort sort, int index) {
            return Optional.ofNullable(bySort.getOrDefault(sort, Map.of()).get(index));
        }
    }

    // ------------------------------------------------------------------ text

    /** The summary as an indented tree under the heading {@code title}. */
    String tree(String title) {
        StringBuilder out = new StringBuilder(title).append('\n');
        render(children(), "", out);
        return out.toString();
    }

    /** A line of the tree and the lines under it. */
    private record Node(String label, List<Node> children) {
        static Node leaf(String label) {
            return new Node(label, List.of());
        }
    }

    private List<Node> children() {
        List<Node> out = new ArrayList<>();
        out.add(new Node("imports (" + imports.size() + ")", items(imports)));
        out.add(new Node("exports (" + exports.size() + ")", items(exports)));
        List<Node> modules = new ArrayList<>();
        for (Module m : coreModules) {
            modules.add(Node.leaf("module " + m.index() + quoted(m.name()) + ": " + bytes(m.size())));
        }
        out.add(new Node("core modules (" + coreModules.size() + ")", modules));
        List<Node> nested = new ArrayList<>();
        for (Nested n : components) {
            nested.add(new Node("component " + n.index() + quoted(n.name()) + ": " + bytes(n.size()),
                    n.summary().children()));
        }
        out.add(new Node("components (" + components.size() + ")", nested));
        List<Node> customs = new ArrayList<>();
        for (Custom c : customSections) {
            customs.add(Node.leaf(c.name() + ": " + bytes(c.size())));
        }
        out.add(new Node("custom sections (" + customSections.size() + ")", customs));
        return out;
    }

    private static List<Node> items(List<Item> items) {
        return items.stream().map(i -> Node.leaf(i.kind() + " " + i.name())).toList();
    }

    private static String quoted(Optional<String> name) {
        return name.map(n -> " \"" + n + "\"").orElse("");
    }

    private static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static void render(List<Node> nodes, String indent, StringBuilder out) {
        for (int i = 0; i < nodes.size(); i++) {
            boolean last = i == nodes.size() - 1;
            Node n = nodes.get(i);
            out.append(indent).append(last ? "└─ " : "├─ ").append(n.label()).append('\n');
            render(n.children(), indent + (last ? "   " : "│  "), out);
        }
    }

    // ------------------------------------------------------------------ JSON

    /** The summary as a JSON object, with {@code file} and {@code size} in front. */
    String json(String file, int size) {
        return object("", List.of("\"file\": " + string(file), "\"size\": " + size,
                "\"name\": " + name.map(ComponentSummary::string).orElse("null"))) + "\n";
    }

    /** This summary as a JSON object at the given indentation, its members after {@code head} (which has the name). */
    private String object(String indent, List<String> head) {
        String in = indent + "  ";
        List<String> members = new ArrayList<>(head);
        members.add("\"imports\": " + array(in, imports, ComponentSummary::item));
        members.add("\"exports\": " + array(in, exports, ComponentSummary::item));
        members.add("\"core_modules\": " + array(in, coreModules, m -> "{\"index\": " + m.index() + ", \"name\": "
                + m.name().map(ComponentSummary::string).orElse("null") + ", \"size\": " + m.size() + "}"));
        members.add("\"components\": " + array(in, components, n -> n.summary().object(in + "  ", List.of(
                "\"index\": " + n.index(),
                "\"name\": " + n.name().map(ComponentSummary::string).orElse("null"),
                "\"size\": " + n.size()))));
        members.add("\"custom_sections\": " + array(in, customSections,
                c -> "{\"name\": " + string(c.name()) + ", \"size\": " + c.size() + "}"));
        return "{\n" + in + String.join(",\n" + in, members) + "\n" + indent + "}";
    }

    private static String item(Item i) {
        return "{\"kind\": " + string(i.kind()) + ", \"name\": " + string(i.name()) + "}";
    }

    private static <T> String array(String indent, List<T> items, Function<T, String> f) {
        if (items.isEmpty()) {
            return "[]";
        }
        String in = indent + "  ";
        return "[\n" + in + String.join(",\n" + in, items.stream().map(f).toList()) + "\n" + indent + "]";
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
