package dev.dovetail.cli;

import dev.dovetail.wit.Package;
import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.ResolvedWit;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks a world of resolved WIT, as wit-parser's {@code select_world} does for the {@code --world}
 * option of {@code wasm-tools}: no name means the only world of the main package; a plain name is
 * a world of the main package; {@code ns:pkg/world} or {@code ns:pkg/world@version} names a world
 * of any package of the resolve (the version may be left out when only one version is present).
 */
final class WorldSelection {
    private WorldSelection() {}

    /** The id of the selected world, or a {@link CliException} saying which worlds there are. */
    static int select(ResolvedWit wit, String world) {
        Resolve resolve = wit.resolve();
        if (world == null || world.isBlank()) {
            Package main = resolve.pkg(wit.mainPackage());
            if (main.worlds().size() == 1) {
                return main.worlds().values().iterator().next();
            }
            if (main.worlds().isEmpty()) {
                throw new CliException("package " + main.name() + " has no worlds");
            }
            throw new CliException("package " + main.name() + " has several worlds ("
                    + String.join(", ", main.worlds().keySet()) + "): pick one with --world");
        }
        String name = world.strip();
        int slash = name.indexOf('/');
        if (name.indexOf(':') < 0 || slash < 0) {
            if (name.indexOf(':') >= 0 || slash >= 0) {
                throw new CliException("invalid world name `" + name
                        + "`: expected WORLD or NAMESPACE:PACKAGE/WORLD[@VERSION]");
            }
            return inPackage(resolve, wit.mainPackage(), name);
        }
        String pkg = name.substring(0, slash);
        String rest = name.substring(slash + 1);
        String version = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            version = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int id = 0; id < resolve.packages().size(); id++) {
            PackageName p = resolve.pkg(id).name();
            if (p.withoutVersion().equals(pkg) && (version == null || version.equals(p.version()))) {
                candidates.add(id);
            }
        }
        if (candidates.isEmpty()) {
            String wanted = version == null ? pkg : pkg + "@" + version;
            throw new CliException("no package " + wanted + " for world `" + name + "`");
        }
        if (candidates.size() > 1) {
            List<String> versions = candidates.stream().map(id -> resolve.pkg(id).name().toString()).toList();
            throw new CliException("world `" + name + "` is ambiguous: packages " + String.join(", ", versions)
                    + "; add the version");
        }
        return inPackage(resolve, candidates.get(0), rest);
    }

    private static int inPackage(Resolve resolve, int packageId, String world) {
        Package p = resolve.pkg(packageId);
        Integer id = p.worlds().get(world);
        if (id == null) {
            String known = p.worlds().isEmpty() ? "it has no worlds" : "its worlds: " + String.join(", ", p.worlds().keySet());
            throw new CliException("no world `" + world + "` in package " + p.name() + " (" + known + ")");
        }
        return id;
    }
}
