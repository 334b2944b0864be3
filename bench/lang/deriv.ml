(* deriv 10: the symbolic derivative benchmark of Koka (also in Lean's
   benchmarks): x^x differentiated ten times in a row with algebraic
   simplification on the fly, printing the size of each result: allocation
   of a large, shared expression tree, deep pattern matching. *)

type expr =
  | Val of int
  | Var of string
  | Add of expr * expr
  | Mul of expr * expr
  | Pow of expr * expr
  | Ln of expr

(* a to the power b by squaring (b >= 0; b < 0 gives a, as in the
   original) *)
let rec pown a b =
  if b = 0 then 1
  else if b = 1 then a
  else
    let h = pown a (b / 2) in
    h * h * (if b mod 2 = 0 then 1 else a)

let rec add x y =
  match x, y with
  | Val n, Val m -> Val (n + m)
  | Val 0, f -> f
  | f, Val 0 -> f
  | f, Val n -> add (Val n) f
  | Val n, Add (Val m, f) -> add (Val (n + m)) f
  | f, Add (Val n, g) -> add (Val n) (add f g)
  | Add (f, g), h -> add f (add g h)
  | f, g -> Add (f, g)

let rec mul x y =
  match x, y with
  | Val n, Val m -> Val (n * m)
  | Val 0, _ -> Val 0
  | _, Val 0 -> Val 0
  | Val 1, f -> f
  | f, Val 1 -> f
  | f, Val n -> mul (Val n) f
  | Val n, Mul (Val m, f) -> mul (Val (n * m)) f
  | f, Mul (Val n, g) -> mul (Val n) (mul f g)
  | Mul (f, g), h -> mul f (mul g h)
  | f, g -> Mul (f, g)

let pow x y =
  match x, y with
  | Val m, Val n -> Val (pown m n)
  | _, Val 0 -> Val 1
  | f, Val 1 -> f
  | Val 0, _ -> Val 0
  | f, g -> Pow (f, g)

let ln e =
  match e with
  | Val 1 -> Val 0
  | f -> Ln f

(* d/dx e *)
let rec d x e =
  match e with
  | Val _ -> Val 0
  | Var y -> if x = y then Val 1 else Val 0
  | Add (f, g) -> add (d x f) (d x g)
  | Mul (f, g) -> add (mul f (d x g)) (mul g (d x f))
  | Pow (f, g) ->
    mul (pow f g)
      (add (mul (mul g (d x f)) (pow f (Val (-1)))) (mul (ln f) (d x g)))
  | Ln f -> mul (d x f) (pow f (Val (-1)))

let rec count e =
  match e with
  | Val _ -> 1
  | Var _ -> 1
  | Add (f, g) -> count f + count g
  | Mul (f, g) -> count f + count g
  | Pow (f, g) -> count f + count g
  | Ln f -> count f

let rec nest i n e =
  if i = n then e
  else begin
    let e' = d "x" e in
    print_endline (string_of_int (i + 1) ^ " count: " ^ string_of_int (count e'));
    nest (i + 1) n e'
  end

let () =
  let x = Var "x" in
  ignore (nest 0 10 (pow x x))
