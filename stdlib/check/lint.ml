(* Rejects OCaml that is not fl (LANGUAGE.md) in the stdlib's .fl files,
   since the OCaml compiler of the check would accept it silently. Comments,
   strings and character literals are blanked first; then each line is
   searched for OCaml-only words and symbols, for qualified names of modules
   that are not fl's, and for `open`/`exception` anywhere but at the start
   of an item. Usage: ocaml lint.ml FILE.fl... *)

let fl_modules =
  [ "Prim"; "List"; "String"; "Char"; "Int"; "Float"; "Array"; "Option"; "Result";
    "Map"; "Hashtbl"; "Buffer" ]

let ocaml_only_words =
  [ "module"; "struct"; "sig"; "functor"; "external"; "lazy"; "object"; "method";
    "class"; "new"; "val"; "include"; "private"; "virtual"; "constraint"; "inherit";
    "initializer"; "nonrec"; "or" ]

let ocaml_only_symbols =
  [ ".."; "#"; "~"; "?"; "`"; "[@"; "{|"; "%"; ":>"; "{<"; "//"; "let*"; "let+" ]

let errors = ref 0

let report file line what =
  incr errors;
  Printf.printf "%s:%d: not fl: %s\n" file line what

(* The text with comments (nested), strings and character literals turned
   into spaces; newlines are kept so that line numbers stay right. *)
let blank file s =
  let b = Bytes.of_string s in
  let n = String.length s in
  let line = ref 1 in
  let clear i = if s.[i] = '\n' then incr line else Bytes.set b i ' ' in
  let rec code i =
    if i >= n then ()
    else if i + 1 < n && s.[i] = '(' && s.[i + 1] = '*' then (clear i; clear (i + 1); comment (i + 2) 0)
    else if s.[i] = '"' then (clear i; str (i + 1) None)
    else if s.[i] = '\'' && i + 2 < n && s.[i + 1] = '\\' then begin
      if s.[i + 2] >= '1' && s.[i + 2] <= '9' then report file !line "decimal escape";
      let j = ref (i + 2) in
      while !j < n && s.[!j] <> '\'' do incr j done;
      for k = i to min !j (n - 1) do clear k done;
      code (!j + 1)
    end
    else if s.[i] = '\'' && i + 2 < n && s.[i + 2] = '\'' then (clear i; clear (i + 1); clear (i + 2); code (i + 3))
    else (if s.[i] = '\n' then incr line; code (i + 1))
  and comment i depth =
    if i >= n then ()
    else if i + 1 < n && s.[i] = '(' && s.[i + 1] = '*' then (clear i; clear (i + 1); comment (i + 2) (depth + 1))
    else if i + 1 < n && s.[i] = '*' && s.[i + 1] = ')' then begin
      clear i; clear (i + 1);
      if depth = 0 then code (i + 2) else comment (i + 2) (depth - 1)
    end
    else if s.[i] = '"' then (clear i; str (i + 1) (Some depth))
    else (clear i; comment (i + 1) depth)
  and str i in_comment =
    if i >= n then ()
    else if s.[i] = '\\' && i + 1 < n then (clear i; clear (i + 1); str (i + 2) in_comment)
    else if s.[i] = '"' then begin
      clear i;
      match in_comment with
      | None -> code (i + 1)
      | Some depth -> comment (i + 1) depth
    end
    else (clear i; str (i + 1) in_comment)
  in
  code 0;
  Bytes.to_string b

let is_ident c =
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c = '_' || c = '\''

let contains_at line p w = p + String.length w <= String.length line && String.sub line p (String.length w) = w

let check file =
  let ic = open_in_bin file in
  let text = really_input_string ic (in_channel_length ic) in
  close_in ic;
  let lines = String.split_on_char '\n' (blank file text) in
  List.iteri
    (fun i line ->
      let report = report file (i + 1) in
      let n = String.length line in
      let j = ref 0 in
      while !j < n do
        if is_ident line.[!j] then begin
          let k = ref !j in
          while !k < n && (is_ident line.[!k] || (line.[!k] = '.' && !k + 1 < n && is_ident line.[!k + 1])) do
            incr k
          done;
          let word = String.sub line !j (!k - !j) in
          (match String.index_opt word '.' with
           | Some d ->
             let m = String.sub word 0 d in
             if m.[0] >= 'A' && m.[0] <= 'Z' && not (List.mem m fl_modules) then report ("module " ^ m)
           | None ->
             if List.mem word ocaml_only_words then report word;
             if (word = "open" || word = "exception") && !j <> 0 then report (word ^ " inside an expression"));
          j := !k
        end
        else incr j
      done;
      List.iter (fun sym -> for p = 0 to n - 1 do if contains_at line p sym then report sym done) ocaml_only_symbols)
    lines

let () =
  for i = 1 to Array.length Sys.argv - 1 do check Sys.argv.(i) done;
  if !errors > 0 then exit 1
