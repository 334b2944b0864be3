(* The reserved module Prim of the fl stdlib, written in OCaml for the
   check. Every precondition that the compiler's version may assume is
   checked here, and a violation raises Prim_misuse, which no test expects:
   a stdlib function that would read or write out of bounds fails the check
   instead of passing by luck. (Whether a written string came from
   string_create cannot be checked in OCaml; see README.md.) *)

exception Prim_misuse of string

let misuse what = raise (Prim_misuse what)

let string_length = String.length

let string_unsafe_get s i =
  if i < 0 || i >= String.length s then misuse "string_unsafe_get" else String.unsafe_get s i

let string_create n =
  if n < 0 then misuse "string_create" else Bytes.unsafe_to_string (Bytes.make n '\000')

let string_unsafe_set s i c =
  if i < 0 || i >= String.length s then misuse "string_unsafe_set"
  else Bytes.unsafe_set (Bytes.unsafe_of_string s) i c

let string_blit src srcoff dst dstoff len =
  if len < 0 || srcoff < 0 || srcoff > String.length src - len || dstoff < 0
     || dstoff > String.length dst - len
  then misuse "string_blit"
  else Bytes.blit_string src srcoff (Bytes.unsafe_of_string dst) dstoff len

let array_make n x = if n < 0 then misuse "array_make" else Array.make n x

let array_length = Array.length

let array_unsafe_get a i =
  if i < 0 || i >= Array.length a then misuse "array_unsafe_get" else Array.unsafe_get a i

let array_unsafe_set a i x =
  if i < 0 || i >= Array.length a then misuse "array_unsafe_set" else Array.unsafe_set a i x

let float_sqrt = Stdlib.sqrt
let float_sin = Stdlib.sin
let float_cos = Stdlib.cos
let float_tan = Stdlib.tan
let float_atan = Stdlib.atan
let float_exp = Stdlib.exp
let float_log = Stdlib.log
let float_floor = Stdlib.floor
let float_ceil = Stdlib.ceil
let float_atan2 = Stdlib.atan2
let float_pow = Stdlib.( ** )

(* fl prints every nan as "nan" (LANGUAGE.md 4); OCaml prints "-nan" for
   one with the sign bit set. *)
let string_of_float f = if Float.is_nan f then "nan" else Stdlib.string_of_float f

let float_of_string_opt = Stdlib.float_of_string_opt
let int_of_string_opt = Stdlib.int_of_string_opt
