(* rbtree 1,000,000: a persistent red-black tree with Okasaki's insertion
   (balance by pattern matching, path copying). Inserts 1,000,000 keys
   drawn from a linear congruential generator (about 940,000 distinct),
   then folds over the tree for the number of nodes and the sum of the
   keys: allocation, nested pattern matching, a large live heap. *)

type color = Red | Black
type tree = Leaf | Node of color * tree * int * tree

let balance c l k r =
  match c, l, k, r with
  | Black, Node (Red, Node (Red, a, x, b), y, c), z, d
  | Black, Node (Red, a, x, Node (Red, b, y, c)), z, d
  | Black, a, x, Node (Red, Node (Red, b, y, c), z, d)
  | Black, a, x, Node (Red, b, y, Node (Red, c, z, d)) ->
    Node (Red, Node (Black, a, x, b), y, Node (Black, c, z, d))
  | c, l, k, r -> Node (c, l, k, r)

let insert key t =
  let rec ins t =
    match t with
    | Leaf -> Node (Red, Leaf, key, Leaf)
    | Node (c, l, k, r) ->
      if key < k then balance c (ins l) k r
      else if key > k then balance c l k (ins r)
      else t
  in
  match ins t with
  | Node (_, l, k, r) -> Node (Black, l, k, r)
  | Leaf -> failwith "insert: empty result"

(* The generator: x' = (1103515245 x + 12345) mod 2^31. Every value and
   product stays below 2^62, so it is the same with 63-bit (OCaml) and
   64-bit (fl, C) integers. The key is its top 23 bits. *)
let next x = (x * 1103515245 + 12345) land 0x7FFFFFFF

let rec build n x t =
  if n = 0 then t
  else
    let x = next x in
    build (n - 1) x (insert (x lsr 8) t)

let rec fold f acc t =
  match t with
  | Leaf -> acc
  | Node (_, l, k, r) -> fold f (f (fold f acc l) k) r

let () =
  let t = build 1_000_000 42 Leaf in
  print_endline (string_of_int (fold (fun n _ -> n + 1) 0 t));
  print_endline (string_of_int (fold (fun s k -> s + k) 0 t))
