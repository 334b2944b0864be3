/* n-body 2,000,000: the Benchmarks Game program (a Jovian planets
   simulation, symplectic integrator): float arithmetic on the fields of an
   array of structs. It prints the energy before and after, as
   (long)(energy * 1e9), i.e. the first 9 decimals truncated, because fl
   cannot print a float with 9 decimals. The operations are done in the
   same order as in the fl and OCaml versions, so the results are the same
   to the bit. */
#include <math.h>
#include <stdio.h>

typedef struct {
  double x, y, z, vx, vy, vz;
  double mass;
} Body;

#define PI 3.141592653589793
#define SOLAR_MASS (4.0 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES 5

static void advance(Body *bodies, int n, double dt) {
  for (int i = 0; i < n; i++) {
    Body *b = &bodies[i];
    for (int j = i + 1; j < n; j++) {
      Body *b2 = &bodies[j];
      double dx = b->x - b2->x;
      double dy = b->y - b2->y;
      double dz = b->z - b2->z;
      double dist2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (dist2 * sqrt(dist2));
      b->vx = b->vx - dx * b2->mass * mag;
      b->vy = b->vy - dy * b2->mass * mag;
      b->vz = b->vz - dz * b2->mass * mag;
      b2->vx = b2->vx + dx * b->mass * mag;
      b2->vy = b2->vy + dy * b->mass * mag;
      b2->vz = b2->vz + dz * b->mass * mag;
    }
  }
  for (int i = 0; i < n; i++) {
    Body *b = &bodies[i];
    b->x = b->x + dt * b->vx;
    b->y = b->y + dt * b->vy;
    b->z = b->z + dt * b->vz;
  }
}

static double energy(const Body *bodies, int n) {
  double e = 0.0;
  for (int i = 0; i < n; i++) {
    const Body *b = &bodies[i];
    e = e + 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < n; j++) {
      const Body *b2 = &bodies[j];
      double dx = b->x - b2->x;
      double dy = b->y - b2->y;
      double dz = b->z - b2->z;
      double distance = sqrt(dx * dx + dy * dy + dz * dz);
      e = e - b->mass * b2->mass / distance;
    }
  }
  return e;
}

static void offset_momentum(Body *bodies, int n) {
  double px = 0.0, py = 0.0, pz = 0.0;
  for (int i = 0; i < n; i++) {
    px = px + bodies[i].vx * bodies[i].mass;
    py = py + bodies[i].vy * bodies[i].mass;
    pz = pz + bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
}

int main(void) {
  Body bodies[NBODIES] = {
    /* the sun */
    {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS},
    /* Jupiter */
    {4.84143144246472090, -1.16032004402742839, -1.03622044471123109e-1,
     1.66007664274403694e-3 * DAYS_PER_YEAR, 7.69901118419740425e-3 * DAYS_PER_YEAR,
     -6.90460016972063023e-5 * DAYS_PER_YEAR, 9.54791938424326609e-4 * SOLAR_MASS},
    /* Saturn */
    {8.34336671824457987, 4.12479856412430479, -4.03523417114321381e-1,
     -2.76742510726862411e-3 * DAYS_PER_YEAR, 4.99852801234917238e-3 * DAYS_PER_YEAR,
     2.30417297573763929e-5 * DAYS_PER_YEAR, 2.85885980666130812e-4 * SOLAR_MASS},
    /* Uranus */
    {1.28943695621391310e1, -1.51111514016986312e1, -2.23307578892655734e-1,
     2.96460137564761618e-3 * DAYS_PER_YEAR, 2.37847173959480950e-3 * DAYS_PER_YEAR,
     -2.96589568540237556e-5 * DAYS_PER_YEAR, 4.36624404335156298e-5 * SOLAR_MASS},
    /* Neptune */
    {1.53796971148509165e1, -2.59193146099879641e1, 1.79258772950371181e-1,
     2.68067772490389322e-3 * DAYS_PER_YEAR, 1.62824170038242295e-3 * DAYS_PER_YEAR,
     -9.51592254519715870e-5 * DAYS_PER_YEAR, 5.15138902046611451e-5 * SOLAR_MASS},
  };

  offset_momentum(bodies, NBODIES);
  printf("%ld\n", (long)(energy(bodies, NBODIES) * 1e9));
  for (int i = 1; i <= 2000000; i++) advance(bodies, NBODIES, 0.01);
  printf("%ld\n", (long)(energy(bodies, NBODIES) * 1e9));
  return 0;
}
