package dev.dovetail.compose;

import dev.dovetail.compose.internal.WacLexer;
import dev.dovetail.compose.internal.WacParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

/** Lexes and parses one WAC source with ANTLR and turns the parse tree into a {@link WacAst}. */
final class WacAstBuilder {
    /** Deepest nesting of brackets of any kind; deeper input would overflow the parser's stack. */
    static final int MAX_DEPTH = 100;

    // SemVer 2.0.0, as wac parses versions.
    private static final String NUM = "(0|[1-9][0-9]*)";
    private static final String PRE_ID = "(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile(NUM + "\\." + NUM + "\\." + NUM
            + "(-" + PRE_ID + "(\\." + PRE_ID + ")*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?");

    private final WacSource source;
    private CommonTokenStream tokens;

    private WacAstBuilder(WacSource source) {
        this.source = source;
    }

    static WacAst.Document parse(WacSource source) {
        return new WacAstBuilder(source).document();
    }

    private WacAst.Document document() {
        checkCharacters();
        WacLexer lexer = new WacLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new ThrowingListener());
        tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkNesting();
        WacParser parser = new WacParser(tokens);
        parser.removeErrorListeners();
        // Two-stage parse: fast SLL prediction first; only if that fails, full LL, which is exact
        // and reports the error.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        WacParser.DocumentContext doc;
        try {
            doc = parser.document();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(new ThrowingListener());
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            doc = parser.document();
        }
        List<WacAst.Statement> statements = new ArrayList<>();
        for (WacParser.StatementContext s : doc.statement()) {
            statements.add(statement(s));
        }
        return new WacAst.Document(source.file(), source.text(), packageDecl(doc.packageDecl()), statements);
    }

    // ------------------------------------------------------------------ checks before parsing

    /**
     * Control characters (other than tab and line breaks) and bidirectional overrides could make
     * the text read differently from what it means; wac rejects them too.
     */
    private void checkCharacters() {
        String text = source.text();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
            boolean control = Character.isISOControl(cp) && cp != '\t' && cp != '\n' && cp != '\r';
            if (bidi || control) {
                throw source.error(source.span(i, next), (bidi ? "disallowed bidirectional override " : "disallowed control character ")
                        + String.format("U+%04X", cp));
            }
            i = next;
        }
    }

    private void checkNesting() {
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case WacLexer.LPAREN, WacLexer.LBRACE, WacLexer.LBRACKET, WacLexer.LT -> {
                    if (++depth > MAX_DEPTH) {
                        throw source.error(span(t), "nesting too deep (more than " + MAX_DEPTH + " levels)");
                    }
                }
                case WacLexer.RPAREN, WacLexer.RBRACE, WacLexer.RBRACKET, WacLexer.GT -> depth = Math.max(0, depth - 1);
                default -> {}
            }
        }
    }

    // ------------------------------------------------------------------ statements

    private WacAst.PackageDecl packageDecl(WacParser.PackageDeclContext ctx) {
        Optional<WacAst.PackagePath> targets = ctx.packagePath() == null
                ? Optional.empty()
                : Optional.of(packagePath(ctx.packagePath()));
        return new WacAst.PackageDecl(docs(ctx), packageName(ctx.packageName().PACKAGE_NAME().getSymbol()), targets, span(ctx));
    }

    private WacAst.Statement statement(WacParser.StatementContext ctx) {
        if (ctx.importStatement() != null) {
            return importStatement(ctx.importStatement());
        }
        if (ctx.letStatement() != null) {
            WacParser.LetStatementContext let = ctx.letStatement();
            return new WacAst.Let(docs(ctx), ident(let.id()), expr(let.expr()), span(let));
        }
        if (ctx.exportStatement() != null) {
            WacParser.ExportStatementContext e = ctx.exportStatement();
            Optional<WacAst.ExternName> name = e.externName() == null
                    ? Optional.empty()
                    : Optional.of(externName(e.externName()));
            return new WacAst.Export(docs(ctx), expr(e.expr()), name, e.ELLIPSIS() != null, span(e));
        }
        if (ctx.useStatement() != null) {
            WacParser.UseStatementContext use = ctx.useStatement();
            return new WacAst.TypeStatement(docs(ctx), "use", Optional.empty(), span(use));
        }
        WacParser.TypeStatementContext t = ctx.typeStatement();
        ParserRuleContext decl;
        WacParser.IdContext id;
        if (t.interfaceDecl() != null) {
            decl = t.interfaceDecl();
            id = t.interfaceDecl().id();
        } else if (t.worldDecl() != null) {
            decl = t.worldDecl();
            id = t.worldDecl().id();
        } else {
            decl = (ParserRuleContext) t.typeDecl().getChild(0);
            id = decl.getRuleContext(WacParser.IdContext.class, 0);
        }
        return new WacAst.TypeStatement(docs(ctx), decl.getStart().getText(), Optional.of(ident(id)), span(decl));
    }

    private WacAst.Import importStatement(WacParser.ImportStatementContext ctx) {
        Optional<WacAst.ExternName> name = ctx.externName() == null
                ? Optional.empty()
                : Optional.of(externName(ctx.externName()));
        WacParser.ImportTypeContext t = ctx.importType();
        WacAst.ImportType type;
        if (t instanceof WacParser.ImportPackagePathContext p) {
            type = new WacAst.ImportPath(packagePath(p.packagePath()));
        } else if (t instanceof WacParser.ImportFuncContext) {
            type = new WacAst.ImportInlineType("func", span(t));
        } else if (t instanceof WacParser.ImportInterfaceContext) {
            type = new WacAst.ImportInlineType("interface", span(t));
        } else {
            type = new WacAst.ImportInlineType("local", span(t));
        }
        return new WacAst.Import(docs((ParserRuleContext) ctx.getParent()), ident(ctx.id()), name, type, span(ctx));
    }

    private WacAst.ExternName externName(WacParser.ExternNameContext ctx) {
        if (ctx.STRING() != null) {
            return string(ctx.STRING().getSymbol());
        }
        WacAst.Ident id = ident(ctx.id());
        return new WacAst.ExternName(id.name(), false, id.span());
    }

    // ------------------------------------------------------------------ expressions

    private WacAst.Expr expr(WacParser.ExprContext ctx) {
        WacAst.Expr e = primary(ctx.primaryExpr());
        int start = e.span().start();
        for (WacParser.PostfixExprContext p : ctx.postfixExpr()) {
            WacAst.Span whole = source.span(start, span(p).end());
            if (p instanceof WacParser.AccessExprContext a) {
                e = new WacAst.Access(e, ident(a.id()), whole);
            } else {
                WacParser.NamedAccessExprContext n = (WacParser.NamedAccessExprContext) p;
                WacAst.ExternName name = string(n.STRING().getSymbol());
                e = new WacAst.NamedAccess(e, name.value(), name.span(), whole);
            }
        }
        return e;
    }

    private WacAst.Expr primary(WacParser.PrimaryExprContext ctx) {
        if (ctx.id() != null) {
            return new WacAst.Local(ident(ctx.id()));
        }
        if (ctx.nestedExpr() != null) {
            return new WacAst.Nested(expr(ctx.nestedExpr().expr()), span(ctx.nestedExpr()));
        }
        WacParser.NewExprContext n = ctx.newExpr();
        WacAst.ComponentRef component = n.packageName() != null
                ? packageName(n.packageName().PACKAGE_NAME().getSymbol())
                : ident(n.id());
        List<WacAst.Argument> args = new ArrayList<>();
        List<WacParser.InstantiationArgContext> list = n.instantiationArg();
        for (int i = 0; i < list.size(); i++) {
            WacParser.InstantiationArgContext a = list.get(i);
            if (a instanceof WacParser.FillArgContext) {
                if (i != list.size() - 1) {
                    throw source.error(span(a), "`...` must be the last argument: it imports all the arguments not given");
                }
                args.add(new WacAst.Fill(span(a)));
            } else if (a instanceof WacParser.SpreadArgContext s) {
                args.add(new WacAst.Spread(ident(s.id()), span(s)));
            } else if (a instanceof WacParser.NamedArgContext named) {
                WacAst.ExternName name = named.STRING() != null
                        ? string(named.STRING().getSymbol())
                        : externIdent(named.id());
                args.add(new WacAst.Named(name, expr(named.expr()), span(named)));
            } else {
                args.add(new WacAst.Inferred(ident(((WacParser.InferredArgContext) a).id())));
            }
        }
        return new WacAst.New(component, args, span(n));
    }

    // ------------------------------------------------------------------ names

    private WacAst.ExternName externIdent(WacParser.IdContext ctx) {
        WacAst.Ident id = ident(ctx);
        return new WacAst.ExternName(id.name(), false, id.span());
    }

    private WacAst.Ident ident(WacParser.IdContext ctx) {
        return new WacAst.Ident(unescape(ctx.getText()), span(ctx));
    }

    private WacAst.ExternName string(Token t) {
        String text = t.getText();
        return new WacAst.ExternName(text.substring(1, text.length() - 1), true, span(t));
    }

    private WacAst.PackageName packageName(Token t) {
        WacAst.Span span = span(t);
        String text = t.getText();
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        return new WacAst.PackageName(unescapeSegments(name, ":"), version(text, at, span), span);
    }

    private WacAst.PackagePath packagePath(WacParser.PackagePathContext ctx) {
        Token t = ctx.PACKAGE_PATH().getSymbol();
        WacAst.Span span = span(t);
        String text = t.getText();
        int at = text.indexOf('@');
        String path = at < 0 ? text : text.substring(0, at);
        int slash = path.indexOf('/');
        List<String> segments = new ArrayList<>();
        for (String s : path.substring(slash + 1).split("/")) {
            segments.add(unescape(s));
        }
        return new WacAst.PackagePath(unescapeSegments(path.substring(0, slash), ":"), segments,
                version(text, at, span), span);
    }

    private Optional<String> version(String text, int at, WacAst.Span tokenSpan) {
        if (at < 0) {
            return Optional.empty();
        }
        String version = text.substring(at + 1);
        if (!SEMVER.matcher(version).matches()) {
            int start = tokenSpan.start() + at + 1;
            throw source.error(source.span(start, start + version.length()), "invalid version `" + version
                    + "`: expected a semantic version such as 1.2.3");
        }
        return Optional.of(version);
    }

    private static String unescape(String id) {
        return id.startsWith("%") ? id.substring(1) : id;
    }

    private static String unescapeSegments(String name, String separator) {
        String[] parts = name.split(Pattern.quote(separator));
        for (int i = 0; i < parts.length; i++) {
            parts[i] = unescape(parts[i]);
        }
        return String.join(separator, parts);
    }

    /** The {@code ///} and {@code /** *}{@code /} comments right before a statement, in order. */
    private List<String> docs(ParserRuleContext ctx) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(ctx.getStart().getTokenIndex());
        List<String> docs = new ArrayList<>();
        if (hidden == null) {
            return docs;
        }
        for (Token t : hidden) {
            String text = t.getText();
            if (t.getType() == WacLexer.DOC_LINE_COMMENT) {
                docs.add(text.substring(3).strip());
            } else if (t.getType() == WacLexer.BLOCK_COMMENT && text.startsWith("/**") && text.length() > 4) {
                docs.add(text.substring(3, text.length() - 2).strip());
            }
        }
        return docs;
    }

    // ------------------------------------------------------------------ spans and errors

    private WacAst.Span span(Token t) {
        if (t.getType() == Token.EOF) {
            int end = source.text().length();
            return source.span(end, end);
        }
        int start = source.charOffset(t.getStartIndex());
        int end = source.charOffset(t.getStopIndex() + 1);
        return source.span(start, end);
    }

    private WacAst.Span span(ParserRuleContext ctx) {
        WacAst.Span a = span(ctx.getStart());
        Token stop = ctx.getStop() != null && ctx.getStop().getTokenIndex() >= ctx.getStart().getTokenIndex()
                ? ctx.getStop()
                : ctx.getStart();
        return source.span(a.start(), span(stop).end());
    }

    /** Where an error at {@code t} is shown: at end of input, right after the last token. */
    private WacAst.Span errorSpan(Token t) {
        if (t.getType() != Token.EOF) {
            return span(t);
        }
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) {
                int end = span(p).end();
                return source.span(end, end);
            }
        }
        return source.span(0, 0);
    }

    private final class ThrowingListener extends BaseErrorListener {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                RecognitionException e) {
            if (offending instanceof Token token) {
                String expected = "";
                if (recognizer instanceof Parser parser) {
                    IntervalSet set = e != null && e.getExpectedTokens() != null && !e.getExpectedTokens().isNil()
                            ? e.getExpectedTokens()
                            : parser.getExpectedTokens();
                    expected = describeExpected(set);
                }
                throw source.error(errorSpan(token), expected.isEmpty()
                        ? "unexpected " + describe(token)
                        : "expected " + expected + ", found " + describe(token));
            }
            // a lexer error: ANTLR reports the line and the code point column where it started
            WacLexer lexer = (WacLexer) recognizer;
            int start = source.charOffset(lexer._tokenStartCharIndex);
            String text = source.text();
            String what;
            if (text.startsWith("/*", start)) {
                what = "unterminated block comment";
            } else if (text.startsWith("\"", start)) {
                what = "unterminated string";
            } else if (text.startsWith("@", start)) {
                what = "unexpected `@`: a version follows a package name without spaces, as in `ns:pkg@1.0.0`";
            } else {
                int cp = text.codePointAt(start);
                what = "unexpected character '" + new String(Character.toChars(cp)) + "'";
            }
            throw source.error(source.span(start, Math.min(text.length(), start + 1)), what);
        }
    }

    private static String describe(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of input";
            case WacLexer.ID -> "identifier `" + token.getText() + "`";
            case WacLexer.STRING -> "string " + token.getText();
            case WacLexer.PACKAGE_NAME -> "package name `" + token.getText() + "`";
            case WacLexer.PACKAGE_PATH -> "package path `" + token.getText() + "`";
            default -> {
                String literal = WacLexer.VOCABULARY.getLiteralName(token.getType());
                if (literal != null && Character.isLetter(literal.charAt(1))) {
                    yield "keyword `" + token.getText() + "`";
                }
                yield "`" + token.getText() + "`";
            }
        };
    }

    private static final Set<Integer> TYPE_KEYWORDS = Set.of(WacLexer.U8, WacLexer.S8, WacLexer.U16,
            WacLexer.S16, WacLexer.U32, WacLexer.S32, WacLexer.U64, WacLexer.S64, WacLexer.F32, WacLexer.F64,
            WacLexer.CHAR, WacLexer.BOOL, WacLexer.STRING_TYPE, WacLexer.TUPLE, WacLexer.LIST, WacLexer.OPTION,
            WacLexer.RESULT, WacLexer.BORROW);

    private static final Set<Integer> STATEMENT_KEYWORDS = Set.of(WacLexer.IMPORT, WacLexer.LET,
            WacLexer.EXPORT, WacLexer.INTERFACE, WacLexer.WORLD, WacLexer.TYPE, WacLexer.RECORD,
            WacLexer.VARIANT, WacLexer.ENUM, WacLexer.FLAGS, WacLexer.USE);

    private static String describeExpected(IntervalSet set) {
        if (set == null || set.isNil()) {
            return "";
        }
        List<Integer> types = set.toList();
        Set<String> names = new LinkedHashSet<>();
        boolean statements = types.contains(WacLexer.IMPORT) && types.contains(WacLexer.LET);
        boolean typesWanted = types.contains(WacLexer.U8);
        for (int t : types) {
            if (statements && STATEMENT_KEYWORDS.contains(t)) {
                names.add("a statement");
            } else if (typesWanted && (TYPE_KEYWORDS.contains(t) || t == WacLexer.ID)) {
                names.add("a type");
            } else {
                names.add(expectedName(t));
            }
        }
        List<String> list = new ArrayList<>(names);
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String expectedName(int type) {
        return switch (type) {
            case Token.EOF -> "end of input";
            case WacLexer.ID -> "an identifier";
            case WacLexer.STRING -> "a string";
            case WacLexer.PACKAGE_NAME -> "a package name";
            case WacLexer.PACKAGE_PATH -> "a package path";
            default -> {
                String literal = WacLexer.VOCABULARY.getLiteralName(type);
                yield literal == null
                        ? WacLexer.VOCABULARY.getDisplayName(type)
                        : "`" + literal.substring(1, literal.length() - 1) + "`";
            }
        };
    }
}
