package dev.dovetail.runtime.core;

import com.dylibso.chicory.runtime.TagInstance;

/** A core exception tag; identity is what a {@code catch} matches. */
public final class CoreTag implements CoreExtern {
    final TagInstance tag;

    CoreTag(TagInstance tag) {
        this.tag = tag;
    }

    @Override
    public String kind() {
        return "tag";
    }
}
