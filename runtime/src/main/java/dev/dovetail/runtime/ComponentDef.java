package dev.dovetail.runtime;

import dev.dovetail.component.Component;

/**
 * A component definition as a value of the component index space: the binary's model and the
 * scope of the instance that defined it, which its outer aliases read (null at top level).
 */
record ComponentDef(Component component, Scope outer, Loader loader) {}
