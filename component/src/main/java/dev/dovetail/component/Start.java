package dev.dovetail.component;

import java.util.List;

/** {@code start}: {@code f arg* r}, call {@code func} with value arguments, producing {@code results} values. */
public record Start(int func, List<Integer> args, int results) {
    public Start {
        args = List.copyOf(args);
    }
}
