(* The names every fl file sees without the stdlib: the language builtins
   and the compiler's prelude primitives (LANGUAGE.md 4, 5, 8.1). The fl
   files are compiled with -nopervasives -open Flb, so a stdlib file that
   uses anything else from OCaml's library fails to compile.

   Output goes to a buffer that the tests read. show and hash are
   stand-ins: show prints ints, floats, strings and blocks roughly as fl
   does, which is all the tests of `print` need; hash can be made weak
   (hash_mode) to test the hash table with colliding keys. *)

type 'a ref = 'a Stdlib.ref = { mutable contents : 'a }
type ('a, 'e) result = ('a, 'e) Stdlib.result = Ok of 'a | Error of 'e

exception Exit = Stdlib.Exit
exception Contract_failure of string
exception Deadlock

external raise : exn -> 'a = "%raise"

external ( = ) : 'a -> 'a -> bool = "%equal"
external ( <> ) : 'a -> 'a -> bool = "%notequal"
external ( < ) : 'a -> 'a -> bool = "%lessthan"
external ( > ) : 'a -> 'a -> bool = "%greaterthan"
external ( <= ) : 'a -> 'a -> bool = "%lessequal"
external ( >= ) : 'a -> 'a -> bool = "%greaterequal"
external compare : 'a -> 'a -> int = "%compare"
external ( == ) : 'a -> 'a -> bool = "%eq"
external ( != ) : 'a -> 'a -> bool = "%noteq"

external not : bool -> bool = "%boolnot"
external ( && ) : bool -> bool -> bool = "%sequand"
external ( || ) : bool -> bool -> bool = "%sequor"

external ( ~- ) : int -> int = "%negint"
external ( + ) : int -> int -> int = "%addint"
external ( - ) : int -> int -> int = "%subint"
external ( * ) : int -> int -> int = "%mulint"
external ( / ) : int -> int -> int = "%divint"
external ( mod ) : int -> int -> int = "%modint"
external ( land ) : int -> int -> int = "%andint"
external ( lor ) : int -> int -> int = "%orint"
external ( lxor ) : int -> int -> int = "%xorint"
external ( lsl ) : int -> int -> int = "%lslint"
external ( lsr ) : int -> int -> int = "%lsrint"
external ( asr ) : int -> int -> int = "%asrint"

external ( ~-. ) : float -> float = "%negfloat"
external ( +. ) : float -> float -> float = "%addfloat"
external ( -. ) : float -> float -> float = "%subfloat"
external ( *. ) : float -> float -> float = "%mulfloat"
external ( /. ) : float -> float -> float = "%divfloat"
let ( ** ) = Stdlib.( ** )

let ( ^ ) = Stdlib.( ^ )
let ( @ ) = Stdlib.( @ )
external ( |> ) : 'a -> ('a -> 'b) -> 'b = "%revapply"
external ( @@ ) : ('a -> 'b) -> 'a -> 'b = "%apply"

external ref : 'a -> 'a ref = "%makemutable"
external ( ! ) : 'a ref -> 'a = "%field0"
external ( := ) : 'a ref -> 'a -> unit = "%setfield0"

external ignore : 'a -> unit = "%ignore"
let succ = Stdlib.succ
let pred = Stdlib.pred
let abs = Stdlib.abs
let float_of_int = Stdlib.float_of_int
let int_of_float = Stdlib.int_of_float
let int_of_char = Stdlib.int_of_char
let char_of_int = Stdlib.char_of_int
let string_of_int = Stdlib.string_of_int
let string_of_bool = Stdlib.string_of_bool
let exit = Stdlib.exit

let output = Stdlib.Buffer.create 256
let print_string s = Stdlib.Buffer.add_string output s
let print_endline s = print_string s; print_string "\n"
let print_int n = print_string (Stdlib.string_of_int n)
let print_newline () = print_string "\n"
let prerr_endline s = print_string s; print_string "\n"
let read_line () = raise End_of_file

let rec show_repr (o : Obj.t) =
  if Obj.is_int o then Stdlib.string_of_int (Obj.obj o)
  else if Obj.tag o = Obj.string_tag then "\"" ^ Stdlib.String.escaped (Obj.obj o) ^ "\""
  else if Obj.tag o = Obj.double_tag then Prim.string_of_float (Obj.obj o)
  else
    "(" ^ Stdlib.String.concat ", " (Stdlib.List.init (Obj.size o) (fun i -> show_repr (Obj.field o i))) ^ ")"

let show x = show_repr (Obj.repr x)

(* Ocaml: Stdlib.Hashtbl.hash; Constant: every key collides; Identity: an
   int hashes to itself (weak low bits), anything else as Ocaml. *)
type hash_mode = Ocaml | Constant | Identity
let hash_mode = Stdlib.ref Ocaml
let hash x =
  match !hash_mode with
  | Ocaml -> Stdlib.Hashtbl.hash x
  | Constant -> 0
  | Identity -> if Obj.is_int (Obj.repr x) then (Obj.obj (Obj.repr x) : int) else Stdlib.Hashtbl.hash x

(* a.(i), a.(i) <- v and s.[i] mean Array.get, Array.set and String.get of
   whatever modules of those names are in scope: OCaml's checked ones here,
   the stdlib's own once array.fl and string.fl are defined. *)
module Array = struct
  let get = Stdlib.Array.get
  let set = Stdlib.Array.set
end

module String = struct
  let get = Stdlib.String.get
end
