(* spectral-norm 1000: the Benchmarks Game program. Ten rounds of the power
   method on the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1)
   truncated to 1000 x 1000: float loops over arrays. It prints the norm as
   int_of_float (norm *. 1e9), the first 9 decimals truncated: fl has no
   printf to print a float with 9 decimals. *)

let eval_a i j = 1.0 /. float_of_int ((i + j) * (i + j + 1) / 2 + i + 1)

(* v = A u *)
let eval_a_times_u u v =
  let n = Array.length v in
  for i = 0 to n - 1 do
    let vi = ref 0.0 in
    for j = 0 to n - 1 do
      vi := !vi +. eval_a i j *. u.(j)
    done;
    v.(i) <- !vi
  done

(* v = A' u *)
let eval_at_times_u u v =
  let n = Array.length v in
  for i = 0 to n - 1 do
    let vi = ref 0.0 in
    for j = 0 to n - 1 do
      vi := !vi +. eval_a j i *. u.(j)
    done;
    v.(i) <- !vi
  done

(* v = A' A u *)
let eval_ata_times_u u v =
  let w = Array.make (Array.length u) 0.0 in
  eval_a_times_u u w;
  eval_at_times_u w v

let () =
  let n = 1000 in
  let u = Array.make n 1.0 in
  let v = Array.make n 0.0 in
  for _i = 1 to 10 do
    eval_ata_times_u u v;
    eval_ata_times_u v u
  done;
  let vbv = ref 0.0 in
  let vv = ref 0.0 in
  for i = 0 to n - 1 do
    vbv := !vbv +. u.(i) *. v.(i);
    vv := !vv +. v.(i) *. v.(i)
  done;
  print_endline (string_of_int (int_of_float (Float.sqrt (!vbv /. !vv) *. 1e9)))
