(* n-body 2,000,000: the Benchmarks Game program (a Jovian planets
   simulation, symplectic integrator): float arithmetic on mutable record
   fields in an array. It prints the energy before and after, as
   int_of_float (energy *. 1e9), i.e. the first 9 decimals truncated: fl
   has no printf to print a float with 9 decimals. Negative float
   constants are written with the unary float minus, [-. 1.5]: LANGUAGE.md
   lists negative integer literals but not negative float ones. *)

type body = {
  mutable x : float;
  mutable y : float;
  mutable z : float;
  mutable vx : float;
  mutable vy : float;
  mutable vz : float;
  mass : float
}

let pi = 3.141592653589793
let solar_mass = 4.0 *. pi *. pi
let days_per_year = 365.24

let advance bodies dt =
  let n = Array.length bodies in
  for i = 0 to n - 1 do
    let b = bodies.(i) in
    for j = i + 1 to n - 1 do
      let b2 = bodies.(j) in
      let dx = b.x -. b2.x in
      let dy = b.y -. b2.y in
      let dz = b.z -. b2.z in
      let dist2 = dx *. dx +. dy *. dy +. dz *. dz in
      let mag = dt /. (dist2 *. Float.sqrt dist2) in
      b.vx <- b.vx -. dx *. b2.mass *. mag;
      b.vy <- b.vy -. dy *. b2.mass *. mag;
      b.vz <- b.vz -. dz *. b2.mass *. mag;
      b2.vx <- b2.vx +. dx *. b.mass *. mag;
      b2.vy <- b2.vy +. dy *. b.mass *. mag;
      b2.vz <- b2.vz +. dz *. b.mass *. mag
    done
  done;
  for i = 0 to n - 1 do
    let b = bodies.(i) in
    b.x <- b.x +. dt *. b.vx;
    b.y <- b.y +. dt *. b.vy;
    b.z <- b.z +. dt *. b.vz
  done

let energy bodies =
  let n = Array.length bodies in
  let e = ref 0.0 in
  for i = 0 to n - 1 do
    let b = bodies.(i) in
    e := !e +. 0.5 *. b.mass *. (b.vx *. b.vx +. b.vy *. b.vy +. b.vz *. b.vz);
    for j = i + 1 to n - 1 do
      let b2 = bodies.(j) in
      let dx = b.x -. b2.x in
      let dy = b.y -. b2.y in
      let dz = b.z -. b2.z in
      let distance = Float.sqrt (dx *. dx +. dy *. dy +. dz *. dz) in
      e := !e -. b.mass *. b2.mass /. distance
    done
  done;
  !e

let offset_momentum bodies =
  let px = ref 0.0 in
  let py = ref 0.0 in
  let pz = ref 0.0 in
  for i = 0 to Array.length bodies - 1 do
    let b = bodies.(i) in
    px := !px +. b.vx *. b.mass;
    py := !py +. b.vy *. b.mass;
    pz := !pz +. b.vz *. b.mass
  done;
  let sun = bodies.(0) in
  sun.vx <- -. !px /. solar_mass;
  sun.vy <- -. !py /. solar_mass;
  sun.vz <- -. !pz /. solar_mass

let bodies = [|
  (* the sun *)
  { x = 0.0; y = 0.0; z = 0.0; vx = 0.0; vy = 0.0; vz = 0.0;
    mass = solar_mass };
  (* Jupiter *)
  { x = 4.84143144246472090;
    y = -. 1.16032004402742839;
    z = -. 1.03622044471123109e-1;
    vx = 1.66007664274403694e-3 *. days_per_year;
    vy = 7.69901118419740425e-3 *. days_per_year;
    vz = -. 6.90460016972063023e-5 *. days_per_year;
    mass = 9.54791938424326609e-4 *. solar_mass };
  (* Saturn *)
  { x = 8.34336671824457987;
    y = 4.12479856412430479;
    z = -. 4.03523417114321381e-1;
    vx = -. 2.76742510726862411e-3 *. days_per_year;
    vy = 4.99852801234917238e-3 *. days_per_year;
    vz = 2.30417297573763929e-5 *. days_per_year;
    mass = 2.85885980666130812e-4 *. solar_mass };
  (* Uranus *)
  { x = 1.28943695621391310e1;
    y = -. 1.51111514016986312e1;
    z = -. 2.23307578892655734e-1;
    vx = 2.96460137564761618e-3 *. days_per_year;
    vy = 2.37847173959480950e-3 *. days_per_year;
    vz = -. 2.96589568540237556e-5 *. days_per_year;
    mass = 4.36624404335156298e-5 *. solar_mass };
  (* Neptune *)
  { x = 1.53796971148509165e1;
    y = -. 2.59193146099879641e1;
    z = 1.79258772950371181e-1;
    vx = 2.68067772490389322e-3 *. days_per_year;
    vy = 1.62824170038242295e-3 *. days_per_year;
    vz = -. 9.51592254519715870e-5 *. days_per_year;
    mass = 5.15138902046611451e-5 *. solar_mass }
|]

let () =
  offset_momentum bodies;
  print_endline (string_of_int (int_of_float (energy bodies *. 1e9)));
  for _i = 1 to 2_000_000 do
    advance bodies 0.01
  done;
  print_endline (string_of_int (int_of_float (energy bodies *. 1e9)))
