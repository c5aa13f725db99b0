// Arbiter's query language: three questions about an account.
//   can PRINCIPAL ACTION RESOURCE [with KEY = VALUE, KEY = [V1, V2], ...]
//   who can ACTION RESOURCE [with ...]
//   what can PRINCIPAL do [on RESOURCE] [in SERVICE] [with ...]
// Keywords are case-insensitive. A value is a bare word (an ARN, an action, user/NAME, ...) or a
// quoted string for values with spaces, commas, brackets or '='.
grammar Query;

query
  : (canQuery | whoQuery | whatQuery) EOF
  ;

canQuery
  : CAN principal=value action=value resource=value withClause?
  ;

whoQuery
  : WHO CAN action=value resource=value withClause?
  ;

whatQuery
  : WHAT CAN principal=value DO (ON resource=value)? (IN service=value)? withClause?
  ;

withClause
  : WITH assignment (COMMA assignment)*
  ;

assignment
  : key=value EQUALS (single=value | LBRACK (value (COMMA value)*)? RBRACK)
  ;

value
  : WORD
  | QUOTED
  ;

CAN    : [cC] [aA] [nN];
WHO    : [wW] [hH] [oO];
WHAT   : [wW] [hH] [aA] [tT];
DO     : [dD] [oO];
ON     : [oO] [nN];
IN     : [iI] [nN];
WITH   : [wW] [iI] [tT] [hH];
COMMA  : ',';
EQUALS : '=';
LBRACK : '[';
RBRACK : ']';
QUOTED : '"' (~["\\\r\n] | '\\' .)* '"' | '\'' (~['\\\r\n] | '\\' .)* '\'';
WORD   : ~[ \t\r\n,=[\]"']+;
WS     : [ \t\r\n]+ -> skip;
// A quote that is never closed: reported by the parser as an error at its column.
UNTERMINATED : ["'];
