// The WIT text format (shared/spec/WIT.md, "Lexical structure" and "Top-level items").
// Only syntax lives here; names, kebab-case, versions and semantics are checked by the AST builder
// and the resolver, which report errors with wit-parser's wording and locations.
grammar Wit;

// ---------------------------------------------------------------- file structure

file
    : (packageDecl SEMI)? topItem* EOF
    ;

topItem
    : nestedPackage
    | toplevelUse
    | interfaceDef
    | worldDef
    ;

nestedPackage
    : packageDecl LBRACE topItem* RBRACE
    ;

packageDecl
    : gate PACKAGE packagePath
    ;

packagePath
    : id COLON id (SLASH id)* VERSION?
    ;

toplevelUse
    : gate USE usePath (AS id)? SEMI
    ;

usePath
    : id (COLON id SLASH id VERSION?)?
    ;

// ---------------------------------------------------------------- interfaces

interfaceDef
    : gate INTERFACE id LBRACE interfaceItem* RBRACE
    ;

interfaceItem
    : gate (useItem | typeDef | funcItem)
    ;

useItem
    : USE usePath DOT LBRACE (useName (COMMA useName)* COMMA?)? RBRACE SEMI
    ;

useName
    : id (AS id)?
    ;

funcItem
    : id COLON funcType SEMI
    ;

funcType
    : ASYNC? FUNC paramList (ARROW ty)?
    ;

paramList
    : LPAREN (param (COMMA param)* COMMA?)? RPAREN
    ;

param
    : id COLON ty
    ;

// ---------------------------------------------------------------- worlds

worldDef
    : gate WORLD id LBRACE worldItem* RBRACE
    ;

worldItem
    : gate (importItem | exportItem | useItem | typeDef | includeItem)
    ;

importItem
    : IMPORT externItem
    ;

exportItem
    : EXPORT externItem
    ;

externItem
    : id COLON funcType SEMI                               # externFunc
    | id COLON INTERFACE LBRACE interfaceItem* RBRACE      # externInterface
    | id COLON usePath SEMI                                # externNamedPath
    | usePath SEMI                                         # externPath
    ;

includeItem
    : INCLUDE usePath (SEMI | WITH LBRACE includeName (COMMA includeName)* COMMA? RBRACE)
    ;

includeName
    : id AS id
    ;

// ---------------------------------------------------------------- type definitions

typeDef
    : resourceDef
    | recordDef
    | variantDef
    | enumDef
    | flagsDef
    | typeAlias
    ;

resourceDef
    : RESOURCE id (SEMI | LBRACE resourceFunc* RBRACE)
    ;

resourceFunc
    : gate id COLON STATIC funcType SEMI                   # staticFunc
    | gate CONSTRUCTOR paramList (ARROW ty)? SEMI          # constructorFunc
    | gate id COLON funcType SEMI                          # methodFunc
    ;

recordDef
    : RECORD id LBRACE (recordField (COMMA recordField)* COMMA?)? RBRACE
    ;

recordField
    : id COLON ty
    ;

variantDef
    : VARIANT id LBRACE (variantCase (COMMA variantCase)* COMMA?)? RBRACE
    ;

variantCase
    : id (LPAREN ty RPAREN)?
    ;

enumDef
    : ENUM id LBRACE (enumCase (COMMA enumCase)* COMMA?)? RBRACE
    ;

enumCase
    : id
    ;

flagsDef
    : FLAGS id LBRACE (flag (COMMA flag)* COMMA?)? RBRACE
    ;

flag
    : id
    ;

typeAlias
    : TYPE id EQUALS ty SEMI
    ;

// ---------------------------------------------------------------- types

ty
    : BOOL | U8 | U16 | U32 | U64 | S8 | S16 | S32 | S64
    | F32 | F64 | CHAR | STRING | ERROR_CONTEXT
    | tupleType | listType | optionType | resultType | mapType
    | handleType | futureType | streamType
    | id
    ;

tupleType
    : TUPLE LT (ty (COMMA ty)* COMMA?)? GT
    ;

listType
    : LIST LT ty (COMMA INTEGER)? GT
    ;

optionType
    : OPTION LT ty GT
    ;

resultType
    : RESULT (LT (UNDERSCORE | ty) (COMMA ty)? GT)?
    ;

mapType
    : MAP LT ty COMMA ty GT
    ;

handleType
    : (BORROW | OWN) LT id GT
    ;

futureType
    : FUTURE (LT ty GT)?
    ;

streamType
    : STREAM (LT ty GT)?
    ;

// ---------------------------------------------------------------- gates

gate
    : attribute*
    ;

attribute
    : (AT_SINCE | AT_UNSTABLE | AT_DEPRECATED) LPAREN attributeField (COMMA attributeField)* COMMA? RPAREN
    ;

attributeField
    : id EQUALS (SEMVER | INTEGER | id)
    ;

id
    : ID
    ;

// ---------------------------------------------------------------- lexer

AS: 'as';
ASYNC: 'async';
BOOL: 'bool';
BORROW: 'borrow';
CHAR: 'char';
CONSTRUCTOR: 'constructor';
ENUM: 'enum';
ERROR_CONTEXT: 'error-context';
EXPORT: 'export';
F32: 'f32';
F64: 'f64';
FLAGS: 'flags';
FUNC: 'func';
FUTURE: 'future';
IMPORT: 'import';
INCLUDE: 'include';
INTERFACE: 'interface';
LIST: 'list';
MAP: 'map';
OPTION: 'option';
OWN: 'own';
PACKAGE: 'package';
RECORD: 'record';
RESOURCE: 'resource';
RESULT: 'result';
S16: 's16';
S32: 's32';
S64: 's64';
S8: 's8';
STATIC: 'static';
STREAM: 'stream';
STRING: 'string';
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
// `from` is reserved by the spec but used by no production.
FROM: 'from';

AT_SINCE: '@since';
AT_UNSTABLE: '@unstable';
AT_DEPRECATED: '@deprecated';

// `@1.2.3-pre.1+build`, only after a package or interface path.
VERSION: '@' SEMVER_BODY;
// A bare version inside `@since(version = 1.2.3)`.
SEMVER: SEMVER_BODY;

fragment SEMVER_BODY: [0-9]+ '.' [0-9]+ '.' [0-9]+ ('-' SEMVER_PART ('.' SEMVER_PART)*)? ('+' SEMVER_PART ('.' SEMVER_PART)*)?;
fragment SEMVER_PART: [0-9A-Za-z-]+;

EQUALS: '=';
COMMA: ',';
COLON: ':';
SEMI: ';';
LPAREN: '(';
RPAREN: ')';
LBRACE: '{';
RBRACE: '}';
LT: '<';
GT: '>';
STAR: '*';
ARROW: '->';
SLASH: '/';
DOT: '.';
UNDERSCORE: '_';

INTEGER: [0-9]+;

// Kebab-case is checked later, with a precise message; `%` escapes keywords.
ID: '%'? [a-zA-Z] [a-zA-Z0-9-]*;

DOC_LINE_COMMENT: '///' ~[\n]* -> channel(HIDDEN);
LINE_COMMENT: '//' ~[\n]* -> channel(HIDDEN);
DOC_BLOCK_COMMENT: '/**' (BLOCK_COMMENT | .)*? '*/' -> channel(HIDDEN);
BLOCK_COMMENT: '/*' (BLOCK_COMMENT | .)*? '*/' -> channel(HIDDEN);

WS: [ \t\r\n]+ -> channel(HIDDEN);
