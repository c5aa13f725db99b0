// Tokens of a string that may hold IAM policy variables: ${key}, ${key, 'default'}, ${*}, ${?}, ${$}.
// Outside a variable every character is text or a wildcard, so the default mode never fails.
lexer grammar PolicyVariableLexer;

VAR_OPEN : '${' -> pushMode(VARIABLE);
STAR     : '*';
QUESTION : '?';
DOLLAR   : '$';
TEXT     : ~[$*?]+;

mode VARIABLE;

SPECIAL   : [*?$];
COMMA     : ',';
SPACE     : [ \t\r\n]+;
QUOTED    : '\'' ~[']* '\'';
KEY       : ~[ \t\r\n,'{}$*?]+;
VAR_CLOSE : '}' -> popMode;
// Anything else inside ${...} (a stray quote, a nested brace) is a token the parser rejects.
OTHER     : .;
