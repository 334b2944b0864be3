// The whole syntax of fl (docs: LANGUAGE.md sections 1, 4 and 9).
//
// Precedence lives in two left-recursive rules, `exprNoSeq` and
// `simpleExpr`: ANTLR gives the first alternative the highest precedence, so
// their alternatives are listed in the order of the table of section 4
// (level 1 in simpleExpr, levels 2 to 14 in exprNoSeq). Level 15 (`;`) is the
// rule `expr`, so that list elements, record fields and contracts can ask
// for an expression without a sequence. Level 16 (`let`, `match`, `fun`,
// `function`, `try`) are primaries of exprNoSeq whose last part is a whole
// `expr`: they may end any operand and extend as far right as possible.
// See lang/README.md.
grammar Fl;

// The `=` that ends a binding's contract clauses (see `contract`); the
// lexer never makes one.
tokens { CLAUSE_EQ }

@lexer::members {
  // The type of the last token handed to the parser, for TOP_LET.
  size_t previousType = antlr4::Token::INVALID_TYPE;

  std::unique_ptr<antlr4::Token> nextToken() override {
    auto token = antlr4::Lexer::nextToken();
    previousType = token->getType();
    return token;
  }

  // `(* ... *)` nests, and a string inside a comment may contain `*)`, as in
  // OCaml. The comment is skipped by hand after its `(*`: a recursive lexer
  // rule would recurse once per level inside the ATN simulator, and an
  // unterminated comment must become one token that can be reported: a
  // COMMENT token only ever reaches the token stream when it is unterminated.
  void skipNestedComment() {
    auto* sim = getInterpreter<antlr4::atn::LexerATNSimulator>();
    size_t depth = 1;
    auto next = [&](size_t k) { return _input->LA(static_cast<ssize_t>(k)); };
    while (true) {
      size_t c = next(1);
      if (c == antlr4::IntStream::EOF) return;
      if (c == '(' && next(2) == '*') {
        sim->consume(_input); sim->consume(_input);
        ++depth;
      } else if (c == '*' && next(2) == ')') {
        sim->consume(_input); sim->consume(_input);
        if (--depth == 0) { skip(); return; }
      } else if (c == '"') {
        sim->consume(_input);
        for (size_t d = next(1); d != '"' && d != antlr4::IntStream::EOF; d = next(1)) {
          if (d == '\\' && next(2) != antlr4::IntStream::EOF) sim->consume(_input);
          sim->consume(_input);
        }
        if (next(1) == '"') sim->consume(_input);
      } else if (c == '\'' && next(2) == '"' && next(3) == '\'') {
        sim->consume(_input); sim->consume(_input); sim->consume(_input);  // '"'
      } else {
        sim->consume(_input);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Files and top-level items.

// A bare expression may only start the file or follow `;;`, as in OCaml.
sourceFile : expr? topItem* EOF ;

topItem
  : item
  | ';;' expr?
  ;

// A `let` that starts the file or follows `;;` is a TOP_LET (see the
// lexer): it may be a top-level expression `let ... in e`. Elsewhere `let`
// starts an item, which has no `in`, as in OCaml.
item
  : TOP_LET 'rec'? letBinding ('and' letBinding)* ('in' expr)?   # topLetItem
  | 'let' 'rec'? letBinding ('and' letBinding)*        # letItem
  | 'type' typeDecl ('and' typeDecl)*                  # typeItem
  | 'exception' constructorDecl                        # exceptionItem
  | 'open' UIDENT                                      # openItem
  ;

// `let f (x : int) y : int requires ... ensures ... = body` or `let p : t = e`.
letBinding
  : LIDENT parameter+ (':' typeExpr)? (contract+ CLAUSE_EQ | '=') expr   # functionBinding
  | pattern (':' typeExpr)? (contract+ CLAUSE_EQ | '=') expr             # valueBinding
  ;

// A clause ends at the binding's `=`, but `=` is also a comparison:
// `requires x = 0 = x + 1` ends at the second `=`, the last one after which
// the binding still parses. Greedy SLL prediction (see parse/parser.cpp)
// would take every `=` into the clause, and full LL finds the right one
// only by reading from each `=` to the end of the binding, in cubic time;
// so parse/contract_ends.cpp finds it before the parse and makes it a
// CLAUSE_EQ, which no expression takes. No expression is followed by a
// plain `=` then, which also spares SLL reading to the end of `x = let ...`
// for a binding that `x` might have been a clause of.
contract : kind=('requires' | 'ensures') exprNoSeq ;

// What parse/contract_ends.cpp parses to try an end for a binding's last
// clause: the clause, then the body and what may follow a binding (the
// tokens its possible_ends stops at: keep the two alike).
clauseProbe : exprNoSeq CLAUSE_EQ ;
bodyProbe : expr ('and' | 'in' | ';;' | 'let' | TOP_LET | 'type' | 'exception' | 'open' | EOF) ;

parameter : simplePattern ;

// ---------------------------------------------------------------------------
// Expressions.

// Level 15: `e1; e2; ...` (right-associative; the builder folds it) with the
// trailing `;` that OCaml tolerates before `)`, `end`, `done`, `in`, `|`...
expr : exprNoSeq (';' exprNoSeq)* ';'? ;

exprNoSeq
  : exprNoSeq argument                                               # applyExpr
  | 'assert' argument                                                # assertExpr
  | op=('-' | '-.' | 'not') exprNoSeq                                # unaryExpr
  | <assoc=right> exprNoSeq op='**' exprNoSeq                        # powerExpr
  | exprNoSeq op=('*' | '/' | 'mod' | 'land' | 'lor' | 'lxor'
                 | 'lsl' | 'lsr' | 'asr' | '*.' | '/.') exprNoSeq    # mulExpr
  | exprNoSeq op=('+' | '-' | '+.' | '-.') exprNoSeq                 # addExpr
  | <assoc=right> exprNoSeq op='::' exprNoSeq                        # consExpr
  | <assoc=right> exprNoSeq op=('@' | '^' | '@@') exprNoSeq          # appendExpr
  | exprNoSeq op=('=' | '<>' | '<' | '>' | '<=' | '>=' | '==' | '!='
                 | '|>') exprNoSeq                                   # compareExpr
  | <assoc=right> exprNoSeq op='&&' exprNoSeq                        # andExpr
  | <assoc=right> exprNoSeq op='||' exprNoSeq                        # orExpr
  | exprNoSeq ',' exprNoSeq                                          # tupleExpr
  | <assoc=right> exprNoSeq op=('<-' | ':=') exprNoSeq               # assignExpr
  // Level 14: the branches are exprNoSeq, so `;` ends them; the greedy
  // `?` binds a dangling `else` to the innermost `if`.
  | 'if' expr 'then' exprNoSeq ('else' exprNoSeq)?                   # ifExpr
  | 'let' 'rec'? letBinding ('and' letBinding)* 'in' expr            # letExpr
  | 'match' expr 'with' matchCases                                   # matchExpr
  | 'fun' parameter+ '->' expr                                       # funExpr
  | 'function' matchCases                                            # functionExpr
  | 'try' expr 'with' matchCases                                     # tryExpr
  | simpleExpr                                                       # simple
  // `not` as a value at the head of an operand: `not @@ b`, `not |> f`.
  | 'not'                                                            # notValue
  ;

// `not` is a prefix operator at the head of an expression but, as in OCaml,
// also a function value that can be passed: `List.filter not bs`.
argument
  : simpleExpr
  | 'not'
  ;

// Level 1. `!` binds tighter than the postfix forms: `!r.x` is `(!r).x`.
simpleExpr
  : '!' simpleExpr                                  # derefExpr
  | simpleExpr '.' fieldPath                        # fieldExpr
  | simpleExpr '.' '(' expr ')'                     # indexExpr
  | simpleExpr '.' '[' expr ']'                     # stringIndexExpr
  | atom                                            # atomExpr
  ;

atom
  : constant                                                        # constantAtom
  | valuePath                                                       # varAtom
  | constrPath                                                      # constrAtom
  | '(' ')'                                                         # unitAtom
  | 'begin' 'end'                                                   # emptyBeginAtom
  | '(' operatorName ')'                                            # opValueAtom
  | '(' expr (':' typeExpr)? ')'                                    # parenAtom
  | 'begin' expr 'end'                                              # beginAtom
  | '[' (exprNoSeq (';' exprNoSeq)* ';'?)? ']'                      # listAtom
  | '[|' (exprNoSeq (';' exprNoSeq)* ';'?)? '|]'                    # arrayAtom
  | '{' recordField (';' recordField)* ';'? '}'                     # recordAtom
  | '{' simpleExpr 'with' recordField (';' recordField)* ';'? '}'   # recordUpdateAtom
  | 'while' expr 'do' expr 'done'                                   # whileAtom
  | 'for' var=(LIDENT | '_') '=' expr dir=('to' | 'downto') expr 'do' expr 'done'  # forAtom
  ;

// `{ x }` puns `{ x = x }`.
recordField : fieldPath ('=' exprNoSeq)? ;

constant : INT | FLOAT | CHAR | STRING | 'true' | 'false' ;

// Operators as values: `( + )`, `( *. )`, `( :: )`, `( ! )`...
operatorName
  : '+' | '-' | '*' | '/' | 'mod' | 'land' | 'lor' | 'lxor' | 'lsl' | 'lsr' | 'asr'
  | '+.' | '-.' | '*.' | '/.' | '**'
  | '=' | '<>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&&' | '||'
  | '::' | '@' | '^' | '|>' | '@@' | ':=' | '!' | 'not'
  ;

// The lexer makes `List.map` and `M.Some` single tokens, so a qualified name
// is never confused with a field access (`r.x`, `r.M.x`).
valuePath : LIDENT | QLIDENT ;
constrPath : UIDENT | QUIDENT ;
fieldPath : LIDENT | QLIDENT ;

// Cases of match / function / try. A nested match takes all the cases that
// follow it (the `*` loop is greedy), as in OCaml.
matchCases : '|'? matchCase ('|' matchCase)* ;
matchCase : pattern ('when' expr)? '->' expr ;

// ---------------------------------------------------------------------------
// Patterns, loosest last: `as` < `|` < `,` < `::` < constructor application.

pattern
  : constrPath simplePattern                # constructPattern
  | simplePattern                           # simplePatternP
  | <assoc=right> pattern '::' pattern      # consPattern
  | pattern ',' pattern                     # tuplePattern
  | pattern '|' pattern                     # orPattern
  | pattern 'as' LIDENT                     # aliasPattern
  ;

simplePattern
  : '_'                                                          # wildcardPattern
  | LIDENT                                                       # varPattern
  | constant                                                     # constantPattern
  | '-' (INT | FLOAT)                                            # negativePattern
  | constrPath                                                   # constrPattern
  | '(' ')'                                                      # unitPattern
  | '(' pattern (':' typeExpr)? ')'                              # parenPattern
  | '[' (pattern (';' pattern)* ';'?)? ']'                       # listPattern
  | '[|' (pattern (';' pattern)* ';'?)? '|]'                     # arrayPattern
  | '{' fieldPattern (';' fieldPattern)* (';' '_')? ';'? '}'     # recordPattern
  ;

// `{ x }` puns `{ x = x }`.
fieldPattern : fieldPath ('=' pattern)? ;

// ---------------------------------------------------------------------------
// Types: `->` (right) < `*` < postfix application `int list list`.

typeExpr : typeTuple ('->' typeExpr)? ;

typeTuple : typeApp ('*' typeApp)* ;

typeApp
  : typeAtom typeName*                                  # simpleTypeApp
  | '(' typeExpr (',' typeExpr)+ ')' typeName+          # multiArgTypeApp
  ;

typeAtom
  : TYVAR                   # typeVar
  | typeName                # typeConstr
  | '(' typeExpr ')'        # typeParen
  ;

typeName : LIDENT | QLIDENT ;

// Type declarations: `type ('a, 'b) t = ...`, variants, records, aliases.
typeDecl : typeParams? LIDENT ('=' typeRepr)? ;

typeParams
  : TYVAR
  | '(' TYVAR (',' TYVAR)* ')'
  ;

typeRepr
  : '|'? constructorDecl ('|' constructorDecl)*      # variantRepr
  | '{' fieldDecl (';' fieldDecl)* ';'? '}'          # recordRepr
  | typeExpr                                         # aliasRepr
  ;

// `of t1 * t2` declares two arguments, `of (t1 * t2)` one tuple.
constructorDecl : UIDENT ('of' typeExpr)? ;

fieldDecl : 'mutable'? LIDENT ':' typeExpr ;

// ---------------------------------------------------------------------------
// Lexer. The input is read as bytes (one byte, one character), so columns
// count bytes, as OCaml's do.

// Keywords (before the identifiers, which would match them too).
KW_AND : 'and' ;
KW_AS : 'as' ;
KW_ASSERT : 'assert' ;
KW_BEGIN : 'begin' ;
KW_DO : 'do' ;
KW_DONE : 'done' ;
KW_DOWNTO : 'downto' ;
KW_ELSE : 'else' ;
KW_END : 'end' ;
KW_ENSURES : 'ensures' ;
KW_EXCEPTION : 'exception' ;
KW_FALSE : 'false' ;
KW_FOR : 'for' ;
KW_FUN : 'fun' ;
KW_FUNCTION : 'function' ;
KW_IF : 'if' ;
KW_IN : 'in' ;
// A `let` at the start of the file or after `;;` may begin an item
// (`let x = e`) or an expression (`let x = e in body`). Giving it its own
// token type lets the parser decide with one token of lookahead; otherwise
// ANTLR looks through the whole binding for an `in`, which is slow and,
// on deeply nested input, recurses without bound.
KW_LET : 'let' {
  if (previousType == antlr4::Token::INVALID_TYPE || previousType == SEMISEMI) setType(TOP_LET);
} ;
KW_MATCH : 'match' ;
KW_MOD : 'mod' ;
KW_MUTABLE : 'mutable' ;
KW_NOT : 'not' ;
KW_OF : 'of' ;
KW_OPEN : 'open' ;
KW_REC : 'rec' ;
KW_REQUIRES : 'requires' ;
KW_THEN : 'then' ;
KW_TO : 'to' ;
KW_TRUE : 'true' ;
KW_TRY : 'try' ;
KW_TYPE : 'type' ;
KW_WHEN : 'when' ;
KW_WHILE : 'while' ;
KW_WITH : 'with' ;
// Infix keywords, reserved as in OCaml.
KW_LAND : 'land' ;
KW_LOR : 'lor' ;
KW_LXOR : 'lxor' ;
KW_LSL : 'lsl' ;
KW_LSR : 'lsr' ;
KW_ASR : 'asr' ;

COMMENT : '(*' { skipNestedComment(); } ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
WS : [ \t\r\n\f]+ -> skip ;

LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET_BAR : '[|' ;
BAR_RBRACKET : '|]' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
SEMISEMI : ';;' ;
SEMI : ';' ;
COLONCOLON : '::' ;
COLONEQ : ':=' ;
COLON : ':' ;
DOT : '.' ;
ARROW : '->' ;
LARROW : '<-' ;
EQEQ : '==' ;
EQ : '=' ;
NE : '<>' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
BANGEQ : '!=' ;
BANG : '!' ;
PIPEGT : '|>' ;
BARBAR : '||' ;
BAR : '|' ;
AMPAMP : '&&' ;
ATAT : '@@' ;
AT : '@' ;
CARET : '^' ;
PLUSDOT : '+.' ;
MINUSDOT : '-.' ;
STARDOT : '*.' ;
SLASHDOT : '/.' ;
STARSTAR : '**' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
UNDERSCORE : '_' ;

// Literals. Their escapes and ranges are checked in parse/literals.cpp,
// which can say precisely what is wrong.
INT
  : DECIMAL
  | '0' [xX] [0-9a-fA-F] [0-9a-fA-F_]*
  | '0' [oO] [0-7] [0-7_]*
  | '0' [bB] [01] [01_]*
  ;
FLOAT
  : DECIMAL '.' [0-9_]* EXPONENT?
  | DECIMAL EXPONENT
  ;
// Longer than any INT or FLOAT it overlaps, so `12ab` or `0x` is one error.
BAD_NUMBER : [0-9] [0-9a-zA-Z_]* ;
CHAR : '\'' ( ~['\\\r\n] | '\\' ( 'x' [0-9a-fA-F]* | ~[\r\n] ) ) '\'' ;
STRING : '"' ( ~["\\] | '\\' . )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\] | '\\' . )* ;
TYVAR : '\'' LOWER_NAME ;

QLIDENT : (UPPER_NAME '.')+ LOWER_NAME ;
QUIDENT : (UPPER_NAME '.')+ UPPER_NAME ;
UIDENT : UPPER_NAME ;
LIDENT : LOWER_NAME ;

// Never matched (KW_LET comes first and matches the same text): only set
// by KW_LET's action. Spelled as a sequence so that it is not an alias of
// the literal 'let'.
TOP_LET : 'l' 'e' 't' ;

// Anything else is an illegal character, reported before parsing.
ERROR_CHAR : . ;

fragment DECIMAL : [0-9] [0-9_]* ;
fragment EXPONENT : [eE] [+-]? [0-9] [0-9_]* ;
fragment UPPER_NAME : [A-Z] [a-zA-Z0-9_']* ;
fragment LOWER_NAME : [a-z_] [a-zA-Z0-9_']* ;
