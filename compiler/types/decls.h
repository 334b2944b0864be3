// The declarations the checker knows (TypeDef, Constructor, Field) live in
// types/type.h with the types that refer to them; this header names them
// for readers looking for "declarations".
#pragma once

#include "types/type.h"
