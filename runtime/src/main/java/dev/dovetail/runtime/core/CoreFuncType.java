package dev.dovetail.runtime.core;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A core function type: {@code (func (param ...) (result ...))}. */
public record CoreFuncType(List<CoreValType> params, List<CoreValType> results) {
    public CoreFuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    static CoreFuncType of(FunctionType t) {
        return new CoreFuncType(convert(t.params()), convert(t.returns()));
    }

    private static List<CoreValType> convert(List<ValType> ts) {
        List<CoreValType> out = new ArrayList<>(ts.size());
        for (ValType t : ts) {
            out.add(CoreValType.of(t));
        }
        return out;
    }

    FunctionType chicory() {
        return FunctionType.of(
                params.stream().map(CoreValType::chicory).toList(),
                results.stream().map(CoreValType::chicory).toList());
    }

    @Override
    public String toString() {
        return "(func (param" + params.stream().map(t -> " " + t.text()).collect(Collectors.joining())
                + ") (result" + results.stream().map(t -> " " + t.text()).collect(Collectors.joining()) + "))";
    }
}
