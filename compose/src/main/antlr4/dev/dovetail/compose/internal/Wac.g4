// The WAC composition language of the `wac` tool (bytecodealliance/wac, LANGUAGE.md "WAC Grammar"):
// a package directive, then import, let and export statements and WIT-like type statements.
// Only syntax lives here. Versions, the placement of `...` and everything about names and packages
// are checked by WacParser and WacResolver, which report errors with file:line:column.
grammar Wac;

@lexer::members {
    /** Consumes the rest of a block comment whose opening slash-star was matched. */
    private void skipNestedComment() {
        int depth = 1;
        while (depth > 0) {
            int c = _input.LA(1);
            if (c == EOF) {
                // reported through the error listeners, as any lexer error
                notifyListeners(new LexerNoViableAltException(this, _input, _tokenStartCharIndex, null));
                return;
            }
            getInterpreter().consume(_input);
            if (c == '/' && _input.LA(1) == '*') {
                getInterpreter().consume(_input);
                depth++;
            } else if (c == '*' && _input.LA(1) == '/') {
                getInterpreter().consume(_input);
                depth--;
            }
        }
    }
}

// ---------------------------------------------------------------- document

document
    : packageDecl statement* EOF
    ;

packageDecl
    : PACKAGE packageName (TARGETS packagePath)? SEMI
    ;

packageName
    : PACKAGE_NAME
    ;

packagePath
    : PACKAGE_PATH
    ;

statement
    : importStatement
    | letStatement
    | exportStatement
    | typeStatement
    | useStatement
    ;

// ---------------------------------------------------------------- composition statements

// `as` is wac's current spelling of the extern name; `with "..."` its earlier one. Both are accepted.
importStatement
    : IMPORT id externName? COLON importType SEMI
    ;

externName
    : AS (id | STRING)
    | WITH STRING
    ;

importType
    : packagePath       # importPackagePath
    | funcType          # importFunc
    | inlineInterface   # importInterface
    | id                # importLocal
    ;

letStatement
    : LET id EQUALS expr SEMI
    ;

exportStatement
    : EXPORT expr (ELLIPSIS | externName)? SEMI
    ;

expr
    : primaryExpr postfixExpr*
    ;

primaryExpr
    : newExpr
    | nestedExpr
    | id
    ;

newExpr
    : NEW (packageName | id) LBRACE (instantiationArg (COMMA instantiationArg)* COMMA?)? RBRACE
    ;

instantiationArg
    : ELLIPSIS id           # spreadArg
    | ELLIPSIS              # fillArg
    | (id | STRING) COLON expr  # namedArg
    | id                    # inferredArg
    ;

nestedExpr
    : LPAREN expr RPAREN
    ;

postfixExpr
    : DOT id                        # accessExpr
    | LBRACKET STRING RBRACKET      # namedAccessExpr
    ;

// ---------------------------------------------------------------- type statements (parsed, not composed)

typeStatement
    : interfaceDecl
    | worldDecl
    | typeDecl
    ;

// Not part of wac's grammar; parsed so that it can be rejected with a clear message.
useStatement
    : USE usePath (AS id)? SEMI
    ;

interfaceDecl
    : INTERFACE id LBRACE interfaceItem* RBRACE
    ;

interfaceItem
    : useType
    | itemTypeDecl
    | interfaceExport
    ;

useType
    : USE usePath DOT LBRACE useItem (COMMA useItem)* COMMA? RBRACE SEMI
    ;

usePath
    : packagePath
    | id
    ;

useItem
    : id (AS id)?
    ;

interfaceExport
    : id COLON funcTypeRef SEMI
    ;

worldDecl
    : WORLD id LBRACE worldItem* RBRACE
    ;

worldItem
    : useType
    | itemTypeDecl
    | worldImport
    | worldExport
    | worldInclude
    ;

worldImport
    : IMPORT worldItemPath SEMI
    ;

worldExport
    : EXPORT worldItemPath SEMI
    ;

worldItemPath
    : id COLON externType
    | packagePath
    | id
    ;

externType
    : funcType
    | inlineInterface
    | id
    ;

inlineInterface
    : INTERFACE LBRACE interfaceItem* RBRACE
    ;

worldInclude
    : INCLUDE worldRef (WITH LBRACE worldIncludeItem (COMMA worldIncludeItem)* COMMA? RBRACE)? SEMI
    ;

worldIncludeItem
    : id AS id
    ;

worldRef
    : packagePath
    | id
    ;

itemTypeDecl
    : resourceDecl
    | typeDecl
    ;

typeDecl
    : variantDecl
    | recordDecl
    | flagsDecl
    | enumDecl
    | typeAlias
    ;

resourceDecl
    : RESOURCE id (SEMI | LBRACE resourceItem* RBRACE)
    ;

resourceItem
    : CONSTRUCTOR paramList SEMI
    | id COLON STATIC? funcType SEMI
    ;

variantDecl
    : VARIANT id LBRACE variantCase (COMMA variantCase)* COMMA? RBRACE
    ;

variantCase
    : id (LPAREN type RPAREN)?
    ;

recordDecl
    : RECORD id LBRACE namedType (COMMA namedType)* COMMA? RBRACE
    ;

flagsDecl
    : FLAGS id LBRACE id (COMMA id)* COMMA? RBRACE
    ;

enumDecl
    : ENUM id LBRACE id (COMMA id)* COMMA? RBRACE
    ;

typeAlias
    : TYPE id EQUALS (funcType | type) SEMI
    ;

funcTypeRef
    : funcType
    | id
    ;

funcType
    : FUNC paramList (ARROW results)?
    ;

paramList
    : LPAREN (namedType (COMMA namedType)* COMMA?)? RPAREN
    ;

results
    : type
    | LPAREN (namedType (COMMA namedType)* COMMA?)? RPAREN
    ;

namedType
    : id COLON type
    ;

type
    : U8 | S8 | U16 | S16 | U32 | S32 | U64 | S64 | F32 | F64 | CHAR | BOOL | STRING_TYPE
    | TUPLE LT type (COMMA type)* COMMA? GT
    | LIST LT type GT
    | OPTION LT type GT
    | RESULT (LT (UNDERSCORE | type) (COMMA type)? GT)?
    | BORROW LT id GT
    | id
    ;

id
    : ID
    ;

// ---------------------------------------------------------------- lexer

AS: 'as';
BOOL: 'bool';
BORROW: 'borrow';
CHAR: 'char';
CONSTRUCTOR: 'constructor';
ENUM: 'enum';
EXPORT: 'export';
F32: 'f32';
F64: 'f64';
FLAGS: 'flags';
FUNC: 'func';
IMPORT: 'import';
INCLUDE: 'include';
INTERFACE: 'interface';
LET: 'let';
LIST: 'list';
NEW: 'new';
OPTION: 'option';
PACKAGE: 'package';
RECORD: 'record';
RESOURCE: 'resource';
RESULT: 'result';
S16: 's16';
S32: 's32';
S64: 's64';
S8: 's8';
STATIC: 'static';
STRING_TYPE: 'string';
TARGETS: 'targets';
TUPLE: 'tuple';
TYPE: 'type';
U16: 'u16';
U32: 'u32';
U64: 'u64';
U8: 'u8';
USE: 'use';
VARIANT: 'variant';
WITH: 'with';
WORLD: 'world';

// `ns:pkg@1.2.3` and `ns:pkg/item@1.2.3` are single tokens, as in wac: no spaces inside, and the
// longest match wins over an identifier followed by `:`. The version is checked by WacParser.
PACKAGE_PATH: NAME (':' NAME)+ ('/' NAME)+ ('@' VERSION_CHARS)?;
PACKAGE_NAME: NAME (':' NAME)+ ('@' VERSION_CHARS)?;

// Kebab-case words, each all lower or all upper case; `%` escapes a keyword.
ID: NAME;

fragment NAME: '%'? WORD ('-' WORD)*;
fragment WORD: [a-z] [a-z0-9]* | [A-Z] [A-Z0-9]*;
fragment VERSION_CHARS: [0-9a-zA-Z.+-]+;

// No escapes: a string ends at the next `"`.
STRING: '"' ~["]* '"';

ELLIPSIS: '...';
EQUALS: '=';
COMMA: ',';
COLON: ':';
SEMI: ';';
LPAREN: '(';
RPAREN: ')';
LBRACE: '{';
RBRACE: '}';
LBRACKET: '[';
RBRACKET: ']';
LT: '<';
GT: '>';
ARROW: '->';
DOT: '.';
UNDERSCORE: '_';

// `///` and `/** */` are documentation, attached to the statement that follows.
DOC_LINE_COMMENT: '///' ~[\n]* -> channel(HIDDEN);
LINE_COMMENT: '//' ~[\n]* -> channel(HIDDEN);
// Block comments nest. The action consumes up to the matching `*/`; at end of input it reports
// the comment as unterminated.
BLOCK_COMMENT: '/*' { skipNestedComment(); setChannel(HIDDEN); };

WS: [ \t\r\n\f]+ -> channel(HIDDEN);
