/* The Linux guest's side of bench/linux-guest.sh's 9P test: what
 * bench/9p/throughput.fl does in an fl VM, with plain open/write/read/close
 * on a 9p mount (trans=virtio, version=9p2000.L, msize=524288, no cache):
 * writes a file of MIB MiB (the same bytes as throughput.fl), reads it back,
 * ROUNDS times after 3 uncounted rounds, checks every read, and prints the
 * median of each in MiB/s.
 *   files DIR MIB ROUNDS
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
  perror(what);
  exit(1);
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_value);
  return v[n / 2];
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: files DIR MIB ROUNDS\n");
    return 2;
  }
  int mib = atoi(argv[2]), rounds = atoi(argv[3]);
  size_t size = (size_t)mib << 20;
  char path[4096];
  snprintf(path, sizeof path, "%s/bench.bin", argv[1]);
  unsigned char *data = malloc(size), *back = malloc(size);
  if (!data || !back) die("malloc");
  for (size_t i = 0; i < size; i++) data[i] = (unsigned char)((i * 131 + i / 4096) & 255);
  memset(back, 0, size);  /* the pages exist before the first read */
  double *writes = calloc((size_t)rounds, sizeof(double)), *reads = calloc((size_t)rounds, sizeof(double));
  /* As bench/9p/throughput.fl does: each round writes, then reads, the
     file `batch` times in a row, timed as a whole. */
  enum { batch = 8 };
  for (int round = 1; round <= rounds + 3; round++) {
    double t0 = now_ms();
    for (int b = 0; b < batch; b++) {
      int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd < 0) die("open for writing");
      for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) die("write");
        done += (size_t)n;
      }
      if (close(fd) < 0) die("close");
    }
    double t1 = now_ms();
    size_t got = 0;
    for (int b = 0; b < batch; b++) {
      int fd = open(path, O_RDONLY);
      if (fd < 0) die("open for reading");
      got = 0;
      for (;;) {
        ssize_t n = read(fd, back + got, size - got);
        if (n < 0) die("read");
        if (n == 0 || (got += (size_t)n) == size) break;
      }
      close(fd);
    }
    double t2 = now_ms();
    if (got != size || memcmp(back, data, size) != 0) {
      fprintf(stderr, "read back differs\n");
      return 1;
    }
    if (round > 3) {
      writes[round - 4] = (t1 - t0) / batch;
      reads[round - 4] = (t2 - t1) / batch;
    }
  }
  unlink(path);
  double w = median(writes, rounds), r = median(reads, rounds);
  printf("linux %d MiB: write %.1f MiB/s (%.1f ms), read %.1f MiB/s (%.1f ms)\n", mib, mib * 1000 / w, w,
         mib * 1000 / r, r);
  return 0;
}
