/**
 * The {@code dovetail} command line.
 *
 * <p>{@link dev.dovetail.cli.Dovetail} is the top command and the jar's main class. To add a
 * subcommand (validate, inspect, embed, run, wast, bindgen, new, compose, plug):
 *
 * <ol>
 *   <li>write a package-private class extending {@link dev.dovetail.cli.DovetailCommand},
 *       annotated {@code @Command(name = "...", mixinStandardHelpOptions = true, description = ...)};
 *   <li>reuse option groups as {@code @Mixin}s ({@link dev.dovetail.cli.WitOptions} for WIT input);
 *   <li>in {@code run()}, call one library entry point and {@code emit} its result; throw on bad
 *       input (the library's exception, or {@link dev.dovetail.cli.CliException}) and let
 *       {@code ErrorHandler} print it;
 *   <li>list the class in {@code Dovetail}'s {@code subcommands}, and teach {@code ErrorHandler}
 *       any new library exception type that means "bad input".
 * </ol>
 */
package dev.dovetail.cli;
