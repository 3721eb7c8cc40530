package dev.dovetail.component;

import dev.dovetail.component.TextAst.AliasDecl;
import dev.dovetail.component.TextAst.AliasDefinition;
import dev.dovetail.component.TextAst.AliasTarget;
import dev.dovetail.component.TextAst.Bound;
import dev.dovetail.component.TextAst.Case;
import dev.dovetail.component.TextAst.ComponentAst;
import dev.dovetail.component.TextAst.Decl;
import dev.dovetail.component.TextAst.DefType;
import dev.dovetail.component.TextAst.Defined;
import dev.dovetail.component.TextAst.Definition;
import dev.dovetail.component.TextAst.Idx;
import dev.dovetail.component.TextAst.ItemRef;
import dev.dovetail.component.TextAst.Labeled;
import dev.dovetail.component.TextAst.Pos;
import dev.dovetail.component.TextAst.Sig;
import dev.dovetail.component.TextAst.TypeUse;
import dev.dovetail.component.TextAst.Val;
import dev.dovetail.component.TextLexer.Kind;
import dev.dovetail.component.TextLexer.Token;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for the type-definition subset of Explainer.md's component text
 * format, producing a {@link TextAst.ComponentAst}. Every other kind of definition is rejected
 * with a {@link ComponentTextException} saying that only type definitions are supported.
 */
final class TextParser {
    private static final Set<String> DEFVALTYPES = Set.of("record", "variant", "list", "tuple", "flags", "enum",
            "option", "result", "own", "borrow", "stream", "future", "map");

    private final List<Token> toks;
    private final String file;
    private int i;

    private TextParser(List<Token> toks, String file) {
        this.toks = toks;
        this.file = file;
    }

    /** Parses {@code (component ...)}, the whole of {@code text}. */
    static ComponentAst parse(String text, String file) {
        TextParser p = new TextParser(TextLexer.tokens(text, file), file);
        ComponentAst c = p.component();
        Token t = p.peek();
        if (t.kind() != Kind.EOF) {
            throw p.error(t, "unexpected " + t.describe() + " after the component");
        }
        return c;
    }

    /** Strict UTF-8 decoding, or {@code null} if {@code bytes} are not well-formed UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return toks.get(i);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(i + ahead, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(i);
        if (t.kind() != Kind.EOF) {
            i++;
        }
        return t;
    }

    private ComponentTextException error(Token t, String reason) {
        return new ComponentTextException(file, t.line(), t.col(), reason);
    }

    private ComponentTextException expected(String what) {
        Token t = peek();
        return error(t, "expected " + what + ", found " + t.describe());
    }

    private ComponentTextException unsupported(Token t, String what) {
        return error(t, "the component text reader supports type definitions only: " + what + " not supported");
    }

    private static Pos pos(Token t) {
        return new Pos(t.line(), t.col());
    }

    private boolean isKeyword(Token t, String kw) {
        return t.kind() == Kind.KEYWORD && t.text().equals(kw);
    }

    /** {@code (kw}: the next two tokens. */
    private boolean atParen(String kw) {
        return peek().kind() == Kind.LPAREN && isKeyword(peek(1), kw);
    }

    private Token lparen() {
        if (peek().kind() != Kind.LPAREN) {
            throw expected("`(`");
        }
        return next();
    }

    /** True before another item of a list, false at its closing parenthesis. */
    private boolean more() {
        if (peek().kind() == Kind.EOF) {
            throw expected("`)`");
        }
        return peek().kind() != Kind.RPAREN;
    }

    private void rparen() {
        if (peek().kind() != Kind.RPAREN) {
            throw expected("`)`");
        }
        next();
    }

    private Token keyword(String kw) {
        if (!isKeyword(peek(), kw)) {
            throw expected("`" + kw + "`");
        }
        return next();
    }

    private String optId() {
        return peek().kind() == Kind.ID ? next().text() : null;
    }

    /** {@code (@name "...")}, or null. */
    private String optName() {
        if (peek().kind() != Kind.ANNOTATION || !peek().text().equals("name")) {
            return null;
        }
        next();
        String name = string("a name");
        rparen();
        return name;
    }

    // idx ::= <u32> | <core:id>
    private Idx idx() {
        Token t = peek();
        if (t.kind() == Kind.ID) {
            next();
            return new Idx(pos(t), t.text(), 0);
        }
        if (t.kind() == Kind.INTEGER) {
            return new Idx(pos(t), null, u32());
        }
        throw expected("an index or an identifier");
    }

    private int u32() {
        Token t = peek();
        if (t.kind() != Kind.INTEGER) {
            throw expected("an integer");
        }
        if (t.value() < 0) {
            throw error(t, "integer `" + t.text() + "` is out of range for u32");
        }
        next();
        return (int) t.value();
    }

    // name ::= string, well-formed UTF-8
    private String string(String what) {
        Token t = peek();
        if (t.kind() != Kind.STRING) {
            throw expected(what);
        }
        next();
        String s = utf8(t.bytes());
        if (s == null) {
            throw error(t, "malformed UTF-8 encoding in " + what);
        }
        return s;
    }

    // ------------------------------------------------------------------ components

    // component ::= (component <id>? <definition>*)
    private ComponentAst component() {
        Token open = lparen();
        Token kw = peek();
        if (isKeyword(kw, "module")) {
            throw unsupported(kw, "core modules are");
        }
        if (!isKeyword(kw, "component")) {
            throw expected("`component`");
        }
        next();
        String id = optId();
        String name = optName();
        if (isKeyword(peek(), "binary") || isKeyword(peek(), "quote")) {
            throw unsupported(peek(), "`binary` and `quote` components are");
        }
        List<Definition> defs = new ArrayList<>();
        while (more()) {
            defs.add(definition());
        }
        next();
        return new ComponentAst(pos(open), id, name, defs);
    }

    // definition ::= <component> | <alias> | <type> | <import> | <export> | ... (the supported ones)
    private Definition definition() {
        if (peek().kind() == Kind.ANNOTATION) {
            return annotation();
        }
        Token open = lparen();
        Token kw = peek();
        if (kw.kind() != Kind.KEYWORD) {
            throw expected("a definition");
        }
        return switch (kw.text()) {
            case "type" -> typeDefinition(open);
            case "import" -> importDefinition(open);
            case "export" -> exportDefinition(open);
            case "alias" -> aliasDefinition(open);
            case "component" -> nestedComponent(open);
            case "func" -> funcDefinition(open);
            case "instance" -> instanceDefinition(open);
            case "core" -> throw unsupported(kw, "core definitions (`core module`, `core instance`, `core type`, "
                    + "`core func`) are");
            case "canon" -> throw unsupported(kw, "canonical definitions (`canon`) are");
            case "start" -> throw unsupported(kw, "`start` definitions are");
            case "value" -> throw unsupported(kw, "`value` definitions are");
            case "module" -> throw unsupported(kw, "core modules are");
            default -> throw error(kw, "unexpected `" + kw.text() + "`, expected a definition (`type`, `import`, "
                    + "`export`, `alias` or `component`)");
        };
    }

    /** {@code (@custom "name" "data"*)} and {@code (@producers (field "name" "version")*)}. */
    private Definition annotation() {
        Token t = next();
        switch (t.text()) {
            case "custom" -> {
                String name = string("a custom section name");
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                while (more()) {
                    if (peek().kind() != Kind.STRING) {
                        throw expected("a string");
                    }
                    data.writeBytes(next().bytes());
                }
                next();
                return new TextAst.CustomDefinition(new Section.Custom(name, Bytes.of(data.toByteArray())));
            }
            case "producers" -> {
                // fields in the order language, sdk, processed-by, as the reference parser writes them
                List<String> order = List.of("language", "sdk", "processed-by");
                List<List<Producers.VersionedName>> values = List.of(new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>());
                while (more()) {
                    lparen();
                    Token field = peek();
                    int k = field.kind() == Kind.KEYWORD ? order.indexOf(field.text()) : -1;
                    if (k < 0) {
                        throw expected("`language`, `sdk` or `processed-by`");
                    }
                    next();
                    String name = string("a producer name");
                    values.get(k).add(new Producers.VersionedName(name, string("a producer version")));
                    rparen();
                }
                next();
                List<Producers.Field> fields = new ArrayList<>();
                for (int k = 0; k < order.size(); k++) {
                    if (!values.get(k).isEmpty()) {
                        fields.add(new Producers.Field(order.get(k), values.get(k)));
                    }
                }
                return new TextAst.CustomDefinition(new Producers(fields).toCustomSection());
            }
            default -> throw error(t, "unexpected " + t.describe() + ", expected a definition");
        }
    }

    // type ::= (type <id>? (export <name>)* <deftype>)
    private Definition typeDefinition(Token open) {
        next();
        String id = optId();
        String name = optName();
        List<String> exports = inlineExports();
        DefType type = defType();
        rparen();
        return new TextAst.TypeDefinition(pos(open), id, name, exports, type);
    }

    /** Inline export abbreviations {@code (export "name")}. */
    private List<String> inlineExports() {
        List<String> out = new ArrayList<>();
        while (atParen("export") && peek(2).kind() == Kind.STRING && peek(3).kind() == Kind.RPAREN) {
            next();
            next();
            out.add(string("an export name"));
            next();
        }
        return out;
    }

    /** Inline import abbreviation {@code (import "name")}, or null. */
    private String inlineImport() {
        if (!atParen("import") || peek(2).kind() != Kind.STRING || peek(3).kind() != Kind.RPAREN) {
            return null;
        }
        next();
        next();
        String name = string("an import name");
        rparen();
        return name;
    }

    // import ::= (import <externnamelit> <attribute>* bind-id(<externtype>))
    private Definition importDefinition(Token open) {
        next();
        ExternName name = externName();
        SigWithId sig = externType(true);
        rparen();
        return new TextAst.ImportDefinition(pos(open), name, sig.id(), sig.name(), sig.sig(), List.of());
    }

    // export ::= (export <id>? <externnamelit> <attribute>* <externidx> <externtype>?)
    private Definition exportDefinition(Token open) {
        next();
        String id = optId();
        String debugName = optName();
        ExternName name = externName();
        lparen();
        Sort sort = sort(true);
        ItemRef item = itemRefRest();
        rparen();
        Optional<Sig> ascribed = Optional.empty();
        if (peek().kind() == Kind.LPAREN) {
            ascribed = Optional.of(externType(false).sig());
        }
        rparen();
        return new TextAst.ExportDefinition(pos(open), id, debugName, name, sort, item, ascribed);
    }

    // alias ::= (alias export <idx> <name> (<sort> <id>?)) | (alias outer <idx> <idx> (<outeraliassort> <id>?))
    private Definition aliasDefinition(Token open) {
        AliasDecl a = aliasBody(open);
        return new AliasDefinition(a.pos(), a.id(), a.name(), a.sort(), a.target(), List.of());
    }

    private AliasDecl aliasBody(Token open) {
        next();
        Token kind = peek();
        AliasTarget target;
        if (isKeyword(kind, "export")) {
            next();
            Idx instance = idx();
            target = new TextAst.ExportOf(instance, string("an export name"));
        } else if (isKeyword(kind, "outer")) {
            next();
            Idx outer = idx();
            target = new TextAst.OuterOf(outer, idx());
        } else if (isKeyword(kind, "core")) {
            throw unsupported(kind, "core export aliases are");
        } else {
            throw expected("`export` or `outer`");
        }
        lparen();
        Token sortTok = peek();
        Sort sort = sort(false);
        if (target instanceof TextAst.OuterOf && !sort.isOuterAliasSort()) {
            throw error(sortTok, "an outer alias can only refer to a type, a component, a core module or a core type");
        }
        String id = optId();
        String name = optName();
        rparen();
        rparen();
        return new AliasDecl(pos(open), id, name, sort, target);
    }

    /** {@code sort}: the component sorts this reader supports. */
    private Sort sort(boolean forExport) {
        Token t = peek();
        if (t.kind() == Kind.KEYWORD) {
            switch (t.text()) {
                case "func" -> {
                    next();
                    return Sort.FUNC;
                }
                case "type" -> {
                    next();
                    return Sort.TYPE;
                }
                case "instance" -> {
                    next();
                    return Sort.INSTANCE;
                }
                case "component" -> {
                    next();
                    return Sort.COMPONENT;
                }
                case "value" -> throw unsupported(t, "values are");
                case "core" -> throw unsupported(t, forExport ? "core modules are" : "core sorts are");
                default -> {
                    // reported below
                }
            }
        }
        throw expected("a sort (`func`, `type`, `instance` or `component`)");
    }

    /** After {@code (sort}: {@code <idx> <name>*} up to (not including) the closing parenthesis. */
    private ItemRef itemRefRest() {
        Idx idx = idx();
        List<String> names = new ArrayList<>();
        while (peek().kind() == Kind.STRING) {
            names.add(string("an export name"));
        }
        return new ItemRef(idx, names);
    }

    // (component <id>? (export <name>)* (import <name>) <typeuse>) | (component <id>? <definition>*)
    private Definition nestedComponent(Token open) {
        next();
        String id = optId();
        String name = optName();
        List<String> exports = inlineExports();
        String imported = inlineImport();
        if (imported != null) {
            TypeUse use = componentUse();
            rparen();
            return new TextAst.ImportDefinition(pos(open), ExternName.of(imported), id, name,
                    new TextAst.ComponentSig(use), exports);
        }
        if (isKeyword(peek(), "binary") || isKeyword(peek(), "quote")) {
            throw unsupported(peek(), "`binary` and `quote` components are");
        }
        List<Definition> defs = new ArrayList<>();
        while (more()) {
            defs.add(definition());
        }
        next();
        return new TextAst.NestedDefinition(pos(open), exports, new ComponentAst(pos(open), id, name, defs));
    }

    // (func <id>? (export <name>)* (import <name>) <typeuse>) | (func <id>? (alias export <idx> <name>))
    private Definition funcDefinition(Token open) {
        Token kw = next();
        String id = optId();
        String name = optName();
        List<String> exports = inlineExports();
        String imported = inlineImport();
        if (imported != null) {
            TypeUse use = funcUse();
            rparen();
            return new TextAst.ImportDefinition(pos(open), ExternName.of(imported), id, name,
                    new TextAst.FuncSig(use), exports);
        }
        if (atParen("alias")) {
            next();
            next();
            if (isKeyword(peek(), "core")) {
                throw unsupported(peek(), "core export aliases are");
            }
            keyword("export");
            Idx instance = idx();
            String exportName = string("an export name");
            rparen();
            rparen();
            return new AliasDefinition(pos(open), id, name, Sort.FUNC, new TextAst.ExportOf(instance, exportName),
                    exports);
        }
        if (atParen("canon")) {
            throw unsupported(peek(1), "function definitions with code (`canon lift`) are");
        }
        throw unsupported(kw, "function definitions other than imports and export aliases are");
    }

    // (instance <id>? (export <name>)* (import <name>) <typeuse>)
    private Definition instanceDefinition(Token open) {
        Token kw = next();
        String id = optId();
        String name = optName();
        List<String> exports = inlineExports();
        String imported = inlineImport();
        if (imported != null) {
            TypeUse use = instanceUse();
            rparen();
            return new TextAst.ImportDefinition(pos(open), ExternName.of(imported), id, name,
                    new TextAst.InstanceSig(use), exports);
        }
        if (atParen("instantiate")) {
            throw unsupported(peek(1), "instance definitions with code (`instantiate`) are");
        }
        throw unsupported(kw, "instance definitions other than imports are");
    }

    // ------------------------------------------------------------------ names

    // <externnamelit> <attribute>*, attributes in the order implements, versionsuffix, external-id
    private ExternName externName() {
        String name = string("a name");
        List<ExternName.Attribute> attrs = new ArrayList<>();
        if (atParen("implements")) {
            next();
            next();
            attrs.add(new ExternName.Attribute.Implements(string("an interface name")));
            rparen();
        }
        if (atParen("versionsuffix")) {
            next();
            next();
            attrs.add(new ExternName.Attribute.VersionSuffix(string("a version suffix")));
            rparen();
        }
        if (atParen("external-id")) {
            next();
            next();
            attrs.add(new ExternName.Attribute.ExternalId(string("an external id")));
            rparen();
        }
        return attrs.isEmpty()
                ? ExternName.of(name)
                : new ExternName(ExternName.Form.ATTRIBUTED, name, attrs);
    }

    // ------------------------------------------------------------------ extern types

    /** An extern type with the identifier and {@code @name} it binds. */
    record SigWithId(Sig sig, String id, String name) {}

    // externtype ::= (<sort> (type <idx>)) | <functype> | <componenttype> | <instancetype> | (type <typebound>)
    private SigWithId externType(boolean bindId) {
        lparen();
        Token kw = peek();
        if (kw.kind() != Kind.KEYWORD) {
            throw expected("an extern type (`func`, `component`, `instance` or `type`)");
        }
        switch (kw.text()) {
            case "func", "component", "instance", "type" -> {
                next();
            }
            case "value" -> throw unsupported(kw, "values are");
            case "core" -> throw unsupported(kw, "core modules are");
            default -> throw expected("an extern type (`func`, `component`, `instance` or `type`)");
        }
        String id = null;
        if (peek().kind() == Kind.ID) {
            if (!bindId) {
                throw error(peek(), "an export's type ascription cannot bind an identifier");
            }
            id = next().text();
        }
        Token nameTok = peek();
        String name = optName();
        if (name != null && !bindId) {
            throw error(nameTok, "an export's type ascription cannot bind a name");
        }
        Sig sig = switch (kw.text()) {
            case "func" -> new TextAst.FuncSig(funcUse());
            case "component" -> new TextAst.ComponentSig(componentUse());
            case "instance" -> new TextAst.InstanceSig(instanceUse());
            default -> new TextAst.TypeSig(typeBound());
        };
        rparen();
        return new SigWithId(sig, id, name);
    }

    // typebound ::= (eq <typeidx>) | (sub resource)
    private Bound typeBound() {
        lparen();
        if (isKeyword(peek(), "eq")) {
            next();
            Idx idx = idx();
            rparen();
            return new TextAst.Eq(idx);
        }
        if (isKeyword(peek(), "sub")) {
            next();
            keyword("resource");
            rparen();
            return new TextAst.SubResource();
        }
        throw expected("`eq` or `sub`");
    }

    /** {@code (type <idx> <name>*)} as a whole, not a type declarator. */
    private boolean atTypeRef() {
        if (!atParen("type")) {
            return false;
        }
        Kind k2 = peek(2).kind();
        Kind k3 = peek(3).kind();
        return (k2 == Kind.ID || k2 == Kind.INTEGER) && (k3 == Kind.RPAREN || k3 == Kind.STRING);
    }

    private TypeUse typeRef() {
        next();
        next();
        ItemRef ref = itemRefRest();
        rparen();
        return new TextAst.UseRef(ref);
    }

    private TypeUse funcUse() {
        if (atParen("type")) {
            return typeRef();
        }
        return new TextAst.UseInline(funcBody());
    }

    private TypeUse componentUse() {
        if (atTypeRef()) {
            return typeRef();
        }
        return new TextAst.UseInline(new TextAst.ComponentT(decls(true)));
    }

    private TypeUse instanceUse() {
        if (atTypeRef()) {
            return typeRef();
        }
        return new TextAst.UseInline(new TextAst.InstanceT(decls(false)));
    }

    // ------------------------------------------------------------------ type definitions

    // deftype ::= <defvaltype> | <resourcetype> | <functype> | <componenttype> | <instancetype>
    private DefType defType() {
        Token t = peek();
        if (t.kind() == Kind.KEYWORD) {
            PrimitiveType p = primitive(t.text());
            if (p != null) {
                next();
                return new TextAst.PrimDef(p);
            }
        }
        if (t.kind() == Kind.LPAREN && peek(1).kind() == Kind.KEYWORD) {
            String kw = peek(1).text();
            switch (kw) {
                case "func" -> {
                    next();
                    next();
                    TextAst.FuncT f = funcBody();
                    rparen();
                    return f;
                }
                case "component" -> {
                    next();
                    next();
                    TextAst.ComponentT c = new TextAst.ComponentT(decls(true));
                    rparen();
                    return c;
                }
                case "instance" -> {
                    next();
                    next();
                    TextAst.InstanceT c = new TextAst.InstanceT(decls(false));
                    rparen();
                    return c;
                }
                case "resource" -> {
                    return resourceType();
                }
                default -> {
                    if (DEFVALTYPES.contains(kw)) {
                        return compound();
                    }
                }
            }
        }
        throw expected("a type definition");
    }

    // resourcetype ::= (resource (rep i32) (dtor <funcidx>)?) | (resource (rep i64) ...)
    private DefType resourceType() {
        next();
        next();
        lparen();
        keyword("rep");
        Token rep = peek();
        CoreType.NumType t;
        if (isKeyword(rep, "i32")) {
            t = CoreType.NumType.I32;
        } else if (isKeyword(rep, "i64")) {
            t = CoreType.NumType.I64;
        } else {
            throw expected("`i32` or `i64`");
        }
        next();
        rparen();
        if (atParen("dtor")) {
            throw unsupported(peek(1), "resource destructors (they name core functions) are");
        }
        rparen();
        return new TextAst.ResourceT(t);
    }

    // functype ::= (func async? (param <labellit> <valtype>)* (result <valtype>)?), after `(func`
    private TextAst.FuncT funcBody() {
        boolean async = false;
        if (isKeyword(peek(), "async")) {
            next();
            async = true;
        }
        List<Labeled> params = new ArrayList<>();
        while (atParen("param")) {
            next();
            next();
            String label = string("a parameter name");
            params.add(new Labeled(label, valType()));
            rparen();
        }
        Optional<Val> result = Optional.empty();
        if (atParen("result")) {
            next();
            next();
            result = Optional.of(valType());
            rparen();
        }
        return new TextAst.FuncT(async, params, result);
    }

    // componentdecl* / instancedecl*, up to (not including) the closing parenthesis
    private List<Decl> decls(boolean component) {
        List<Decl> out = new ArrayList<>();
        while (more()) {
            out.add(decl(component));
        }
        return out;
    }

    // componentdecl ::= <importdecl> | <instancedecl>
    // instancedecl ::= core-prefix(<core:type>) | <type> | <alias> | <exportdecl>
    private Decl decl(boolean component) {
        Token open = lparen();
        Token kw = peek();
        if (kw.kind() != Kind.KEYWORD) {
            throw expected("a declaration");
        }
        switch (kw.text()) {
            case "type" -> {
                next();
                String id = optId();
                optName(); // declarators have no entry in the component-name section
                if (atParen("export")) {
                    throw error(peek(), "inline exports are not allowed on type declarators");
                }
                DefType t = defType();
                rparen();
                return new TextAst.TypeDecl(pos(open), id, t);
            }
            case "alias" -> {
                return aliasBody(open);
            }
            case "import" -> {
                if (!component) {
                    throw error(kw, "instance types cannot contain imports");
                }
                next();
                ExternName name = externName();
                SigWithId sig = externType(true);
                rparen();
                return new TextAst.ImportDecl(pos(open), name, sig.id(), sig.sig());
            }
            case "export" -> {
                next();
                ExternName name = externName();
                SigWithId sig = externType(true);
                rparen();
                return new TextAst.ExportDecl(pos(open), name, sig.id(), sig.sig());
            }
            case "core" -> throw unsupported(kw, "core types are");
            default -> throw expected(component
                    ? "a declaration (`type`, `alias`, `import` or `export`)"
                    : "a declaration (`type`, `alias` or `export`)");
        }
    }

    // ------------------------------------------------------------------ value types

    // valtype ::= <typeidx> | <defvaltype>
    private Val valType() {
        Token t = peek();
        if (t.kind() == Kind.KEYWORD) {
            PrimitiveType p = primitive(t.text());
            if (p != null) {
                next();
                return new TextAst.Prim(p);
            }
        }
        if (t.kind() == Kind.ID || t.kind() == Kind.INTEGER) {
            return new TextAst.Ref(idx());
        }
        if (t.kind() == Kind.LPAREN && peek(1).kind() == Kind.KEYWORD && DEFVALTYPES.contains(peek(1).text())) {
            return new TextAst.Inline(compound());
        }
        throw expected("a value type");
    }

    private Optional<Val> optValType() {
        return peek().kind() == Kind.RPAREN ? Optional.empty() : Optional.of(valType());
    }

    /** The primitive {@code defvaltype} named {@code kw}, or null. */
    static PrimitiveType primitive(String kw) {
        return switch (kw) {
            case "bool" -> PrimitiveType.BOOL;
            case "s8" -> PrimitiveType.S8;
            case "u8" -> PrimitiveType.U8;
            case "s16" -> PrimitiveType.S16;
            case "u16" -> PrimitiveType.U16;
            case "s32" -> PrimitiveType.S32;
            case "u32" -> PrimitiveType.U32;
            case "s64" -> PrimitiveType.S64;
            case "u64" -> PrimitiveType.U64;
            case "f32", "float32" -> PrimitiveType.F32;
            case "f64", "float64" -> PrimitiveType.F64;
            case "char" -> PrimitiveType.CHAR;
            case "string" -> PrimitiveType.STRING;
            case "error-context" -> PrimitiveType.ERROR_CONTEXT;
            default -> null;
        };
    }

    /** A parenthesized {@code defvaltype}; the caller checked the keyword. */
    private Defined compound() {
        next();
        Token kw = next();
        Defined d = switch (kw.text()) {
            // (record (field <labellit> <valtype>)+)
            case "record" -> {
                List<Labeled> fields = new ArrayList<>();
                while (more()) {
                    lparen();
                    keyword("field");
                    String label = string("a field name");
                    fields.add(new Labeled(label, valType()));
                    rparen();
                }
                yield new TextAst.RecordT(fields);
            }
            // (variant (case <id>? <labellit> <valtype>?)+)
            case "variant" -> {
                List<Case> cases = new ArrayList<>();
                Set<String> ids = new HashSet<>();
                while (more()) {
                    lparen();
                    keyword("case");
                    Token idTok = peek();
                    String id = optId();
                    if (id != null && !ids.add(id)) {
                        throw error(idTok, "duplicate variant case identifier `$" + id + "`");
                    }
                    String label = string("a case name");
                    cases.add(new Case(label, optValType()));
                    rparen();
                }
                yield new TextAst.VariantT(cases);
            }
            // (list <valtype>) | (list <valtype> <u32>)
            case "list" -> {
                Val element = valType();
                Optional<Integer> length = peek().kind() == Kind.INTEGER ? Optional.of(u32()) : Optional.empty();
                yield new TextAst.ListT(element, length);
            }
            // (tuple <valtype>+)
            case "tuple" -> {
                List<Val> types = new ArrayList<>();
                while (more()) {
                    types.add(valType());
                }
                yield new TextAst.TupleT(types);
            }
            // (flags <labellit>+) | (enum <labellit>+)
            case "flags", "enum" -> {
                List<String> labels = new ArrayList<>();
                while (more()) {
                    labels.add(string("a label"));
                }
                yield kw.text().equals("flags") ? new TextAst.FlagsT(labels) : new TextAst.EnumT(labels);
            }
            // (option <valtype>)
            case "option" -> new TextAst.OptionT(valType());
            // (result <valtype>? (error <valtype>)?)
            case "result" -> {
                Optional<Val> ok = Optional.empty();
                if (peek().kind() != Kind.RPAREN && !atParen("error")) {
                    ok = Optional.of(valType());
                }
                Optional<Val> err = Optional.empty();
                if (atParen("error")) {
                    next();
                    next();
                    err = Optional.of(valType());
                    rparen();
                }
                yield new TextAst.ResultT(ok, err);
            }
            // (own <typeidx>) | (borrow <typeidx>)
            case "own" -> new TextAst.OwnT(idx());
            case "borrow" -> new TextAst.BorrowT(idx());
            // (stream <valtype>?) | (future <valtype>?)
            case "stream" -> new TextAst.StreamT(optValType());
            case "future" -> new TextAst.FutureT(optValType());
            // (map <keytype> <valtype>)
            case "map" -> {
                Val key = valType();
                yield new TextAst.MapT(key, valType());
            }
            default -> throw error(kw, "unexpected `" + kw.text() + "`, expected a value type");
        };
        rparen();
        return d;
    }
}
