package dev.dovetail.runtime;

/**
 * {@code LiftLowerContext} of CanonicalABI.md: the options, the component instance and the
 * borrow scope ({@link Task} when lowering into a callee, {@link Subtask} when lifting a
 * caller's arguments) of one lift or lower. {@code function} names the function for traps.
 */
record LiftLowerContext(CanonOptions opts, InstanceState inst, Object borrowScope, String function) {}
