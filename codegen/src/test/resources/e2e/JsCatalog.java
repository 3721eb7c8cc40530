package e2e.js;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The host's side of {@code dovetail:js-kinds/catalog}: an in-memory catalog, implemented once
 * against the generated interface and called by the JavaScript guest (kinds.js). The tests call
 * it through the generated glue and, converted, through {@code Val} host functions.
 */
public final class JsCatalog implements Catalog {
    private final List<Item> items = new ArrayList<>(List.of(
            new Item(1, "anvil", List.of("heavy", "iron"), Optional.of(99.5)),
            new Item(2, "bolt", List.of("iron"), Optional.of(0.25)),
            new Item(3, "cloud", List.of(), Optional.empty()),
            new Item(4, "étoile ✨", List.of("shiny", "heavy"), Optional.of(-0.0))));

    @Override
    public Result<List<Item>, Failure> search(Query q, Order order, Optional<Long> limit) {
        if (limit.isPresent() && limit.get() == 0) {
            return Result.err(new Failure.Unavailable());
        }
        List<Item> found = new ArrayList<>();
        for (Item item : items) {
            boolean match;
            if (q instanceof Query.ById id) {
                match = item.id() == id.value();
            } else if (q instanceof Query.ByName name) {
                match = item.name().contains(name.value());
            } else if (q instanceof Query.ByTags tags) {
                if (tags.value().isEmpty()) {
                    return Result.err(new Failure.Invalid(new Tuple2<>("no tags", 0L)));
                }
                match = item.tags().containsAll(tags.value());
            } else {
                match = true;
            }
            if (match) {
                found.add(item);
            }
        }
        if (found.isEmpty() && q instanceof Query.ById id) {
            return Result.err(new Failure.NotFound("no item " + id.value()));
        }
        found.sort(order == Order.BY_ID ? Comparator.comparingLong(Item::id) : Comparator.comparing(Item::name));
        if (limit.isPresent() && found.size() > limit.get()) {
            found = found.subList(0, limit.get().intValue());
        }
        return Result.ok(found);
    }

    @Override
    public Result<Long, String> upsert(List<Item> changed) {
        for (Item item : changed) {
            if (item.name().isEmpty()) {
                return Result.err("item " + item.id() + " has no name");
            }
        }
        for (Item item : changed) {
            items.removeIf(old -> old.id() == item.id());
            items.add(item);
        }
        return Result.ok((long) items.size());
    }

    @Override
    public Optional<String> note(String message, byte[] payload) {
        if (message.isEmpty()) {
            return Optional.empty();
        }
        boolean same = new String(payload, StandardCharsets.UTF_8).equals(message);
        return Optional.of("noted " + payload.length + " bytes" + (same ? "" : " (payload differs)") + ": " + message);
    }

    @Override
    public List<Optional<Tuple2<Long, Long>>> stock(List<Long> ids) {
        List<Optional<Tuple2<Long, Long>>> out = new ArrayList<>();
        for (long id : ids) {
            boolean known = items.stream().anyMatch(i -> i.id() == id);
            out.add(known ? Optional.of(new Tuple2<>(id, id * 1_000_000_007L - 25)) : Optional.empty());
        }
        return out;
    }
}
