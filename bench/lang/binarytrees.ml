(* binary-trees 18: the Benchmarks Game program, single-threaded. Builds
   and walks many short-lived perfect binary trees while one long-lived
   tree stays alive: allocation and GC throughput. *)

type tree = Empty | Node of tree * tree

let rec make depth =
  if depth = 0 then Node (Empty, Empty)
  else Node (make (depth - 1), make (depth - 1))

let rec check t =
  match t with
  | Empty -> 0
  | Node (l, r) -> 1 + check l + check r

let min_depth = 4
let max_depth = max (min_depth + 2) 18
let stretch_depth = max_depth + 1

let () =
  let c = check (make stretch_depth) in
  print_endline
    ("stretch tree of depth " ^ string_of_int stretch_depth
     ^ "\t check: " ^ string_of_int c)

let long_lived_tree = make max_depth

let () =
  let d = ref min_depth in
  while !d <= max_depth do
    let iterations = 1 lsl (max_depth - !d + min_depth) in
    let c = ref 0 in
    for _i = 1 to iterations do
      c := !c + check (make !d)
    done;
    print_endline
      (string_of_int iterations ^ "\t trees of depth " ^ string_of_int !d
       ^ "\t check: " ^ string_of_int !c);
    d := !d + 2
  done;
  print_endline
    ("long lived tree of depth " ^ string_of_int max_depth
     ^ "\t check: " ^ string_of_int (check long_lived_tree))
