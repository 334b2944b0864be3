// A value that no clause matches, as found by the exhaustiveness check, and
// its printing in fl syntax for the error message.
#pragma once

#include <string>
#include <vector>

#include "match/matrix.h"

namespace fl::match {

struct Witness {
  bool any = true;  // `_`: any value will do
  Head head;        // otherwise
  std::vector<Witness> args;
};

// Prints with minimal parentheses:
//   constructors  `None`, `Some 0`, `Some (Some _)`, `Node (Leaf, _, Node _)`,
//                 and `Node _` when every argument of several is `_`
//   lists         `[]`, `[_; true]` when the spine ends in `[]`, else `_ :: _`
//   tuples        `(_, false)`
//   records       `{ x = 0; _ }` (only the fields that matter; `_` if none)
//   literals      `0`, `'a'`, `""`, `0.`; arrays `[||]`, `[|_; _|]`
std::string print_witness(const Witness& w);

}  // namespace fl::match
