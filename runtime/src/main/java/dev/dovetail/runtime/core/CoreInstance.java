package dev.dovetail.runtime.core;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.Export;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An instance of a core module. */
public final class CoreInstance {
    private final CoreModule module;
    private final Instance instance;
    private final Map<String, CoreExtern> cache = new HashMap<>();

    CoreInstance(CoreModule module, Instance instance) {
        this.module = module;
        this.instance = instance;
    }

    /** The export with the given name, if any. */
    public synchronized Optional<CoreExtern> export(String name) {
        CoreExtern e = cache.get(name);
        if (e == null) {
            Export x = module.exports.get(name);
            if (x == null) {
                return Optional.empty();
            }
            e = switch (x.exportType()) {
                case FUNCTION -> CoreFunc.exported(instance, name);
                case TABLE -> new CoreTable(instance.table(x.index()));
                case MEMORY -> new CoreMemory(instance.memory(x.index()));
                case GLOBAL -> new CoreGlobal(instance.global(x.index()));
                case TAG -> new CoreTag(instance.tag(x.index()));
            };
            cache.put(name, e);
        }
        return Optional.of(e);
    }
}
