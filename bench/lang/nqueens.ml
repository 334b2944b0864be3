(* nqueens 11: count the solutions by building every one of them as a list
   of column numbers (the Koka benchmark's algorithm): list allocation,
   pattern matching, short-lived data. *)

(* Is a queen in column [queen] safe from the queens [qs], the nearest
   of which is [diag] rows away? *)
let rec safe queen diag qs =
  match qs with
  | [] -> true
  | q :: rest ->
    queen <> q && queen <> q + diag && queen <> q - diag
    && safe queen (diag + 1) rest

(* Adds to [xss] every extension of the partial solution [xs] by a queen in
   column [queen], [queen - 1], ..., 1. *)
let rec append_safe queen xs xss =
  if queen <= 0 then xss
  else if safe queen 1 xs then append_safe (queen - 1) xs ((queen :: xs) :: xss)
  else append_safe (queen - 1) xs xss

let rec extend n acc xss =
  match xss with
  | [] -> acc
  | xs :: rest -> extend n (append_safe n xs acc) rest

(* All the ways to place [row] queens on the first [row] rows of an n x n
   board. *)
let rec find_solutions n row =
  if row = 0 then [ [] ] else extend n [] (find_solutions n (row - 1))

let () = print_endline (string_of_int (List.length (find_solutions 11 11)))
