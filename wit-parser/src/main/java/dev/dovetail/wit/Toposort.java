package dev.dovetail.wit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Topological sort of named nodes that keeps source order among independent nodes: of all nodes
 * whose dependencies are done, the earliest declared goes next (the order wit-parser produces).
 */
final class Toposort {
    private Toposort() {}

    /** A dependency on a name that is not a node. */
    static final class NotFound extends RuntimeException {
        final Ast.Id id;
        final WitException error;

        NotFound(Ast.Id id, WitException error) {
            super(error.getMessage(), null, false, false);
            this.id = id;
            this.error = error;
        }
    }

    static List<String> sort(String kind, LinkedHashMap<String, List<Ast.Id>> deps) {
        List<String> names = new ArrayList<>(deps.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] remaining = new int[names.size()];
        List<List<Integer>> reverse = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            reverse.add(new ArrayList<>());
        }
        for (int i = 0; i < names.size(); i++) {
            List<Ast.Id> edges = deps.get(names.get(i));
            remaining[i] = edges.size();
            for (Ast.Id edge : edges) {
                Integer j = index.get(edge.name());
                if (j == null) {
                    throw new NotFound(edge, edge.span().error(kind + " `" + edge.name() + "` does not exist"));
                }
                reverse.get(j).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < names.size(); i++) {
            if (remaining[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(names.get(node));
            for (int dependent : reverse.get(node)) {
                if (--remaining[dependent] == 0) {
                    ready.add(dependent);
                }
            }
            reverse.get(node).clear();
        }
        if (order.size() == names.size()) {
            return order;
        }
        for (int i = 0; i < names.size(); i++) {
            if (remaining[i] == 0) {
                continue;
            }
            for (Ast.Id dep : deps.get(names.get(i))) {
                if (remaining[index.get(dep.name())] != 0) {
                    throw dep.span().error(kind + " `" + dep.name() + "` depends on itself");
                }
            }
        }
        throw new IllegalStateException("cycle not found");
    }
}
