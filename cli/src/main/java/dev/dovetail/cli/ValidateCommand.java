package dev.dovetail.cli;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.component.ComponentValidator;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dovetail validate}: decodes and validates a component binary. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        header = "Check that a component binary is well-formed and valid.",
        description = {
            "Decode FILE as a component (Binary.md) and validate it (Explainer.md: index spaces, "
                    + "type checking, canonical definitions, names, ...). Core function bodies are not validated.",
            "Prints one line and exits with 0 when the component is valid. Otherwise exits with 1 and "
                    + "prints why: for a malformed binary the byte offset, the section and the reason; for "
                    + "an invalid component where (section / item / ...) and which rule."
        })
final class ValidateCommand extends DovetailCommand {
    @Parameters(paramLabel = "FILE", description = "A component binary (.wasm).")
    Path file;

    @Override
    protected int run() {
        byte[] bytes = WasmFiles.read(file);
        Component component = WasmFiles.decode(file, bytes);
        try {
            ComponentValidator.validate(component);
        } catch (ComponentValidationException e) {
            throw new CliException(file + ": invalid component: " + e.getMessage());
        }
        emit(file + ": valid component (" + bytes.length + " bytes)");
        return Dovetail.OK;
    }
}
