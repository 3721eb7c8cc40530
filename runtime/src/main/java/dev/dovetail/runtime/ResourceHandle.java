package dev.dovetail.runtime;

/** {@code ResourceHandle} of CanonicalABI.md "Resource State". */
final class ResourceHandle {
    final ResourceType rt;
    final int rep;
    final boolean own;
    final Task borrowScope;
    int numLends;

    ResourceHandle(ResourceType rt, int rep, boolean own, Task borrowScope) {
        this.rt = rt;
        this.rep = rep;
        this.own = own;
        this.borrowScope = borrowScope;
    }
}
