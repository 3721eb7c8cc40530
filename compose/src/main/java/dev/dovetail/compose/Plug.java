package dev.dovetail.compose;

import dev.dovetail.compose.CompositionGraph.InstanceId;
import dev.dovetail.compose.CompositionGraph.PackageId;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * {@code wac plug}: satisfies the imports of a socket component with the exports of plug
 * components of the same name, and writes the result as one component.
 *
 * <p>Each socket import named like an export of a plug is connected to it (the first plug in
 * the list that exports it); a plug that is used is instantiated once, and its own imports are
 * satisfied the same way by the other plugs. Imports nothing satisfies become imports of the
 * composition (one per name), and the socket's exports are its exports. A plug that satisfies no
 * import is an error.
 */
public final class Plug {
    /** A component and the name messages use for it. */
    public record Named(String name, byte[] bytes) {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private Plug() {}

    /** Plugs {@code plugs} into {@code socket}; they are named {@code socket}, {@code plug1}, {@code plug2}... */
    public static byte[] plug(byte[] socket, List<byte[]> plugs) {
        List<Named> named = new ArrayList<>();
        for (int i = 0; i < plugs.size(); i++) {
            named.add(new Named("plug" + (i + 1), plugs.get(i)));
        }
        return plug(new Named("socket", socket), named);
    }

    /**
     * Plugs {@code plugs} into {@code socket}.
     *
     * @throws CompositionException if a component is invalid, a plug satisfies nothing, or a
     *     connection does not type-check
     */
    public static byte[] plug(Named socket, List<Named> plugs) {
        Objects.requireNonNull(socket, "socket");
        if (plugs.isEmpty()) {
            throw new CompositionException("no plugs given for socket `" + socket.name() + "`");
        }
        CompositionGraph g = CompositionGraph.create();
        InstanceId socketInstance = g.instantiate(register(g, socket, 0), socket.name());
        List<PackageId> plugPackages = new ArrayList<>();
        for (int i = 0; i < plugs.size(); i++) {
            plugPackages.add(register(g, plugs.get(i), i + 1));
        }
        InstanceId[] plugInstances = new InstanceId[plugs.size()];
        // breadth first from the socket: each newly used plug has its imports looked up in turn
        Deque<Consumer> work = new ArrayDeque<>();
        work.add(new Consumer(socketInstance, -1));
        List<Consumer> all = new ArrayList<>();
        while (!work.isEmpty()) {
            Consumer c = work.removeFirst();
            all.add(c);
            for (String name : g.unsatisfiedImports(c.instance())) {
                for (int p = 0; p < plugs.size(); p++) {
                    if (p == c.plug() || !g.exportNames(plugPackages.get(p)).contains(name)) {
                        continue;
                    }
                    if (plugInstances[p] == null) {
                        plugInstances[p] = g.instantiate(plugPackages.get(p), plugs.get(p).name());
                        work.addLast(new Consumer(plugInstances[p], p));
                    }
                    g.connect(c.instance(), name, new Source.InstanceExport(plugInstances[p], name));
                    break;
                }
            }
        }
        for (int p = 0; p < plugs.size(); p++) {
            if (plugInstances[p] == null) {
                throw new CompositionException("plug `" + plugs.get(p).name() + "` satisfies no import of socket `"
                        + socket.name() + "`" + (plugs.size() > 1 ? " or of the other plugs" : "")
                        + "; its exports are: " + String.join(", ", g.exportNames(plugPackages.get(p))));
            }
        }
        for (Consumer c : all) {
            g.importRemaining(c.instance());
        }
        for (String name : g.exportNames(g.packageOf(socketInstance))) {
            g.export(new Source.InstanceExport(socketInstance, name), name);
        }
        return g.encode();
    }

    private record Consumer(InstanceId instance, int plug) {}

    private static PackageId register(CompositionGraph g, Named c, int n) {
        try {
            return g.addPackage("plug:component" + n, c.bytes());
        } catch (CompositionException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.reason();
            throw new CompositionException("`" + c.name() + "` is not a valid component: " + why, e);
        }
    }
}
