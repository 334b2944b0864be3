(* Tests of the fl standard modules, run as OCaml by run.sh. The modules
   are those of flstd.ml (the .fl files); OCaml's own are reached as
   Stdlib.X and serve as references. Runs with a 1 MiB stack: the tests on
   million-element lists fail if anything recurses along the list. *)

open Flstd
open Prelude

let checks = ref 0
let failures = ref 0

let fail name msg =
  Stdlib.incr failures;
  Printf.printf "FAIL %s%s\n%!" name (if msg = "" then "" else ": " ^ msg)

let check name ok = Stdlib.incr checks; if not ok then fail name ""

let raises name expected f =
  Stdlib.incr checks;
  match f () with
  | _ -> fail name "no exception"
  | exception e ->
    if e <> expected then
      fail name (Printf.sprintf "raised %s, expected %s" (Printexc.to_string e) (Printexc.to_string expected))

(* The calls made by a function under test, in order. *)
let calls = ref []
let called x = calls := x :: !calls
let calls_in_order () = let l = Stdlib.List.rev !calls in calls := []; l

let output () =
  let s = Stdlib.Buffer.contents Flb.output in
  Stdlib.Buffer.clear Flb.output;
  s

let rng = Random.State.make [| 20261127 |]
let rand n = Random.State.int rng n
let random_list n range = Stdlib.List.init n (fun _ -> rand range)

let million = 1_000_000
let big = List.init million (fun i -> i)

(* ------------------------------------------------------------------------ *)
(* Signatures: every function of LANGUAGE.md 8.1 (the fl part) and 8.2,
   with OCaml's types and the argument orders of section 9. *)

module type PRELUDE = sig
  val id : 'a -> 'a
  val fst : 'a * 'b -> 'a
  val snd : 'a * 'b -> 'b
  val failwith : string -> 'a
  val invalid_arg : string -> 'a
  val incr : int ref -> unit
  val decr : int ref -> unit
  val min : 'a -> 'a -> 'a
  val max : 'a -> 'a -> 'a
  val print : 'a -> unit
  val string_of_float : float -> string
  val print_float : float -> unit
  val print_char : char -> unit
  val int_of_string_opt : string -> int option
  val int_of_string : string -> int
  val float_of_string : string -> float
end

module type LIST = sig
  val length : 'a list -> int
  val hd : 'a list -> 'a
  val tl : 'a list -> 'a list
  val nth : 'a list -> int -> 'a
  val rev : 'a list -> 'a list
  val append : 'a list -> 'a list -> 'a list
  val rev_append : 'a list -> 'a list -> 'a list
  val concat : 'a list list -> 'a list
  val flatten : 'a list list -> 'a list
  val map : ('a -> 'b) -> 'a list -> 'b list
  val mapi : (int -> 'a -> 'b) -> 'a list -> 'b list
  val map2 : ('a -> 'b -> 'c) -> 'a list -> 'b list -> 'c list
  val iter : ('a -> unit) -> 'a list -> unit
  val iteri : (int -> 'a -> unit) -> 'a list -> unit
  val fold_left : ('a -> 'b -> 'a) -> 'a -> 'b list -> 'a
  val fold_right : ('a -> 'b -> 'b) -> 'a list -> 'b -> 'b
  val filter : ('a -> bool) -> 'a list -> 'a list
  val filter_map : ('a -> 'b option) -> 'a list -> 'b list
  val find : ('a -> bool) -> 'a list -> 'a
  val find_opt : ('a -> bool) -> 'a list -> 'a option
  val exists : ('a -> bool) -> 'a list -> bool
  val for_all : ('a -> bool) -> 'a list -> bool
  val mem : 'a -> 'a list -> bool
  val assoc : 'a -> ('a * 'b) list -> 'b
  val assoc_opt : 'a -> ('a * 'b) list -> 'b option
  val mem_assoc : 'a -> ('a * 'b) list -> bool
  val partition : ('a -> bool) -> 'a list -> 'a list * 'a list
  val split : ('a * 'b) list -> 'a list * 'b list
  val combine : 'a list -> 'b list -> ('a * 'b) list
  val sort : ('a -> 'a -> int) -> 'a list -> 'a list
  val stable_sort : ('a -> 'a -> int) -> 'a list -> 'a list
  val sort_uniq : ('a -> 'a -> int) -> 'a list -> 'a list
  val init : int -> (int -> 'a) -> 'a list
  val iter2 : ('a -> 'b -> unit) -> 'a list -> 'b list -> unit
  val fold_left2 : ('a -> 'b -> 'c -> 'a) -> 'a -> 'b list -> 'c list -> 'a
  val concat_map : ('a -> 'b list) -> 'a list -> 'b list
end

module type STRING = sig
  val length : string -> int
  val get : string -> int -> char
  val sub : string -> int -> int -> string
  val concat : string -> string list -> string
  val make : int -> char -> string
  val init : int -> (int -> char) -> string
  val index : string -> char -> int
  val index_opt : string -> char -> int option
  val contains : string -> char -> bool
  val starts_with : string -> string -> bool
  val ends_with : string -> string -> bool
  val split_on_char : char -> string -> string list
  val trim : string -> string
  val uppercase_ascii : string -> string
  val lowercase_ascii : string -> string
  val equal : string -> string -> bool
  val compare : string -> string -> int
  val iter : (char -> unit) -> string -> unit
  val map : (char -> char) -> string -> string
  val to_list : string -> char list
  val of_list : char list -> string
end

module type CHAR = sig
  val code : char -> int
  val chr : int -> char
  val is_digit : char -> bool
  val is_alpha : char -> bool
  val is_space : char -> bool
  val uppercase : char -> char
  val lowercase : char -> char
end

module type INT = sig
  val max_int : int
  val min_int : int
  val to_string : int -> string
  val of_string : string -> int
  val abs : int -> int
end

module type FLOAT = sig
  val sqrt : float -> float
  val sin : float -> float
  val cos : float -> float
  val tan : float -> float
  val atan : float -> float
  val atan2 : float -> float -> float
  val exp : float -> float
  val log : float -> float
  val pow : float -> float -> float
  val floor : float -> float
  val ceil : float -> float
  val round : float -> float
  val abs : float -> float
  val of_int : int -> float
  val to_int : float -> int
  val pi : float
  val infinity : float
  val nan : float
  val is_nan : float -> bool
  val to_string : float -> string
  val of_string : string -> float
end

module type ARRAY = sig
  val make : int -> 'a -> 'a array
  val init : int -> (int -> 'a) -> 'a array
  val length : 'a array -> int
  val get : 'a array -> int -> 'a
  val set : 'a array -> int -> 'a -> unit
  val map : ('a -> 'b) -> 'a array -> 'b array
  val mapi : (int -> 'a -> 'b) -> 'a array -> 'b array
  val iter : ('a -> unit) -> 'a array -> unit
  val iteri : (int -> 'a -> unit) -> 'a array -> unit
  val fold_left : ('a -> 'b -> 'a) -> 'a -> 'b array -> 'a
  val fold_right : ('b -> 'a -> 'a) -> 'b array -> 'a -> 'a
  val to_list : 'a array -> 'a list
  val of_list : 'a list -> 'a array
  val copy : 'a array -> 'a array
  val fill : 'a array -> int -> int -> 'a -> unit
  val blit : 'a array -> int -> 'a array -> int -> int -> unit
  val sort : ('a -> 'a -> int) -> 'a array -> unit
  val append : 'a array -> 'a array -> 'a array
  val sub : 'a array -> int -> int -> 'a array
  val make_matrix : int -> int -> 'a -> 'a array array
end

module type OPTION = sig
  val get : 'a option -> 'a
  val value : 'a option -> 'a -> 'a
  val map : ('a -> 'b) -> 'a option -> 'b option
  val bind : 'a option -> ('a -> 'b option) -> 'b option
  val is_some : 'a option -> bool
  val is_none : 'a option -> bool
  val default : 'a -> 'a option -> 'a
end

module type RESULT = sig
  val map : ('a -> 'b) -> ('a, 'e) result -> ('b, 'e) result
  val bind : ('a, 'e) result -> ('a -> ('b, 'e) result) -> ('b, 'e) result
  val is_ok : ('a, 'e) result -> bool
  val get_ok : ('a, 'e) result -> 'a
end

module type MAP = sig
  type ('k, 'v) t
  val empty : ('k, 'v) t
  val add : 'k -> 'v -> ('k, 'v) t -> ('k, 'v) t
  val find : 'k -> ('k, 'v) t -> 'v
  val find_opt : 'k -> ('k, 'v) t -> 'v option
  val mem : 'k -> ('k, 'v) t -> bool
  val remove : 'k -> ('k, 'v) t -> ('k, 'v) t
  val update : 'k -> ('v option -> 'v option) -> ('k, 'v) t -> ('k, 'v) t
  val size : ('k, 'v) t -> int
  val fold : ('k -> 'v -> 'a -> 'a) -> ('k, 'v) t -> 'a -> 'a
  val iter : ('k -> 'v -> unit) -> ('k, 'v) t -> unit
  val to_list : ('k, 'v) t -> ('k * 'v) list
  val of_list : ('k * 'v) list -> ('k, 'v) t
  val keys : ('k, 'v) t -> 'k list
  val values : ('k, 'v) t -> 'v list
  val min_binding_opt : ('k, 'v) t -> ('k * 'v) option
end

module type HASHTBL = sig
  type ('k, 'v) t
  val create : int -> ('k, 'v) t
  val replace : ('k, 'v) t -> 'k -> 'v -> unit
  val add : ('k, 'v) t -> 'k -> 'v -> unit
  val find : ('k, 'v) t -> 'k -> 'v
  val find_opt : ('k, 'v) t -> 'k -> 'v option
  val mem : ('k, 'v) t -> 'k -> bool
  val remove : ('k, 'v) t -> 'k -> unit
  val length : ('k, 'v) t -> int
  val iter : ('k -> 'v -> unit) -> ('k, 'v) t -> unit
  val fold : ('k -> 'v -> 'a -> 'a) -> ('k, 'v) t -> 'a -> 'a
  val to_list : ('k, 'v) t -> ('k * 'v) list
  val clear : ('k, 'v) t -> unit
end

module type BUFFER = sig
  type t
  val create : int -> t
  val add_string : t -> string -> unit
  val add_char : t -> char -> unit
  val contents : t -> string
  val length : t -> int
  val clear : t -> unit
end

module _ : PRELUDE = Prelude
module _ : LIST = List
module _ : STRING = String
module _ : CHAR = Char
module _ : INT = Int
module _ : FLOAT = Float
module _ : ARRAY = Array
module _ : OPTION = Option
module _ : RESULT = Result
module _ : MAP = Map
module _ : HASHTBL = Hashtbl
module _ : BUFFER = Buffer

(* ------------------------------------------------------------------------ *)
(* Prelude *)

let () =
  check "id" (id 3 = 3 && id "a" = "a");
  check "fst snd" (fst (1, "a") = 1 && snd (1, "a") = "a");
  raises "failwith" (Failure "boom") (fun () -> failwith "boom");
  raises "invalid_arg" (Invalid_argument "bad") (fun () -> invalid_arg "bad");
  let r = ref 5 in
  incr r; incr r; decr r;
  check "incr decr" (!r = 6);
  check "min max" (min 3 4 = 3 && max 3 4 = 4 && min "b" "a" = "a" && max [1] [1; 0] = [1; 0]);
  (* ties: min returns its first argument, max its first too (OCaml) *)
  let a = (1, ref 0) and b = (1, ref 0) in
  check "min tie" (min a b == a && max a b == a);
  ignore (output ());
  print 42;
  print "hi";
  print_float 2.0;
  print_float 0.1;
  print_char 'x';
  print_float (0.0 /. 0.0);
  check "print" (output () = "42\n\"hi\"\n2.0.1xnan");
  check "string_of_float" (string_of_float 1.5 = "1.5" && string_of_float 1e20 = "1e+20"
                           && string_of_float (-3.) = "-3." && string_of_float Float.infinity = "inf");
  check "int_of_string" (int_of_string "42" = 42 && int_of_string "-7" = -7 && int_of_string "0x2A" = 42
                         && int_of_string "0b1010" = 10 && int_of_string "1_000" = 1000);
  raises "int_of_string bad" (Failure "int_of_string") (fun () -> int_of_string "4x");
  raises "int_of_string empty" (Failure "int_of_string") (fun () -> int_of_string "");
  check "int_of_string_opt" (int_of_string_opt "12" = Some 12 && int_of_string_opt "z" = None);
  check "float_of_string" (float_of_string "2.5" = 2.5 && float_of_string "1e3" = 1000.
                           && float_of_string "3" = 3.);
  raises "float_of_string bad" (Failure "float_of_string") (fun () -> float_of_string "abc")

(* ------------------------------------------------------------------------ *)
(* List *)

let () =
  let l = [5; 3; 9; 1; 7] in
  check "length" (List.length l = 5 && List.length [] = 0);
  check "hd tl" (List.hd l = 5 && List.tl l = [3; 9; 1; 7]);
  raises "hd []" (Failure "hd") (fun () -> List.hd []);
  raises "tl []" (Failure "tl") (fun () -> List.tl []);
  check "nth" (List.nth l 0 = 5 && List.nth l 4 = 7);
  raises "nth short" (Failure "nth") (fun () -> List.nth l 5);
  raises "nth []" (Failure "nth") (fun () -> List.nth [] 0);
  raises "nth negative" (Invalid_argument "List.nth") (fun () -> List.nth l (-1));
  raises "nth negative []" (Invalid_argument "List.nth") (fun () -> List.nth [] (-1));
  check "rev" (List.rev l = [7; 1; 9; 3; 5] && List.rev [] = []);
  check "append" (List.append [1; 2] [3] = [1; 2; 3] && List.append [] [1] = [1] && List.append [1] [] = [1]);
  check "rev_append" (List.rev_append [1; 2] [3; 4] = [2; 1; 3; 4]);
  check "concat" (List.concat [[1]; []; [2; 3]; []] = [1; 2; 3] && List.concat [] = []);
  check "flatten" (List.flatten [[1; 2]; [3]] = [1; 2; 3]);
  check "map" (List.map (fun x -> x * 2) l = [10; 6; 18; 2; 14]);
  ignore (List.map called l);
  check "map order" (calls_in_order () = l);
  check "mapi" (List.mapi (fun i x -> i * x) l = [0; 3; 18; 3; 28]);
  ignore (List.mapi (fun i _ -> called i) l);
  check "mapi order" (calls_in_order () = [0; 1; 2; 3; 4]);
  check "map2" (List.map2 (fun a b -> a - b) [10; 20] [1; 2] = [9; 18]);
  raises "map2 lengths" (Invalid_argument "List.map2") (fun () -> List.map2 (fun a b -> a + b) [1; 2] [1]);
  raises "map2 lengths'" (Invalid_argument "List.map2") (fun () -> List.map2 (fun a b -> a + b) [1] [1; 2]);
  ignore (List.map2 (fun a b -> called (a + b)) [1; 2; 3] [10; 20; 30]);
  check "map2 order" (calls_in_order () = [11; 22; 33]);
  List.iter called l;
  check "iter" (calls_in_order () = l);
  List.iteri (fun i x -> called (i * 100 + x)) l;
  check "iteri" (calls_in_order () = [5; 103; 209; 301; 407]);
  check "fold_left" (List.fold_left (fun acc x -> acc * 10 + x) 0 [1; 2; 3] = 123);
  check "fold_right" (List.fold_right (fun x acc -> x - acc) l 0 = 17);
  check "fold_right cons" (List.fold_right (fun x acc -> x :: acc) l [] = l);
  ignore (List.fold_right (fun x () -> called x) [1; 2; 3] ());
  check "fold_right order" (calls_in_order () = [3; 2; 1]);
  check "filter" (List.filter (fun x -> x mod 3 <> 0) l = [5; 1; 7]);
  ignore (List.filter (fun x -> called x; true) l);
  check "filter order" (calls_in_order () = l);
  check "filter_map" (List.filter_map (fun x -> if x > 4 then Some (x * 10) else None) l = [50; 90; 70]);
  check "find" (List.find (fun x -> x > 5) l = 9);
  raises "find" Not_found (fun () -> List.find (fun x -> x > 50) l);
  check "find_opt" (List.find_opt (fun x -> x > 5) l = Some 9 && List.find_opt (fun x -> x > 50) l = None);
  check "exists" (List.exists (fun x -> x = 1) l && not (List.exists (fun x -> x = 2) l) && not (List.exists (fun _ -> true) []));
  check "for_all" (List.for_all (fun x -> x > 0) l && not (List.for_all (fun x -> x > 1) l) && List.for_all (fun _ -> false) []);
  check "mem" (List.mem 9 l && not (List.mem 2 l) && List.mem [1] [[0]; [1]]);
  check "mem nan" (List.mem Float.nan [1.; Float.nan]);
  let al = [(1, "one"); (2, "two"); (1, "uno")] in
  check "assoc" (List.assoc 1 al = "one" && List.assoc 2 al = "two");
  raises "assoc" Not_found (fun () -> List.assoc 3 al);
  check "assoc_opt" (List.assoc_opt 2 al = Some "two" && List.assoc_opt 3 al = None);
  check "mem_assoc" (List.mem_assoc 1 al && not (List.mem_assoc 3 al));
  check "partition" (List.partition (fun x -> x < 5) l = ([3; 1], [5; 9; 7]));
  check "split" (List.split [(1, 'a'); (2, 'b')] = ([1; 2], ['a'; 'b']) && List.split [] = ([], []));
  check "combine" (List.combine [1; 2] ['a'; 'b'] = [(1, 'a'); (2, 'b')]);
  raises "combine" (Invalid_argument "List.combine") (fun () -> List.combine [1] []);
  check "init" (List.init 4 (fun i -> i * i) = [0; 1; 4; 9] && List.init 0 (fun i -> i) = []);
  raises "init negative" (Invalid_argument "List.init") (fun () -> List.init (-1) (fun i -> i));
  ignore (List.init 5 called);
  check "init order" (calls_in_order () = [0; 1; 2; 3; 4]);
  List.iter2 (fun a b -> called (a * b)) [1; 2] [3; 4];
  check "iter2" (calls_in_order () = [3; 8]);
  raises "iter2" (Invalid_argument "List.iter2") (fun () -> List.iter2 (fun _ _ -> ()) [1] [1; 2]);
  check "fold_left2" (List.fold_left2 (fun acc x y -> acc + x * y) 0 [1; 2; 3] [4; 5; 6] = 32);
  raises "fold_left2" (Invalid_argument "List.fold_left2") (fun () -> List.fold_left2 (fun a _ _ -> a) 0 [1] []);
  check "concat_map" (List.concat_map (fun x -> [x; x]) [1; 2] = [1; 1; 2; 2] && List.concat_map (fun _ -> []) [1] = []);
  ignore (List.concat_map (fun x -> called x; []) [1; 2; 3]);
  check "concat_map order" (calls_in_order () = [1; 2; 3]);
  check "sort" (List.sort compare l = [1; 3; 5; 7; 9] && List.sort compare [] = [] && List.sort compare [1] = [1]);
  check "sort desc" (List.sort (fun a b -> compare b a) l = [9; 7; 5; 3; 1]);
  check "sort_uniq" (List.sort_uniq compare [3; 1; 3; 2; 1] = [1; 2; 3]);
  (* stable: against OCaml's stable sort, on pairs sorted by their first part *)
  let by_key (a, _) (b, _) = compare a b in
  for n = 0 to 300 do
    let pairs = Stdlib.List.mapi (fun i k -> (k, i)) (random_list n (1 + n / 4)) in
    check (Printf.sprintf "stable_sort %d" n) (List.stable_sort by_key pairs = Stdlib.List.stable_sort by_key pairs);
    check (Printf.sprintf "sort %d" n) (List.sort by_key pairs = Stdlib.List.stable_sort by_key pairs);
    let ints = random_list n (1 + n / 3) in
    check (Printf.sprintf "sort_uniq %d" n) (List.sort_uniq compare ints = Stdlib.List.sort_uniq compare ints)
  done;
  (* sort_uniq keeps the first of equal elements *)
  check "sort_uniq first" (List.sort_uniq by_key [(2, 0); (1, 1); (2, 2); (1, 3)] = [(1, 1); (2, 0)])

(* A million elements, with a 1 MiB stack. *)
let () =
  let n = million in
  check "big init" (List.length big = n);
  check "big rev" (List.hd (List.rev big) = n - 1);
  check "big append" (List.length (List.append big big) = 2 * n);
  check "big rev_append" (List.length (List.rev_append big big) = 2 * n);
  check "big concat" (List.length (List.concat [big; []; big]) = 2 * n);
  check "big concat many" (List.length (List.concat (List.map (fun x -> [x]) big)) = n);
  check "big flatten" (List.length (List.flatten [big; big]) = 2 * n);
  let m = List.map (fun x -> x + 1) big in
  check "big map" (List.nth m (n - 1) = n && List.hd m = 1);
  check "big mapi" (List.nth (List.mapi (fun i x -> i + x) big) (n - 1) = 2 * (n - 1));
  check "big map2" (List.length (List.map2 ( + ) big big) = n);
  let s = ref 0 in
  List.iter (fun x -> s := !s + x) big;
  check "big iter" (!s = n * (n - 1) / 2);
  List.iteri (fun i _ -> s := !s - i) big;
  check "big iteri" (!s = 0);
  check "big fold_left" (List.fold_left ( + ) 0 big = n * (n - 1) / 2);
  check "big fold_right" (List.fold_right ( + ) big 0 = n * (n - 1) / 2);
  check "big fold_right cons" (List.nth (List.fold_right (fun x acc -> x :: acc) big []) 7 = 7);
  check "big filter" (List.length (List.filter (fun x -> x mod 2 = 0) big) = n / 2);
  check "big filter_map" (List.length (List.filter_map (fun x -> if x mod 2 = 0 then Some x else None) big) = n / 2);
  check "big find" (List.find (fun x -> x = n - 1) big = n - 1);
  check "big find_opt" (List.find_opt (fun x -> x = n) big = None);
  check "big exists" (List.exists (fun x -> x = n - 1) big);
  check "big for_all" (List.for_all (fun x -> x >= 0) big);
  check "big mem" (not (List.mem n big));
  let pairs = List.combine big big in
  check "big combine" (List.length pairs = n);
  check "big assoc" (List.assoc (n - 1) pairs = n - 1);
  check "big assoc_opt" (List.assoc_opt n pairs = None);
  check "big mem_assoc" (not (List.mem_assoc n pairs));
  let (a, b) = List.split pairs in
  check "big split" (List.length a = n && List.length b = n);
  let (e, o) = List.partition (fun x -> x mod 2 = 0) big in
  check "big partition" (List.length e = n / 2 && List.length o = n / 2);
  check "big nth" (List.nth big (n - 1) = n - 1);
  let shuffled = List.map (fun x -> (x * 7919) mod n) big in
  check "big sort" (List.sort compare shuffled = big);
  check "big stable_sort" (List.stable_sort compare (List.rev big) = big);
  check "big sort_uniq" (List.length (List.sort_uniq compare (List.append shuffled big)) = n);
  let cnt = ref 0 in
  List.iter2 (fun x y -> if x = y then Stdlib.incr cnt) big big;
  check "big iter2" (!cnt = n);
  check "big fold_left2" (List.fold_left2 (fun acc x y -> acc + x - y) 0 big big = 0);
  check "big concat_map" (List.length (List.concat_map (fun x -> [x; x]) big) = 2 * n)

(* ------------------------------------------------------------------------ *)
(* Char, Int, Float *)

let () =
  check "Char.code" (Char.code 'A' = 65 && Char.code '\xff' = 255);
  check "Char.chr" (Char.chr 97 = 'a' && Char.chr 0 = '\x00' && Char.chr 255 = '\xff');
  raises "Char.chr 256" (Invalid_argument "Char.chr") (fun () -> Char.chr 256);
  raises "Char.chr -1" (Invalid_argument "Char.chr") (fun () -> Char.chr (-1));
  for i = 0 to 255 do
    let c = Stdlib.Char.chr i in
    check (Printf.sprintf "Char classes %d" i)
      (Char.is_digit c = (c >= '0' && c <= '9')
       && Char.is_alpha c = (Stdlib.Char.lowercase_ascii c <> Stdlib.Char.uppercase_ascii c)
       && Char.is_space c = (Stdlib.String.trim (Stdlib.String.make 1 c) = "")
       && Char.uppercase c = Stdlib.Char.uppercase_ascii c
       && Char.lowercase c = Stdlib.Char.lowercase_ascii c)
  done;
  check "Int limits" (Int.max_int = Stdlib.max_int && Int.min_int = Stdlib.min_int
                      && Int.max_int + 1 = Int.min_int && Int.min_int < 0);
  check "Int.to_string" (Int.to_string (-12) = "-12");
  check "Int.of_string" (Int.of_string "-12" = -12);
  raises "Int.of_string" (Failure "int_of_string") (fun () -> Int.of_string "1.5");
  check "Int.abs" (Int.abs (-3) = 3 && Int.abs 3 = 3 && Int.abs Int.min_int = Int.min_int);
  let close a b = Stdlib.Float.abs (a -. b) < 1e-12 in
  check "Float.pi" (Float.pi = Stdlib.Float.pi);
  check "Float consts" (Float.infinity = Stdlib.infinity && Float.is_nan Float.nan
                        && not (Float.is_nan 1.0) && not (Float.is_nan Float.infinity));
  check "Float fns" (Float.sqrt 2.0 = Stdlib.sqrt 2.0 && close (Float.sin 1.0) (Stdlib.sin 1.0)
                     && close (Float.cos 1.0) (Stdlib.cos 1.0) && close (Float.tan 1.0) (Stdlib.tan 1.0)
                     && close (Float.atan 1.0) (Stdlib.Float.pi /. 4.)
                     && close (Float.atan2 1.0 (-1.0)) (3. *. Stdlib.Float.pi /. 4.)
                     && close (Float.exp 1.0) (Stdlib.exp 1.0) && close (Float.log (Float.exp 2.)) 2.
                     && Float.pow 2. 10. = 1024. && Float.floor (-1.5) = -2. && Float.ceil (-1.5) = -1.);
  let rounds =
    [ 0.5; -0.5; 1.5; -1.5; 2.5; 0.49999999999999994; -0.49999999999999994; 0.0; -0.0; 0.3; -0.3;
      4503599627370495.5; 4503599627370497.0; 1e300; -1e300; Stdlib.infinity; Stdlib.neg_infinity;
      2.675; -7.5; 123456.5 ]
  in
  Stdlib.List.iter
    (fun x ->
      let r = Float.round x and e = Stdlib.Float.round x in
      check (Printf.sprintf "Float.round %h" x) (Stdlib.Int64.bits_of_float r = Stdlib.Int64.bits_of_float e))
    rounds;
  for _ = 1 to 10000 do
    let x = (Random.State.float rng 200.) -. 100. in
    check "Float.round random" (Float.round x = Stdlib.Float.round x)
  done;
  check "Float.round nan" (Float.is_nan (Float.round Float.nan));
  check "Float.abs" (Float.abs (-2.5) = 2.5 && Float.abs 2.5 = 2.5
                     && Stdlib.Int64.bits_of_float (Float.abs (-0.0)) = 0L
                     && Float.abs Stdlib.neg_infinity = Stdlib.infinity && Float.is_nan (Float.abs Float.nan));
  check "Float.of_int to_int" (Float.of_int 3 = 3.0 && Float.to_int 3.9 = 3 && Float.to_int (-3.9) = -3);
  check "Float.to_string" (Float.to_string 2.0 = "2." && Float.to_string 0.1 = "0.1"
                           && Float.to_string Float.nan = "nan" && Float.to_string (-. Float.infinity) = "-inf");
  check "Float.of_string" (Float.of_string "0.25" = 0.25);
  raises "Float.of_string" (Failure "float_of_string") (fun () -> Float.of_string "x1")

(* ------------------------------------------------------------------------ *)
(* String *)

let () =
  let s = "Hello, fl world" in
  check "length" (String.length s = 15 && String.length "" = 0);
  check "get" (String.get s 4 = 'o' && s.[0] = 'H');
  raises "get" (Invalid_argument "index out of bounds") (fun () -> String.get s 15);
  raises "get -1" (Invalid_argument "index out of bounds") (fun () -> String.get s (-1));
  raises ".[]" (Invalid_argument "index out of bounds") (fun () -> s.[15]);
  check "sub" (String.sub s 7 2 = "fl" && String.sub s 0 0 = "" && String.sub s 15 0 = "" && String.sub s 0 15 = s);
  Stdlib.List.iter
    (fun (o, l) ->
      raises (Printf.sprintf "sub %d %d" o l) (Invalid_argument "String.sub / Bytes.sub") (fun () -> String.sub s o l))
    [ (-1, 2); (0, -1); (14, 2); (16, 0); (0, 16); (max_int, 2) ];
  check "concat" (String.concat ", " ["a"; "bc"; ""; "d"] = "a, bc, , d" && String.concat "," [] = ""
                  && String.concat "" ["x"; "y"] = "xy" && String.concat "-" ["one"] = "one");
  check "make" (String.make 3 'z' = "zzz" && String.make 0 'z' = "");
  raises "make" (Invalid_argument "Bytes.create") (fun () -> String.make (-1) 'a');
  check "init" (String.init 5 (fun i -> Char.chr (97 + i)) = "abcde" && String.init 0 (fun _ -> 'a') = "");
  raises "init" (Invalid_argument "Bytes.create") (fun () -> String.init (-1) (fun _ -> 'a'));
  ignore (String.init 4 (fun i -> called i; 'a'));
  check "init order" (calls_in_order () = [0; 1; 2; 3]);
  check "index" (String.index s ',' = 5 && String.index s 'l' = 2);
  raises "index" Not_found (fun () -> String.index s 'z');
  check "index_opt" (String.index_opt s 'w' = Some 10 && String.index_opt s 'z' = None && String.index_opt "" 'a' = None);
  check "contains" (String.contains s 'w' && not (String.contains s 'z') && not (String.contains "" 'a'));
  check "starts_with" (String.starts_with "Hell" s && String.starts_with "" s && not (String.starts_with "hell" s)
                       && String.starts_with s s && not (String.starts_with (s ^ "!") s) && String.starts_with "" "");
  check "ends_with" (String.ends_with "world" s && String.ends_with "" s && not (String.ends_with "worl" s)
                     && not (String.ends_with ("!" ^ s) s) && String.ends_with "" "");
  check "split_on_char" (String.split_on_char ' ' s = ["Hello,"; "fl"; "world"]
                         && String.split_on_char ',' "" = [""] && String.split_on_char ',' "," = [""; ""]
                         && String.split_on_char ',' ",a,,b," = [""; "a"; ""; "b"; ""]);
  check "trim" (String.trim "   padded  \n" = "padded" && String.trim "" = "" && String.trim " \t\r\n\x0c" = ""
                && String.trim "x" = "x" && String.trim "\x0bx\x0b" = "\x0bx\x0b" && String.trim " a b " = "a b");
  check "uppercase_ascii" (String.uppercase_ascii s = "HELLO, FL WORLD" && String.uppercase_ascii "\xe9a" = "\xe9A");
  check "lowercase_ascii" (String.lowercase_ascii "HeLLo, \xc9" = "hello, \xc9");
  check "equal" (String.equal "abc" ("ab" ^ "c") && not (String.equal "abc" "abd"));
  check "compare" (String.compare "apple" "banana" = -1 && String.compare "b" "a" = 1 && String.compare "a" "a" = 0
                   && String.compare "ab" "abc" = -1);
  String.iter (fun c -> called (Char.code c)) "abc";
  check "iter" (calls_in_order () = [97; 98; 99]);
  check "map" (String.map (fun c -> if c = 'l' then 'L' else c) s = "HeLLo, fL worLd" && String.map Char.uppercase "" = "");
  ignore (String.map (fun c -> called (Char.code c); c) "xyz");
  check "map order" (calls_in_order () = [120; 121; 122]);
  check "to_list" (String.to_list "abc" = ['a'; 'b'; 'c'] && String.to_list "" = []);
  check "of_list" (String.of_list ['a'; 'b'] = "ab" && String.of_list [] = "");
  (* random agreement with OCaml *)
  for _ = 1 to 2000 do
    let n = rand 12 in
    let str = Stdlib.String.init n (fun _ -> "ab, \t\nc".[rand 7]) in
    let c = "ab, ".[rand 4] in
    check ("split_on_char " ^ Stdlib.String.escaped str) (String.split_on_char c str = Stdlib.String.split_on_char c str);
    check ("trim " ^ Stdlib.String.escaped str) (String.trim str = Stdlib.String.trim str);
    check ("index_opt " ^ str) (String.index_opt str c = Stdlib.String.index_opt str c);
    let o = rand (n + 2) - 1 and l = rand (n + 2) - 1 in
    let expected = try Ok (Stdlib.String.sub str o l) with e -> Error e in
    let got = try Ok (String.sub str o l) with e -> Error e in
    check "sub random" (got = expected);
    let p = Stdlib.String.sub str 0 (rand (n + 1)) in
    check "starts_with random" (String.starts_with p str = Stdlib.String.starts_with ~prefix:p str);
    check "ends_with random" (String.ends_with p str = Stdlib.String.ends_with ~suffix:p str)
  done;
  (* long strings and lists *)
  let long = String.concat "," (List.map string_of_int big) in
  check "big concat" (String.length long = Stdlib.String.length (Stdlib.String.concat "," (List.map string_of_int big)));
  check "big split_on_char" (List.length (String.split_on_char ',' long) = million);
  let chars = String.to_list (String.make million 'q') in
  check "big to_list" (List.length chars = million);
  check "big of_list" (String.of_list chars = String.make million 'q')

(* ------------------------------------------------------------------------ *)
(* Array *)

let () =
  let a = Array.make 3 7 in
  check "make" (a = [| 7; 7; 7 |] && Array.make 0 'x' = [||]);
  raises "make" (Invalid_argument "Array.make") (fun () -> Array.make (-1) 0);
  check "init" (Array.init 4 (fun i -> i * i) = [| 0; 1; 4; 9 |] && Array.init 0 (fun i -> i) = [||]);
  raises "init" (Invalid_argument "Array.init") (fun () -> Array.init (-1) (fun i -> i));
  ignore (Array.init 4 called);
  check "init order" (calls_in_order () = [0; 1; 2; 3]);
  check "length" (Array.length a = 3 && Array.length [||] = 0);
  Array.set a 1 5;
  check "get set" (Array.get a 1 = 5 && a.(1) = 5);
  raises "get" (Invalid_argument "index out of bounds") (fun () -> Array.get a 3);
  raises "get -1" (Invalid_argument "index out of bounds") (fun () -> Array.get a (-1));
  raises "set" (Invalid_argument "index out of bounds") (fun () -> Array.set a 3 0);
  raises ".()" (Invalid_argument "index out of bounds") (fun () -> a.(3));
  let b = [| 1; 2; 3 |] in
  check "map" (Array.map (fun x -> x * 10) b = [| 10; 20; 30 |] && Array.map (fun x -> x) [||] = [||]);
  ignore (Array.map called b);
  check "map order" (calls_in_order () = [1; 2; 3]);
  check "mapi" (Array.mapi (fun i x -> i + x) b = [| 1; 3; 5 |] && Array.mapi (fun _ x -> x) [||] = [||]);
  ignore (Array.mapi (fun i _ -> called i) b);
  check "mapi order" (calls_in_order () = [0; 1; 2]);
  Array.iter called b;
  check "iter" (calls_in_order () = [1; 2; 3]);
  Array.iteri (fun i x -> called (10 * i + x)) b;
  check "iteri" (calls_in_order () = [1; 12; 23]);
  check "fold_left" (Array.fold_left (fun acc x -> acc * 10 + x) 0 b = 123);
  check "fold_right" (Array.fold_right (fun x acc -> acc * 10 + x) b 0 = 321
                      && Array.fold_right (fun x acc -> x :: acc) b [] = [1; 2; 3]);
  check "to_list" (Array.to_list b = [1; 2; 3] && Array.to_list [||] = []);
  check "of_list" (Array.of_list [1; 2; 3] = b && Array.of_list [] = [||]);
  let c = Array.copy b in
  c.(0) <- 9;
  check "copy" (b = [| 1; 2; 3 |] && c = [| 9; 2; 3 |] && Array.copy [||] = [||]);
  let f = Array.make 5 0 in
  Array.fill f 1 3 8;
  check "fill" (f = [| 0; 8; 8; 8; 0 |]);
  Array.fill f 5 0 1;
  check "fill empty" (f = [| 0; 8; 8; 8; 0 |]);
  Stdlib.List.iter
    (fun (o, l) -> raises (Printf.sprintf "fill %d %d" o l) (Invalid_argument "Array.fill") (fun () -> Array.fill f o l 0))
    [ (-1, 1); (0, -1); (3, 3); (6, 0) ];
  let g = [| 1; 2; 3; 4; 5 |] in
  Array.blit g 0 g 1 4;
  check "blit overlap right" (g = [| 1; 1; 2; 3; 4 |]);
  let g = [| 1; 2; 3; 4; 5 |] in
  Array.blit g 1 g 0 4;
  check "blit overlap left" (g = [| 2; 3; 4; 5; 5 |]);
  let h = Array.make 3 0 in
  Array.blit [| 7; 8 |] 0 h 1 2;
  check "blit" (h = [| 0; 7; 8 |]);
  Stdlib.List.iter
    (fun (so, d, l) ->
      raises (Printf.sprintf "blit %d %d %d" so d l) (Invalid_argument "Array.blit") (fun () -> Array.blit b so h d l))
    [ (-1, 0, 1); (0, -1, 1); (0, 0, -1); (2, 0, 2); (0, 2, 2); (4, 0, 0) ];
  check "append" (Array.append [| 1 |] [| 2; 3 |] = [| 1; 2; 3 |] && Array.append [||] [| 1 |] = [| 1 |]
                  && Array.append [| 1 |] [||] = [| 1 |] && Array.append [||] [||] = [||]);
  let ap = Array.append b [||] in
  ap.(0) <- 0;
  check "append copies" (b.(0) = 1);
  check "sub" (Array.sub b 1 2 = [| 2; 3 |] && Array.sub b 3 0 = [||] && Array.sub b 0 3 = b);
  Stdlib.List.iter
    (fun (o, l) -> raises (Printf.sprintf "sub %d %d" o l) (Invalid_argument "Array.sub") (fun () -> Array.sub b o l))
    [ (-1, 1); (0, -1); (2, 2); (4, 0) ];
  let m = Array.make_matrix 2 3 0 in
  m.(0).(1) <- 5;
  check "make_matrix" (m = [| [| 0; 5; 0 |]; [| 0; 0; 0 |] |] && Array.make_matrix 0 (-1) 'a' = [||]);
  raises "make_matrix x" (Invalid_argument "Array.make") (fun () -> Array.make_matrix (-1) 2 0);
  raises "make_matrix y" (Invalid_argument "Array.make") (fun () -> Array.make_matrix 2 (-1) 0);
  (* sort: in place and stable, against OCaml's stable_sort *)
  let by_key (x, _) (y, _) = compare x y in
  for n = 0 to 200 do
    let pairs = Stdlib.Array.of_list (Stdlib.List.mapi (fun i k -> (k, i)) (random_list n (1 + n / 4))) in
    let mine = Stdlib.Array.copy pairs in
    Array.sort by_key mine;
    Stdlib.Array.stable_sort by_key pairs;
    check (Printf.sprintf "Array.sort %d" n) (mine = pairs)
  done;
  let large = Array.init 300_001 (fun i -> (i * 7919) mod 300_001) in
  Array.sort compare large;
  check "Array.sort large" (large = Array.init 300_001 (fun i -> i));
  let desc = Array.init 1000 (fun i -> i) in
  Array.sort (fun x y -> compare y x) desc;
  check "Array.sort desc" (desc = Array.init 1000 (fun i -> 999 - i));
  let arr = Array.of_list big in
  check "big of_list" (Array.length arr = million && arr.(million - 1) = million - 1);
  check "big to_list" (Array.to_list arr = big);
  check "big fold_right" (List.length (Array.fold_right (fun x acc -> x :: acc) arr []) = million)

(* ------------------------------------------------------------------------ *)
(* Option, Result *)

let () =
  check "Option.get" (Option.get (Some 3) = 3);
  raises "Option.get None" (Invalid_argument "option is None") (fun () -> Option.get None);
  check "Option.value" (Option.value (Some 1) 2 = 1 && Option.value None 2 = 2);
  check "Option.default" (Option.default 2 (Some 1) = 1 && Option.default 2 None = 2);
  check "Option.map" (Option.map succ (Some 1) = Some 2 && Option.map succ None = None);
  check "Option.bind" (Option.bind (Some 1) (fun x -> Some (x, x)) = Some (1, 1)
                       && Option.bind (Some 1) (fun _ -> (None : int option)) = None
                       && Option.bind None (fun x -> Some x) = (None : int option));
  check "Option.is_some is_none" (Option.is_some (Some 0) && not (Option.is_some None)
                                  && Option.is_none None && not (Option.is_none (Some 0)));
  let ok : (int, string) result = Ok 2 and err : (int, string) result = Error "e" in
  check "Result.map" (Result.map succ ok = Ok 3 && Result.map succ err = Error "e");
  check "Result.bind" (Result.bind ok (fun x -> if x > 1 then Ok (x * 2) else Error "small") = Ok 4
                       && Result.bind ok (fun _ -> (Error "no" : (int, string) result)) = Error "no"
                       && Result.bind err (fun x -> Ok x) = Error "e");
  check "Result.is_ok" (Result.is_ok ok && not (Result.is_ok err));
  check "Result.get_ok" (Result.get_ok ok = 2);
  raises "Result.get_ok Error" (Invalid_argument "result is Error _") (fun () -> Result.get_ok err)

(* ------------------------------------------------------------------------ *)
(* Map *)

(* The AVL invariants: keys in order, heights right, balance within 2. *)
let rec map_valid (m : ('k, 'v) Map.t) lo hi =
  match m with
  | Map.Empty -> Some 0
  | Map.Node (l, k, _, r, h) -> (
    let in_range = (match lo with Some x -> compare x k < 0 | None -> true)
                   && (match hi with Some y -> compare k y < 0 | None -> true) in
    match (map_valid l lo (Some k), map_valid r (Some k) hi) with
    | (Some hl, Some hr) when in_range && Stdlib.abs (hl - hr) <= 2 && h = 1 + Stdlib.max hl hr -> Some h
    | _ -> None)

module IntMap = Stdlib.Map.Make (Stdlib.Int)

let () =
  let m = List.fold_left (fun m (k, v) -> Map.add k v m) Map.empty
      [("pear", 3); ("apple", 5); ("fig", 1); ("apple", 7)] in
  check "size" (Map.size m = 3 && Map.size Map.empty = 0);
  check "find" (Map.find "apple" m = 7 && Map.find "fig" m = 1);
  raises "find" Not_found (fun () -> Map.find "kiwi" m);
  check "find_opt" (Map.find_opt "pear" m = Some 3 && Map.find_opt "kiwi" m = None);
  check "mem" (Map.mem "fig" m && not (Map.mem "kiwi" m));
  check "keys values" (Map.keys m = ["apple"; "fig"; "pear"] && Map.values m = [7; 1; 3]);
  check "to_list" (Map.to_list m = [("apple", 7); ("fig", 1); ("pear", 3)] && Map.to_list Map.empty = []);
  let m2 = Map.remove "pear" m in
  check "remove" (Map.mem "pear" m && not (Map.mem "pear" m2) && Map.size m2 = 2);
  check "remove absent" (Map.to_list (Map.remove "kiwi" m) = Map.to_list m);
  check "fold" (Map.fold (fun k v acc -> (k, v) :: acc) m [] = [("pear", 3); ("fig", 1); ("apple", 7)]);
  Map.iter (fun _ v -> called v) m;
  check "iter" (calls_in_order () = [7; 1; 3]);
  check "min_binding_opt" (Map.min_binding_opt m = Some ("apple", 7) && Map.min_binding_opt Map.empty = None);
  let m3 = Map.update "fig" (function Some n -> Some (n * 100) | None -> None) m in
  check "update change" (Map.find "fig" m3 = 100 && Map.find "fig" m = 1);
  let m4 = Map.update "kiwi" (function None -> Some 9 | Some n -> Some n) m in
  check "update add" (Map.find "kiwi" m4 = 9 && Map.size m4 = 4);
  let m5 = Map.update "apple" (fun _ -> None) m in
  check "update remove" (Map.keys m5 = ["fig"; "pear"]);
  let m6 = Map.update "kiwi" (fun _ -> None) m in
  check "update absent" (Map.to_list m6 = Map.to_list m);
  let pm = Map.of_list [((2, "b"), 1.5); ((1, "z"), 2.5); ((1, "a"), 0.5)] in
  check "tuple keys" (Map.keys pm = [(1, "a"); (1, "z"); (2, "b")]);
  check "of_list last wins" (Map.to_list (Map.of_list [(1, "a"); (2, "b"); (1, "c")]) = [(1, "c"); (2, "b")]);
  check "of_list empty" (Map.size (Map.of_list []) = 0);
  (* random operations against OCaml's Map, invariants checked throughout *)
  let mine = ref Map.empty and theirs = ref IntMap.empty in
  for step = 1 to 20000 do
    let k = rand 500 in
    (match rand 4 with
     | 0 | 1 -> mine := Map.add k step !mine; theirs := IntMap.add k step !theirs
     | 2 -> mine := Map.remove k !mine; theirs := IntMap.remove k !theirs
     | _ ->
       let f = function Some v when v mod 2 = 0 -> None | Some v -> Some (v + 1) | None -> Some k in
       mine := Map.update k f !mine;
       theirs := IntMap.update k f !theirs);
    if step mod 1000 = 0 then begin
      check "map random valid" (map_valid !mine None None <> None);
      check "map random bindings" (Map.to_list !mine = IntMap.bindings !theirs);
      check "map random size" (Map.size !mine = IntMap.cardinal !theirs)
    end;
    check "map random find" (Map.find_opt k !mine = IntMap.find_opt k !theirs)
  done;
  (* big: sequential keys (the worst case for an unbalanced tree) *)
  let bigm = Map.of_list (List.map (fun i -> (i, i * 2)) big) in
  check "big map valid" (map_valid bigm None None <> None);
  check "big map size" (Map.size bigm = million);
  check "big map to_list" (List.length (Map.to_list bigm) = million && Map.keys bigm = big);
  check "big map values" (List.nth (Map.values bigm) 10 = 20);
  check "big map fold" (Map.fold (fun _ v acc -> acc + v) bigm 0 = million * (million - 1));
  let shrunk = List.fold_left (fun m i -> if i mod 3 = 0 then Map.remove i m else m) bigm big in
  check "big map remove" (map_valid shrunk None None <> None && Map.size shrunk = million - (million + 2) / 3)

(* ------------------------------------------------------------------------ *)
(* Hashtbl *)

(* OCaml's Hashtbl is the reference: same semantics of add/replace/remove. *)
let hashtbl_against_ocaml name nkeys steps =
  let mine = Hashtbl.create 1 and theirs = Stdlib.Hashtbl.create 1 in
  let sorted h = Stdlib.List.sort compare h in
  for step = 1 to steps do
    let k = (rand nkeys, "k") in
    (match rand 5 with
     | 0 | 1 -> Hashtbl.add mine k step; Stdlib.Hashtbl.add theirs k step
     | 2 -> Hashtbl.replace mine k step; Stdlib.Hashtbl.replace theirs k step
     | _ -> Hashtbl.remove mine k; Stdlib.Hashtbl.remove theirs k);
    check (name ^ " find_opt") (Hashtbl.find_opt mine k = Stdlib.Hashtbl.find_opt theirs k);
    check (name ^ " length") (Hashtbl.length mine = Stdlib.Hashtbl.length theirs);
    if step mod 500 = 0 then begin
      let all = Stdlib.Hashtbl.fold (fun k v acc -> (k, v) :: acc) theirs [] in
      check (name ^ " to_list") (sorted (Hashtbl.to_list mine) = sorted all);
      check (name ^ " fold") (sorted (Hashtbl.fold (fun k v acc -> (k, v) :: acc) mine []) = sorted all);
      let seen = ref [] in
      Hashtbl.iter (fun k v -> seen := (k, v) :: !seen) mine;
      check (name ^ " iter") (sorted !seen = sorted all);
      (* the bindings of one key: newest first, in iter as in find_all *)
      let k = (rand nkeys, "k") in
      let mine_k = Stdlib.List.rev (Hashtbl.fold (fun k2 v acc -> if k2 = k then v :: acc else acc) mine []) in
      check (name ^ " shadowing order") (mine_k = Stdlib.Hashtbl.find_all theirs k)
    end
  done

let () =
  let h = Hashtbl.create 16 in
  Hashtbl.add h "a" 1;
  Hashtbl.add h "b" 2;
  Hashtbl.add h "a" 3;
  check "add shadows" (Hashtbl.find h "a" = 3 && Hashtbl.length h = 3);
  Hashtbl.replace h "a" 4;
  check "replace newest" (Hashtbl.find h "a" = 4 && Hashtbl.length h = 3);
  Hashtbl.remove h "a";
  check "remove uncovers" (Hashtbl.find h "a" = 1 && Hashtbl.length h = 2);
  Hashtbl.remove h "a";
  check "remove last" (not (Hashtbl.mem h "a") && Hashtbl.find_opt h "a" = None && Hashtbl.length h = 1);
  raises "find" Not_found (fun () -> Hashtbl.find h "a");
  Hashtbl.remove h "zzz";
  check "remove absent" (Hashtbl.length h = 1);
  Hashtbl.replace h "c" 5;
  check "replace adds" (Hashtbl.find h "c" = 5 && Hashtbl.length h = 2 && Hashtbl.mem h "c");
  check "to_list" (Stdlib.List.sort compare (Hashtbl.to_list h) = [("b", 2); ("c", 5)]);
  check "fold" (Hashtbl.fold (fun _ v acc -> v + acc) h 0 = 7);
  Hashtbl.clear h;
  check "clear" (Hashtbl.length h = 0 && Hashtbl.to_list h = [] && not (Hashtbl.mem h "b"));
  Hashtbl.add h "d" 1;
  check "after clear" (Hashtbl.find h "d" = 1);
  let z = Hashtbl.create (-5) in
  Hashtbl.replace z 1 1;
  check "create negative" (Hashtbl.find z 1 = 1);
  let keyed = Hashtbl.create 8 in
  Hashtbl.replace keyed (1, "a") [1.5];
  Hashtbl.replace keyed (2, "b") [];
  check "structured keys" (Hashtbl.find keyed (1, "a") = [1.5] && Hashtbl.find keyed (2, "b") = []);
  hashtbl_against_ocaml "hashtbl" 300 20000;
  Flb.hash_mode := Flb.Constant;
  hashtbl_against_ocaml "hashtbl colliding" 50 5000;
  (* one bucket of 200,000 bindings: walks must be loops *)
  let c = Hashtbl.create 1 in
  for i = 0 to 199_999 do Hashtbl.add c i i done;
  check "colliding find" (Hashtbl.find c 0 = 0 && Hashtbl.mem c 199_999);
  Hashtbl.replace c 0 7;
  check "colliding replace" (Hashtbl.find c 0 = 7);
  Hashtbl.remove c 0;
  check "colliding remove" (not (Hashtbl.mem c 0) && Hashtbl.length c = 199_999);
  check "colliding fold" (Hashtbl.fold (fun _ _ n -> n + 1) c 0 = 199_999);
  (* an int hashing to itself: multiples of 1024 must still spread *)
  Flb.hash_mode := Flb.Identity;
  let w = Hashtbl.create 16 in
  for i = 1 to 100_000 do Hashtbl.replace w (i * 1024) i done;
  let rec bucket_length b n = match b with Hashtbl.Nil -> n | Hashtbl.Cons (_, _, rest) -> bucket_length rest (n + 1) in
  let longest = Stdlib.Array.fold_left (fun m b -> Stdlib.max m (bucket_length b 0)) 0 w.Hashtbl.buckets in
  check (Printf.sprintf "weak hash spread (longest bucket %d)" longest) (longest <= 16);
  check "weak hash find" (Hashtbl.find w (777 * 1024) = 777);
  Flb.hash_mode := Flb.Ocaml;
  let b = Hashtbl.create 1 in
  List.iter (fun i -> Hashtbl.replace b (i * 1024) i) big;
  check "big length" (Hashtbl.length b = million);
  check "big find" (Hashtbl.find b (500 * 1024) = 500 && not (Hashtbl.mem b 1));
  check "big to_list" (List.length (Hashtbl.to_list b) = million);
  check "big buckets" (Stdlib.Array.length b.Hashtbl.buckets >= million / 2)

(* ------------------------------------------------------------------------ *)
(* Buffer *)

let () =
  let b = Buffer.create 16 in
  check "empty" (Buffer.contents b = "" && Buffer.length b = 0);
  for i = 1 to 5 do Buffer.add_string b (string_of_int i); Buffer.add_char b ',' done;
  check "contents" (Buffer.contents b = "1,2,3,4,5," && Buffer.length b = 10);
  let snapshot = Buffer.contents b in
  Buffer.add_string b "more";
  check "contents is a copy" (snapshot = "1,2,3,4,5,");
  Buffer.clear b;
  check "clear" (Buffer.length b = 0 && Buffer.contents b = "");
  Buffer.add_char b 'x';
  check "after clear" (Buffer.contents b = "x");
  let z = Buffer.create 0 in
  Buffer.add_string z "";
  Buffer.add_string z "abc";
  check "create 0" (Buffer.contents z = "abc");
  let n = Buffer.create (-3) in
  Buffer.add_string n (String.make 100 'y');
  check "create negative" (Buffer.contents n = String.make 100 'y');
  (* random against OCaml's Buffer *)
  let mine = Buffer.create 1 and theirs = Stdlib.Buffer.create 1 in
  for _ = 1 to 20000 do
    match rand 10 with
    | 0 -> let s = Stdlib.String.make (rand 40) 'a' in Buffer.add_string mine s; Stdlib.Buffer.add_string theirs s
    | 1 when rand 50 = 0 -> Buffer.clear mine; Stdlib.Buffer.clear theirs
    | _ -> let c = Stdlib.Char.chr (rand 256) in Buffer.add_char mine c; Stdlib.Buffer.add_char theirs c
  done;
  check "buffer random" (Buffer.contents mine = Stdlib.Buffer.contents theirs
                         && Buffer.length mine = Stdlib.Buffer.length theirs);
  let big = Buffer.create 1 in
  for _ = 1 to million do Buffer.add_char big 'z' done;
  check "big buffer" (Buffer.length big = million && Buffer.contents big = String.make million 'z')

let () =
  Printf.printf "%d checks, %d failures\n" !checks !failures;
  if !failures > 0 then exit 1
