package dev.dovetail.wit;

/** What a world imports or exports: an interface, a function or a type. */
public sealed interface WorldItem permits WorldItem.InterfaceItem, WorldItem.FunctionItem, WorldItem.TypeItem {

    record InterfaceItem(int interfaceId, Stability stability) implements WorldItem {}

    record FunctionItem(Function function) implements WorldItem {}

    record TypeItem(int typeId) implements WorldItem {}
}
