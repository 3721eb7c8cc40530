package dev.dovetail.wit;

import dev.dovetail.wit.internal.WitLexer;
import dev.dovetail.wit.internal.WitParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Lexes and parses one WIT source with ANTLR and turns the parse tree into an {@link Ast}. */
final class AstBuilder {
    /** Deepest nesting of types and of package blocks, as wit-parser allows. */
    static final int MAX_DEPTH = 100;

    private final Source source;
    private CommonTokenStream tokens;

    private AstBuilder(Source source) {
        this.source = source;
    }

    static Ast.PackageFile parse(Source source) {
        return new AstBuilder(source).parseFile();
    }

    private Ast.PackageFile parseFile() {
        WitLexer lexer = new WitLexer(CharStreams.fromString(source.text(), source.path().toString()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new ThrowingListener());
        tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkNesting();
        WitParser parser = new WitParser(tokens);
        parser.removeErrorListeners();
        // Two-stage parse: fast SLL prediction first; only if that fails, full LL, which is exact
        // and reports the error.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        WitParser.FileContext file;
        try {
            file = parser.file();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(new ThrowingListener());
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            file = parser.file();
        }
        return file(file);
    }

    /** Rejects absurdly deep nesting before the recursive-descent parser could overflow the stack. */
    private void checkNesting() {
        int angle = 0;
        int brace = 0;
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case WitLexer.LT -> {
                    if (++angle > MAX_DEPTH) {
                        // the type that opens one level too many
                        Token prev = previousDefault(t);
                        throw span(prev != null ? prev : t).error("type nesting too deep");
                    }
                }
                case WitLexer.GT -> angle = Math.max(0, angle - 1);
                case WitLexer.LBRACE -> {
                    if (++brace > MAX_DEPTH + 2) {
                        throw span(t).error("nesting too deep");
                    }
                }
                case WitLexer.RBRACE -> brace = Math.max(0, brace - 1);
                case WitLexer.SEMI -> angle = 0;
                default -> {}
            }
        }
    }

    private Token previousDefault(Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) {
                return p;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ spans and errors

    private Span span(Token t) {
        if (t.getType() == Token.EOF) {
            int end = source.text().length();
            return new Span(source, end, end);
        }
        int start = source.charOffset(t.getStartIndex());
        int end = source.charOffset(t.getStopIndex() + 1);
        return new Span(source, start, Math.max(start, end));
    }

    private Span span(ParserRuleContext ctx) {
        Span a = span(ctx.getStart());
        Token stop = ctx.getStop() != null ? ctx.getStop() : ctx.getStart();
        Span b = span(stop);
        return new Span(source, a.start(), Math.max(a.start(), b.end()));
    }

    private final class ThrowingListener extends BaseErrorListener {
        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg, RecognitionException e) {
            if (offending instanceof Token token) {
                String expected = "";
                if (recognizer instanceof Parser parser) {
                    IntervalSet set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
                    expected = describeExpected(set);
                }
                throw span(token).error(expected.isEmpty()
                        ? "unexpected " + describe(token)
                        : "expected " + expected + ", found " + describe(token));
            }
            int offset = source.offsetOf(line, column);
            String text = source.text();
            String what = offset < text.length()
                    ? "unexpected character " + quoteChar(text.codePointAt(offset))
                    : "unexpected end of input";
            if (text.startsWith("/*", offset)) {
                what = "unterminated block comment";
            }
            throw new Span(source, offset, Math.min(text.length(), offset + 1)).error(what);
        }
    }

    private static String quoteChar(int cp) {
        if (cp < 0x20 || cp == 0x7f || Character.getType(cp) == Character.FORMAT) {
            return String.format("'\\u{%x}'", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private static String describe(Token token) {
        int type = token.getType();
        if (type == Token.EOF) {
            return "eof";
        }
        if (type == WitLexer.ID) {
            return "an identifier";
        }
        if (type == WitLexer.INTEGER) {
            return "an integer";
        }
        if (type == WitLexer.VERSION || type == WitLexer.SEMVER) {
            return "a version";
        }
        String literal = WitLexer.VOCABULARY.getLiteralName(type);
        if (literal != null) {
            String bare = literal.substring(1, literal.length() - 1);
            if (Character.isLetter(bare.charAt(0))) {
                return "keyword `" + bare + "`";
            }
            return "'" + bare + "'";
        }
        return "'" + token.getText() + "'";
    }

    private static String describeExpected(IntervalSet set) {
        if (set == null || set.isNil()) {
            return "";
        }
        List<Integer> types = set.toList();
        if (types.contains(WitLexer.ID)) {
            return "an identifier or string";
        }
        if (types.size() == 1) {
            int t = types.get(0);
            if (t == WitLexer.INTEGER) {
                return "fixed-length";
            }
            String literal = WitLexer.VOCABULARY.getLiteralName(t);
            if (literal != null) {
                return literal;
            }
            return WitLexer.VOCABULARY.getDisplayName(t);
        }
        List<String> names = new ArrayList<>();
        for (int t : types) {
            String literal = t == Token.EOF ? "eof" : WitLexer.VOCABULARY.getLiteralName(t);
            names.add(literal != null ? literal : WitLexer.VOCABULARY.getDisplayName(t));
            if (names.size() == 6) {
                names.add("...");
                break;
            }
        }
        return "one of " + String.join(", ", names);
    }

    // ------------------------------------------------------------------ docs and names

    private Ast.DocComments docs(ParserRuleContext ctx) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(ctx.getStart().getTokenIndex());
        if (hidden == null) {
            return Ast.DocComments.NONE;
        }
        List<String> comments = new ArrayList<>();
        Span first = null;
        for (Token t : hidden) {
            if (t.getType() == WitLexer.WS) {
                continue;
            }
            if (first == null) {
                first = span(t);
            }
            comments.add(t.getText());
        }
        return comments.isEmpty() ? Ast.DocComments.NONE : new Ast.DocComments(List.copyOf(comments), first);
    }

    private Ast.Id id(WitParser.IdContext ctx) {
        Token t = ctx.ID().getSymbol();
        Span span = span(t);
        String text = t.getText();
        String name = text.startsWith("%") ? text.substring(1) : text;
        validateKebab(name, span);
        return new Ast.Id(name, span);
    }

    /** WIT.md "Identifiers": words of letters and digits joined by '-', each word all lower or all upper case. */
    private static void validateKebab(String name, Span span) {
        if (name.isEmpty()) {
            throw span.error("empty identifier");
        }
        for (String word : name.split("-", -1)) {
            if (word.isEmpty()) {
                throw span.error("`-` must be followed by a word in identifier `" + name + "`");
            }
            if (!Character.isLetter(word.charAt(0))) {
                throw span.error("identifier `" + name + "` has a word starting with a digit");
            }
            boolean lower = false;
            boolean upper = false;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                lower |= Character.isLowerCase(c);
                upper |= Character.isUpperCase(c);
            }
            if (lower && upper) {
                throw span.error("identifier `" + name + "` mixes upper and lower case in one word");
            }
        }
    }

    private String version(TerminalNode versionToken) {
        if (versionToken == null) {
            return null;
        }
        String v = versionToken.getText();
        String text = v.startsWith("@") ? v.substring(1) : v;
        validateSemver(text, span(versionToken.getSymbol()));
        return text;
    }

    /** Semantic Versioning 2.0: numeric identifiers without leading zeros. */
    private static void validateSemver(String text, Span span) {
        String core = text;
        int cut = indexOfAny(text, '-', '+');
        if (cut >= 0) {
            core = text.substring(0, cut);
        }
        for (String part : core.split("\\.")) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw span.error("invalid version `" + text + "`: leading zero in a numeric part");
            }
        }
        int plus = text.indexOf('+');
        if (text.indexOf('-') >= 0 && (plus < 0 || text.indexOf('-') < plus)) {
            String pre = text.substring(text.indexOf('-') + 1, plus < 0 ? text.length() : plus);
            for (String part : pre.split("\\.")) {
                if (part.length() > 1 && part.chars().allMatch(Character::isDigit) && part.charAt(0) == '0') {
                    throw span.error("invalid version `" + text + "`: leading zero in a numeric pre-release part");
                }
            }
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private List<Ast.Attribute> gate(WitParser.GateContext ctx) {
        List<Ast.Attribute> attrs = new ArrayList<>();
        for (WitParser.AttributeContext a : ctx.attribute()) {
            List<WitParser.AttributeFieldContext> fields = a.attributeField();
            WitParser.AttributeFieldContext field = fields.get(0);
            expectField(field.id(0), a.AT_UNSTABLE() != null ? "feature" : "version");
            if (fields.size() > 1) {
                throw span(fields.get(1).getStart()).error("expected ')', found an identifier");
            }
            if (a.AT_UNSTABLE() != null) {
                expectField(field.id(0), "feature");
                if (field.id().size() < 2) {
                    throw span(field.getStop()).error("expected an identifier or string, found " + field.getStop().getText());
                }
                attrs.add(new Ast.Unstable(id(field.id(1)), span(a)));
                continue;
            }
            expectField(field.id(0), "version");
            if (field.SEMVER() == null) {
                throw span(field.getStop()).error("expected a version like `1.2.3`");
            }
            String version = version(field.SEMVER());
            attrs.add(a.AT_SINCE() != null ? new Ast.Since(version, span(a)) : new Ast.Deprecated(version, span(a)));
        }
        return List.copyOf(attrs);
    }

    private void expectField(WitParser.IdContext ctx, String expected) {
        if (!ctx.getText().equals(expected)) {
            throw span(ctx.getStart()).error("expected `" + expected + "`, found `" + ctx.getText() + "`");
        }
    }

    // ------------------------------------------------------------------ items

    private Ast.PackageFile file(WitParser.FileContext ctx) {
        Ast.PackageDecl decl = ctx.packageDecl() == null ? null : packageDecl(ctx.packageDecl());
        return new Ast.PackageFile(decl, items(ctx.topItem(), 0));
    }

    private List<Ast.Item> items(List<WitParser.TopItemContext> ctxs, int depth) {
        List<Ast.Item> items = new ArrayList<>();
        for (WitParser.TopItemContext item : ctxs) {
            if (item.nestedPackage() != null) {
                WitParser.NestedPackageContext n = item.nestedPackage();
                if (depth + 1 > MAX_DEPTH) {
                    throw span(n.getStart()).error("package nesting too deep");
                }
                Ast.PackageDecl decl = packageDecl(n.packageDecl());
                items.add(new Ast.NestedPackage(new Ast.PackageFile(decl, items(n.topItem(), depth + 1))));
            } else if (item.toplevelUse() != null) {
                WitParser.ToplevelUseContext u = item.toplevelUse();
                items.add(new Ast.ToplevelUse(gate(u.gate()), usePath(u.usePath()), u.id() == null ? null : id(u.id()), span(u)));
            } else if (item.interfaceDef() != null) {
                WitParser.InterfaceDefContext i = item.interfaceDef();
                items.add(new Ast.InterfaceDecl(docs(i), gate(i.gate()), id(i.id()), interfaceItems(i.interfaceItem())));
            } else {
                WitParser.WorldDefContext w = item.worldDef();
                items.add(new Ast.WorldDecl(docs(w), gate(w.gate()), id(w.id()), worldItems(w.worldItem())));
            }
        }
        return List.copyOf(items);
    }

    private Ast.PackageDecl packageDecl(WitParser.PackageDeclContext ctx) {
        WitParser.PackagePathContext p = ctx.packagePath();
        if (p.id().size() > 2) {
            throw span(p.SLASH(0).getSymbol()).error("nested namespaces and packages are not supported yet");
        }
        return new Ast.PackageDecl(
                docs(ctx), gate(ctx.gate()), id(p.id(0)).name(), id(p.id(1)).name(), version(p.VERSION()), span(p));
    }

    private Ast.UsePath usePath(WitParser.UsePathContext ctx) {
        if (ctx.COLON() == null) {
            return new Ast.LocalPath(id(ctx.id(0)));
        }
        Ast.Id ns = id(ctx.id(0));
        Ast.Id pkg = id(ctx.id(1));
        Ast.Id name = id(ctx.id(2));
        String version = version(ctx.VERSION());
        Span pkgSpan = new Span(source, ns.span().start(), pkg.span().end());
        return new Ast.PackagePath(new PackageName(ns.name(), pkg.name(), version), pkgSpan, name);
    }

    private List<Ast.InterfaceItem> interfaceItems(List<WitParser.InterfaceItemContext> ctxs) {
        List<Ast.InterfaceItem> items = new ArrayList<>();
        for (WitParser.InterfaceItemContext item : ctxs) {
            List<Ast.Attribute> attrs = gate(item.gate());
            if (item.useItem() != null) {
                items.add(use(item.useItem(), attrs));
            } else if (item.typeDef() != null) {
                items.add(typeDef(item.typeDef(), docs(item), attrs));
            } else {
                WitParser.FuncItemContext f = item.funcItem();
                items.add(new Ast.NamedFunc(docs(item), attrs, id(f.id()), func(f.funcType())));
            }
        }
        return List.copyOf(items);
    }

    private Ast.Use use(WitParser.UseItemContext ctx, List<Ast.Attribute> attrs) {
        List<Ast.UseName> names = new ArrayList<>();
        for (WitParser.UseNameContext n : ctx.useName()) {
            names.add(new Ast.UseName(id(n.id(0)), n.id().size() > 1 ? id(n.id(1)) : null));
        }
        return new Ast.Use(attrs, usePath(ctx.usePath()), List.copyOf(names), span(ctx));
    }

    private Ast.Func func(WitParser.FuncTypeContext ctx) {
        return new Ast.Func(
                ctx.ASYNC() != null, params(ctx.paramList()), ctx.ty() == null ? null : ty(ctx.ty(), 0), span(ctx));
    }

    private List<Ast.Param> params(WitParser.ParamListContext ctx) {
        List<Ast.Param> params = new ArrayList<>();
        for (WitParser.ParamContext p : ctx.param()) {
            params.add(new Ast.Param(id(p.id()), ty(p.ty(), 0)));
        }
        return List.copyOf(params);
    }

    private List<Ast.WorldItem> worldItems(List<WitParser.WorldItemContext> ctxs) {
        List<Ast.WorldItem> items = new ArrayList<>();
        for (WitParser.WorldItemContext item : ctxs) {
            List<Ast.Attribute> attrs = gate(item.gate());
            if (item.importItem() != null) {
                items.add(new Ast.Import(docs(item), attrs, extern(item.importItem().externItem())));
            } else if (item.exportItem() != null) {
                items.add(new Ast.Export(docs(item), attrs, extern(item.exportItem().externItem())));
            } else if (item.useItem() != null) {
                items.add(use(item.useItem(), attrs));
            } else if (item.typeDef() != null) {
                items.add(typeDef(item.typeDef(), docs(item), attrs));
            } else {
                WitParser.IncludeItemContext inc = item.includeItem();
                List<Ast.IncludeName> names = new ArrayList<>();
                for (WitParser.IncludeNameContext n : inc.includeName()) {
                    names.add(new Ast.IncludeName(id(n.id(0)), id(n.id(1))));
                }
                items.add(new Ast.Include(attrs, usePath(inc.usePath()), List.copyOf(names), span(inc)));
            }
        }
        return List.copyOf(items);
    }

    private Ast.ExternKind extern(WitParser.ExternItemContext ctx) {
        if (ctx instanceof WitParser.ExternFuncContext f) {
            return new Ast.ExternFunc(id(f.id()), func(f.funcType()));
        }
        if (ctx instanceof WitParser.ExternInterfaceContext i) {
            return new Ast.ExternInterface(id(i.id()), interfaceItems(i.interfaceItem()));
        }
        if (ctx instanceof WitParser.ExternNamedPathContext n) {
            return new Ast.ExternNamedPath(id(n.id()), usePath(n.usePath()));
        }
        return new Ast.ExternPath(usePath(((WitParser.ExternPathContext) ctx).usePath()));
    }

    private Ast.TypeDef typeDef(WitParser.TypeDefContext ctx, Ast.DocComments docs, List<Ast.Attribute> attrs) {
        if (ctx.resourceDef() != null) {
            WitParser.ResourceDefContext r = ctx.resourceDef();
            List<Ast.ResourceFunc> funcs = new ArrayList<>();
            for (WitParser.ResourceFuncContext f : r.resourceFunc()) {
                if (f instanceof WitParser.StaticFuncContext s) {
                    funcs.add(new Ast.ResourceFunc(Ast.ResourceFuncKind.STATIC,
                            new Ast.NamedFunc(docs(s), gate(s.gate()), id(s.id()), func(s.funcType()))));
                } else if (f instanceof WitParser.MethodFuncContext m) {
                    funcs.add(new Ast.ResourceFunc(Ast.ResourceFuncKind.METHOD,
                            new Ast.NamedFunc(docs(m), gate(m.gate()), id(m.id()), func(m.funcType()))));
                } else {
                    WitParser.ConstructorFuncContext c = (WitParser.ConstructorFuncContext) f;
                    Ast.Id name = new Ast.Id("constructor", span(c.CONSTRUCTOR().getSymbol()));
                    Ast.Func fn = new Ast.Func(false, params(c.paramList()), c.ty() == null ? null : ty(c.ty(), 0), span(c));
                    funcs.add(new Ast.ResourceFunc(Ast.ResourceFuncKind.CONSTRUCTOR,
                            new Ast.NamedFunc(docs(c), gate(c.gate()), name, fn)));
                }
            }
            return new Ast.TypeDef(docs, attrs, id(r.id()), new Ast.ResourceNode(List.copyOf(funcs), span(r)));
        }
        if (ctx.recordDef() != null) {
            WitParser.RecordDefContext r = ctx.recordDef();
            List<Ast.Field> fields = new ArrayList<>();
            for (WitParser.RecordFieldContext f : r.recordField()) {
                fields.add(new Ast.Field(docs(f), id(f.id()), ty(f.ty(), 0)));
            }
            return new Ast.TypeDef(docs, attrs, id(r.id()), new Ast.RecordNode(List.copyOf(fields), span(r)));
        }
        if (ctx.variantDef() != null) {
            WitParser.VariantDefContext v = ctx.variantDef();
            List<Ast.Case> cases = new ArrayList<>();
            for (WitParser.VariantCaseContext c : v.variantCase()) {
                cases.add(new Ast.Case(docs(c), id(c.id()), c.ty() == null ? null : ty(c.ty(), 0)));
            }
            return new Ast.TypeDef(docs, attrs, id(v.id()), new Ast.VariantNode(List.copyOf(cases), id(v.id()).span()));
        }
        if (ctx.enumDef() != null) {
            WitParser.EnumDefContext e = ctx.enumDef();
            List<Ast.EnumCase> cases = new ArrayList<>();
            for (WitParser.EnumCaseContext c : e.enumCase()) {
                cases.add(new Ast.EnumCase(docs(c), id(c.id())));
            }
            return new Ast.TypeDef(docs, attrs, id(e.id()), new Ast.EnumNode(List.copyOf(cases), id(e.id()).span()));
        }
        if (ctx.flagsDef() != null) {
            WitParser.FlagsDefContext f = ctx.flagsDef();
            List<Ast.Flag> flags = new ArrayList<>();
            for (WitParser.FlagContext c : f.flag()) {
                flags.add(new Ast.Flag(docs(c), id(c.id())));
            }
            return new Ast.TypeDef(docs, attrs, id(f.id()), new Ast.FlagsNode(List.copyOf(flags), span(f)));
        }
        WitParser.TypeAliasContext a = ctx.typeAlias();
        return new Ast.TypeDef(docs, attrs, id(a.id()), ty(a.ty(), 0));
    }

    private Ast.TypeNode ty(WitParser.TyContext ctx, int depth) {
        Span span = span(ctx);
        if (depth > MAX_DEPTH) {
            throw span(ctx.getStart()).error("type nesting too deep");
        }
        if (ctx.id() != null) {
            return new Ast.NameNode(id(ctx.id()));
        }
        if (ctx.tupleType() != null) {
            List<Ast.TypeNode> types = new ArrayList<>();
            for (WitParser.TyContext t : ctx.tupleType().ty()) {
                types.add(ty(t, depth + 1));
            }
            return new Ast.TupleNode(List.copyOf(types), span);
        }
        if (ctx.listType() != null) {
            WitParser.ListTypeContext l = ctx.listType();
            Ast.TypeNode element = ty(l.ty(), depth + 1);
            if (l.INTEGER() == null) {
                return new Ast.ListNode(element, span);
            }
            Span lenSpan = span(l.INTEGER().getSymbol());
            long length;
            try {
                length = Long.parseLong(l.INTEGER().getText());
            } catch (NumberFormatException e) {
                throw lenSpan.error("fixed-length list size is too large");
            }
            if (length == 0) {
                throw lenSpan.error("invalid fixed-length list size: 0");
            }
            if (length > 0xffff_ffffL) {
                throw lenSpan.error("fixed-length list size is too large");
            }
            return new Ast.FixedListNode(element, length, span);
        }
        if (ctx.optionType() != null) {
            return new Ast.OptionNode(ty(ctx.optionType().ty(), depth + 1), span);
        }
        if (ctx.resultType() != null) {
            WitParser.ResultTypeContext r = ctx.resultType();
            if (r.LT() == null) {
                return new Ast.ResultNode(null, null, span);
            }
            List<WitParser.TyContext> tys = r.ty();
            if (r.UNDERSCORE() != null) {
                if (tys.isEmpty()) {
                    throw span(r.GT().getSymbol()).error("expected ',', found '>'");
                }
                return new Ast.ResultNode(null, ty(tys.get(0), depth + 1), span);
            }
            Ast.TypeNode ok = ty(tys.get(0), depth + 1);
            Ast.TypeNode err = tys.size() > 1 ? ty(tys.get(1), depth + 1) : null;
            return new Ast.ResultNode(ok, err, span);
        }
        if (ctx.mapType() != null) {
            WitParser.MapTypeContext m = ctx.mapType();
            return new Ast.MapNode(ty(m.ty(0), depth + 1), ty(m.ty(1), depth + 1), span);
        }
        if (ctx.handleType() != null) {
            WitParser.HandleTypeContext h = ctx.handleType();
            return new Ast.HandleNode(h.BORROW() != null, id(h.id()), span);
        }
        if (ctx.futureType() != null) {
            WitParser.FutureTypeContext f = ctx.futureType();
            return new Ast.FutureNode(f.ty() == null ? null : ty(f.ty(), depth + 1), span);
        }
        if (ctx.streamType() != null) {
            WitParser.StreamTypeContext s = ctx.streamType();
            return new Ast.StreamNode(s.ty() == null ? null : ty(s.ty(), depth + 1), span);
        }
        Type.Primitive p = Type.Primitive.ofWitName(ctx.getText());
        return new Ast.PrimitiveNode(p, span);
    }
}
