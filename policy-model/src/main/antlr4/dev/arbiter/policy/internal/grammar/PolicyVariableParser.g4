// A string that may hold IAM policy variables (IAM User Guide, "Variables and tags").
parser grammar PolicyVariableParser;

options { tokenVocab = PolicyVariableLexer; }

template : part* EOF;

part
  : TEXT      # text
  | STAR      # star
  | QUESTION  # question
  | DOLLAR    # dollar
  | variable  # var
  ;

// ${*}, ${?} and ${$} stand for the literal character; a key may carry a quoted default,
// written after a comma and (as AWS documents it) one space.
variable
  : VAR_OPEN SPECIAL VAR_CLOSE                          # special
  | VAR_OPEN KEY (COMMA SPACE? QUOTED)? VAR_CLOSE       # keyed
  ;
