package dev.dovetail.compose;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.DecodedWit;
import dev.dovetail.component.Export;
import dev.dovetail.component.Sort;
import dev.dovetail.component.WitExtractionException;
import dev.dovetail.component.WitExtractor;
import dev.dovetail.wit.Package;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the WAC resolver needs to know of a package beyond the graph API: the names and sorts of a
 * component's exports (for {@code x.name} and spreads), or the interfaces and worlds of an encoded
 * WIT package (for {@code import x: ns:pkg/iface;}).
 */
record PackageInfo(Map<String, Sort> exports, Optional<WitItems> wit) {

    /** The items of an encoded WIT package (WIT.md "Package Format"). */
    record WitItems(String packageName, Optional<String> version, List<String> interfaces, List<String> worlds) {
        WitItems {
            interfaces = List.copyOf(interfaces);
            worlds = List.copyOf(worlds);
        }

        /** {@code ns:pkg/iface@version}, the name an instance of the interface is imported under. */
        String interfaceId(String iface) {
            return packageName + "/" + iface + version.map(v -> "@" + v).orElse("");
        }
    }

    PackageInfo {
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    /** Reads the exports of a component; {@code bytes} were accepted by the graph already. */
    static PackageInfo read(byte[] bytes) {
        Component component = ComponentDecoder.decode(bytes);
        Map<String, Sort> exports = new LinkedHashMap<>();
        boolean onlyTypes = component.imports().isEmpty() && !component.exports().isEmpty();
        for (Export e : component.exports()) {
            exports.put(e.name().name(), e.item().sort());
            onlyTypes &= e.item().sort() == Sort.TYPE;
        }
        return new PackageInfo(exports, onlyTypes ? witItems(component) : Optional.empty());
    }

    /** A component that imports nothing and exports only types may be an encoded WIT package. */
    private static Optional<WitItems> witItems(Component component) {
        DecodedWit decoded;
        try {
            decoded = WitExtractor.extract(component);
        } catch (WitExtractionException e) {
            return Optional.empty();
        }
        if (!(decoded instanceof DecodedWit.WitPackage wit)) {
            return Optional.empty();
        }
        Package pkg = wit.resolve().pkg(wit.packageId());
        return Optional.of(new WitItems(pkg.name().withoutVersion(), Optional.ofNullable(pkg.name().version()),
                new ArrayList<>(pkg.interfaces().keySet()), new ArrayList<>(pkg.worlds().keySet())));
    }
}
