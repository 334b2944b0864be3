// Where contract clauses end: `let f x requires x = 0 = x + 1`.
//
// A clause ends at the binding's `=`, which is also a comparison. The
// answer is the one ANTLR's full LL prediction gave when the grammar left
// it to that: every choice in the clause is greedy unless the binding then
// fails to parse, so the clause ends at the last `=` after which the
// binding parses (the second one here: `x = 0`, then `x + 1`). Prediction
// found it by reading from each `=` of the clause to the end of the
// binding, along more ways at each `=`: cubic, minutes for a few hundred
// `=` or a long body. Here each clause tries its possible ends once, from
// the last, and the one that works becomes a CLAUSE_EQ token, which no
// expression takes, so that the parse can be greedy there too.
#pragma once

#include "CommonTokenStream.h"

namespace fl::parse {

// Retypes as CLAUSE_EQ the `=` that ends each binding's contract clauses.
// `tokens` must be filled; it is left at its start.
void mark_contract_ends(antlr4::CommonTokenStream& tokens);

}  // namespace fl::parse
