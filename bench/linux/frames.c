/* The Linux guest's side of bench/linux-guest.sh's frame test: what
 * tests/lang/net/peer.fl does in an fl VM, on an AF_PACKET raw socket bound
 * to eth0, against the same host-side peer (tests/lang/net/Inputs/peer.py):
 *   hello: one frame of EtherType 0x88b6 says the driver is up;
 *   echo:  N frames come back with their addresses swapped (one loop:
 *          receive, swap, send);
 *   sink:  N frames are checked (length, sequence number) and every 16th
 *          (and the last) acknowledged with a frame of EtherType 0x88b7;
 *   burst: N frames, built beforehand, are sent as fast as send() takes them.
 * Frames shorter than an Ethernet header or longer than 1514 bytes are
 * dropped and counted, as Net.recv_frame does.
 * Statically linked into the busybox initramfs; run by its init as
 *   frames IFNAME N
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

static int sock;
static long errors_count;
static unsigned char me[6];
static const unsigned char broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static void die(const char *what) {
  perror(what);
  exit(1);
}

static int frame_length(int seq) { return 60 + seq * 37 % 1455; }

/* peer.fl's make_frame: destination, source, EtherType 0x88b5, the sequence
 * number in 4 bytes, then bytes that depend on it. */
static int make_frame(unsigned char *f, const unsigned char *dst, const unsigned char *src, int seq) {
  int len = frame_length(seq);
  memcpy(f, dst, 6);
  memcpy(f + 6, src, 6);
  f[12] = 0x88;
  f[13] = 0xb5;
  for (int i = 14; i < 18; i++) f[i] = (unsigned char)(((unsigned)seq >> (8 * (17 - i))) & 255);
  for (int i = 18; i < len; i++) f[i] = (unsigned char)((seq + i) & 255);
  return len;
}

static void send_frame(const unsigned char *f, int len) {
  for (;;) {
    ssize_t n = send(sock, f, (size_t)len, 0);
    if (n == len) return;
    if (n < 0 && (errno == EINTR || errno == ENOBUFS || errno == EAGAIN)) continue;
    die("send");
  }
}

/* The next well-formed frame (14 to 1514 bytes); others are counted. */
static int recv_frame(unsigned char *f) {
  for (;;) {
    ssize_t n = recv(sock, f, 2048, MSG_TRUNC);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("recv");
    }
    if (n < 14 || n > 1514) {
      errors_count++;
      continue;
    }
    return (int)n;
  }
}

static int sequence_number(const unsigned char *f, int len) {
  if (len < 18) return -1;
  return (int)(((unsigned)f[14] << 24) | ((unsigned)f[15] << 16) | ((unsigned)f[16] << 8) | f[17]);
}

/* One of the interface's counters (-1 when unknown). */
static long statistic(const char *ifname, const char *name) {
  char path[128];
  snprintf(path, sizeof path, "/sys/class/net/%s/statistics/%s", ifname, name);
  FILE *in = fopen(path, "r");
  long count = -1;
  if (in) {
    if (fscanf(in, "%ld", &count) != 1) count = -1;
    fclose(in);
  }
  return count;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: frames IFNAME N\n");
    return 2;
  }
  const char *ifname = argv[1];
  int n = atoi(argv[2]);

  sock = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
  if (sock < 0) die("socket");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", ifname);
  if (ioctl(sock, SIOCGIFINDEX, &ifr) < 0) die("SIOCGIFINDEX");
  int ifindex = ifr.ifr_ifindex;
  if (ioctl(sock, SIOCGIFHWADDR, &ifr) < 0) die("SIOCGIFHWADDR");
  memcpy(me, ifr.ifr_hwaddr.sa_data, 6);
  int one = 1;
  if (setsockopt(sock, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) < 0) die("PACKET_IGNORE_OUTGOING");
  struct sockaddr_ll addr;
  memset(&addr, 0, sizeof addr);
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ETH_P_ALL);
  addr.sll_ifindex = ifindex;
  if (bind(sock, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");

  static unsigned char f[2048];
  /* hello */
  memcpy(f, broadcast, 6);
  memcpy(f + 6, me, 6);
  f[12] = 0x88;
  memset(f + 13, 0xb6, 47);
  send_frame(f, 60);

  /* echo */
  for (int i = 0; i < n; i++) {
    int len = recv_frame(f);
    unsigned char t[6];
    memcpy(t, f, 6);
    memcpy(f, f + 6, 6);
    memcpy(f + 6, t, 6);
    send_frame(f, len);
  }
  printf("echoed %d\n", n);

  /* sink */
  int bad = 0;
  for (int seq = 0; seq < n; seq++) {
    int len = recv_frame(f);
    if (len != frame_length(seq) || sequence_number(f, len) != seq) bad++;
    if ((seq + 1) % 16 == 0 || seq == n - 1) {
      unsigned char ack[1514];
      make_frame(ack, broadcast, me, seq + 1);
      ack[13] = 0xb7;
      send_frame(ack, 60);
    }
  }
  printf("received %d, %d out of order or damaged\n", n, bad);

  /* burst */
  unsigned char *frames = malloc((size_t)n * 1514);
  int *lengths = malloc((size_t)n * sizeof(int));
  if (!frames || !lengths) die("malloc");
  for (int seq = 0; seq < n; seq++) lengths[seq] = make_frame(frames + (size_t)seq * 1514, broadcast, me, seq);
  long before = statistic(ifname, "tx_packets");
  for (int seq = 0; seq < n; seq++) send_frame(frames + (size_t)seq * 1514, lengths[seq]);
  /* The last frames may still wait in the queueing discipline: the VM must
   * not end before the driver took them all. */
  for (int i = 0; i < 1000 && statistic(ifname, "tx_packets") < before + n; i++) usleep(10000);
  usleep(200000);
  printf("sent %d\n", n);
  /* The malformed frames of the peer never reach the socket: the driver
   * drops them (and counts them here). */
  printf("errors %ld (the driver's: rx_length_errors %ld, rx_errors %ld, rx_dropped %ld)\n", errors_count,
         statistic(ifname, "rx_length_errors"), statistic(ifname, "rx_errors"), statistic(ifname, "rx_dropped"));
  return 0;
}
