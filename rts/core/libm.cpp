// The floating-point functions of the Float module, written out so that the
// VM (no libm) and the host compute bit-identical results: this very file is
// compiled into both fl_rts_host and fl_rts_vm, and uses nothing but SSE2
// arithmetic in round-to-nearest (no FMA, no x87, no library calls).
//
// Methods (after fdlibm's designs; the polynomial coefficients are our own
// minimax fits, computed with a Remez exchange in 60-digit arithmetic):
//   sqrt             the sqrtsd instruction (correctly rounded)
//   floor ceil round bit manipulation (exact)
//   fmod             shift-and-subtract on the significands (exact)
//   sin cos tan      reduction modulo pi/2 by exact integer multiplication
//                    with 192 bits of 2/pi taken at the argument's exponent
//                    (Payne-Hanek, for every |x| > pi/4), giving the
//                    remainder as a double-double; then polynomial
//                    kernels (degree 13, 14 and 27 for sin, cos, tan)
//                    that take the remainder's tail into account
//   atan atan2       reduction to |t| < 7/16 with the reduced argument kept
//                    as a double-double, then an odd polynomial
//   exp              x = k ln2 + r, exp(r) from a rational form
//                    1 + r + r c/(2 - c), c from a polynomial in r^2
//   log              x = 2^k (1+f), log(1+f) = 2 atanh(f/(2+f))
//   pow              exp(y log|x|), log|x| as a double-double good to about
//                    2^-70, the product y log|x| as a double-double, and the
//                    exp above taking the low part into its reduction
// Error bounds measured against a correctly rounded reference are in the
// unit tests (tests/unit/numeric_test.cpp).
#include "rts_numeric.h"

#pragma STDC FP_CONTRACT OFF

namespace {

inline uint64_t bits_of(double x) { return __builtin_bit_cast(uint64_t, x); }
inline double from_bits(uint64_t b) { return __builtin_bit_cast(double, b); }

constexpr uint64_t kSign = 0x8000000000000000ull;
constexpr uint64_t kMantissa = 0x000fffffffffffffull;
constexpr uint64_t kImplicit = 0x0010000000000000ull;

inline double abs_of(double x) { return from_bits(bits_of(x) & ~kSign); }
inline bool sign_of(double x) { return (bits_of(x) >> 63) != 0; }
inline int biased_exponent(double x) { return static_cast<int>((bits_of(x) >> 52) & 0x7ff); }

// 2^k for -1022 <= k <= 1023.
inline double pow2(int k) { return from_bits(static_cast<uint64_t>(k + 1023) << 52); }

// ---- Double-double helpers (exact transformations, no FMA) ----

// a + b = s + e exactly, |a| >= |b| or a == 0.
inline void fast_two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  e = b - (s - a);
}

inline void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  double bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}

// Veltkamp split: a = hi + lo with 26-bit halves (|a| < 2^996).
inline void split(double a, double& hi, double& lo) {
  double c = 134217729.0 * a;  // 2^27 + 1
  hi = c - (c - a);
  lo = a - hi;
}

// a * b = p + e exactly (Dekker), barring overflow and underflow.
inline void two_prod(double a, double b, double& p, double& e) {
  p = a * b;
  double ah, al, bh, bl;
  split(a, ah, al);
  split(b, bh, bl);
  e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

// (ah + al) / (bh + bl) as a double-double.
inline void div_dd(double ah, double al, double bh, double bl, double& qh, double& ql) {
  qh = ah / bh;
  double p, e;
  two_prod(qh, bh, p, e);
  ql = ((((ah - p) - e) + al) - qh * bl) / bh;
}

// (ah + al) * (bh + bl) as a double-double.
inline void mul_dd(double ah, double al, double bh, double bl, double& ph, double& pl) {
  double p, e;
  two_prod(ah, bh, p, e);
  e += ah * bl + al * bh;
  fast_two_sum(p, e, ph, pl);
}

// (ah + al) + (bh + bl) as a double-double.
inline void add_dd(double ah, double al, double bh, double bl, double& sh, double& sl) {
  double s, e;
  two_sum(ah, bh, s, e);
  e += al + bl;
  fast_two_sum(s, e, sh, sl);
}

// ---- Constants ----

constexpr double kPio2Hi = 1.5707963267948966;     // pi/2 = hi + lo
constexpr double kPio2Lo = 6.123233995736766e-17;
constexpr double kPio4Hi = 0.7853981633974483;
constexpr double kPio4Lo = 3.061616997868383e-17;
constexpr double kPiHi = 3.141592653589793;
constexpr double kPiLo = 1.2246467991473532e-16;
// ln 2 = hi + lo with hi on 42 bits, so k * hi is exact for |k| < 2^11.
constexpr double kLn2Hi = 0.6931471805598903;
constexpr double kLn2Lo = 5.497923018708371e-14;
constexpr double kInvLn2 = 1.4426950408889634;

// 2/pi in binary, 64 bits a word, most significant first: bit i (i >= 1) of
// the fraction is bit 63 - (i-1)%64 of word (i-1)/64. 1280 bits cover the
// window of 192 bits starting at any double's exponent (up to 1023+192).
constexpr uint64_t kTwoOverPi[20] = {
    0xa2f9836e4e441529, 0xfc2757d1f534ddc0, 0xdb6295993c439041, 0xfe5163abdebbc561,
    0xb7246e3a424dd2e0, 0x06492eea09d1921c, 0xfe1deb1cb129a73e, 0xe88235f52ebb4484,
    0xe99c7026b45f7e41, 0x3991d639835339f4, 0x9c845f8bbdf9283b, 0x1ff897ffde05980f,
    0xef2f118b5a0a6d1f, 0x6d367ecf27cb09b7, 0x4f463f669e5fea2d, 0x7527bac7ebe5f17b,
    0x3d0739f78a5292ea, 0x6bfb5fb11f8d5d08, 0x56033046fc7b6bab, 0xf0cfbc209af4361d,
};

// Bits i .. i+63 of 2/pi (i >= 1).
uint64_t two_over_pi_bits(int i) {
  int q = (i - 1) / 64;
  int r = (i - 1) % 64;
  uint64_t hi = kTwoOverPi[q];
  uint64_t lo = q + 1 < 20 ? kTwoOverPi[q + 1] : 0;
  return r == 0 ? hi : (hi << r) | (lo >> (64 - r));
}

// ---- Reduction modulo pi/2 ----

// For finite |x| > pi/4: x = n pi/2 + (y0 + y1), |y0 + y1| <= pi/4 (to within
// an ulp); returns n mod 4.
//
// Write |x| = m 2^e with m a 53-bit integer. Bits of 2/pi worth 4 or more
// once multiplied by m 2^e only add multiples of 4 to the quotient, so the
// product m * W, W = bits i0 .. i0+191 of 2/pi with i0 = max(1, e-1), gives
// the quotient modulo 4 and at least 190 bits of its fraction, exact but
// for the bits of 2/pi past the window (an error below 2^-137). The closest
// a double comes to a multiple of pi/2 is about 2^-61 of it, so the top 128
// bits of the fraction leave at least 66 significant bits.
int reduce_pio2(double x, double& y0, double& y1) {
  uint64_t u = bits_of(x) & ~kSign;
  uint64_t m = (u & kMantissa) | kImplicit;  // |x| >= pi/4 is normal
  int e = static_cast<int>(u >> 52) - 1075;
  int i0 = e - 1 > 1 ? e - 1 : 1;
  uint64_t w[3] = {two_over_pi_bits(i0 + 128), two_over_pi_bits(i0 + 64), two_over_pi_bits(i0)};
  // P = m * W as four little-endian words.
  uint64_t p[5] = {0, 0, 0, 0, 0};
  unsigned __int128 carry = 0;
  for (int j = 0; j < 3; ++j) {
    unsigned __int128 t = static_cast<unsigned __int128>(m) * w[j] + carry;
    p[j] = static_cast<uint64_t>(t);
    carry = t >> 64;
  }
  p[3] = static_cast<uint64_t>(carry);
  int s = i0 + 191 - e;  // P has s fraction bits; 190 <= s <= 245
  auto get = [&](int pos) -> uint64_t {
    int q = pos / 64, r = pos % 64;
    uint64_t lo = p[q];
    uint64_t hi = q + 1 < 5 ? p[q + 1] : 0;
    return r == 0 ? lo : (lo >> r) | (hi << (64 - r));
  };
  int n = static_cast<int>(get(s) & 3);
  uint64_t fhi = get(s - 64);
  uint64_t flo = get(s - 128);
  bool negative = false;
  if (fhi >> 63) {  // fraction >= 1/2: round the quotient up
    n = (n + 1) & 3;
    negative = true;
    flo = ~flo + 1;
    fhi = ~fhi + (flo == 0 ? 1 : 0);
  }
  if (fhi == 0 && flo == 0) {
    y0 = y1 = 0.0;
  } else {
    int lz = fhi != 0 ? __builtin_clzll(fhi) : 64 + __builtin_clzll(flo);
    uint64_t t1, t2;  // the fraction shifted left by lz, 128 bits
    if (lz == 0) {
      t1 = fhi; t2 = flo;
    } else if (lz < 64) {
      t1 = (fhi << lz) | (flo >> (64 - lz));
      t2 = flo << lz;
    } else {
      t1 = flo << (lz - 64);
      t2 = 0;
    }
    // fraction = (t1 2^64 + t2) 2^(-128-lz)
    double fh = static_cast<double>(t1 >> 11) * pow2(-53 - lz);
    double fl = (static_cast<double>(t1 & 0x7ff) * pow2(-64) + static_cast<double>(t2) * pow2(-128)) *
                pow2(-lz);
    double ph, pe;
    two_prod(fh, kPio2Hi, ph, pe);
    pe += fh * kPio2Lo + fl * kPio2Hi;
    fast_two_sum(ph, pe, y0, y1);
    if (negative) { y0 = -y0; y1 = -y1; }
  }
  if (sign_of(x)) {
    y0 = -y0;
    y1 = -y1;
    n = (4 - n) & 3;
  }
  return n;
}

// ---- Kernels on [-pi/4, pi/4]; y is the tail of the argument x + y ----

// sin x = x + x^3 S(x^2)
constexpr double S0 = -0.16666666666666644;
constexpr double S1 = 0.008333333333324425;
constexpr double S2 = -0.00019841269831056066;
constexpr double S3 = 2.7557314047259497e-06;
constexpr double S4 = -2.505080550017952e-08;
constexpr double S5 = 1.5899196850976449e-10;

double kernel_sin(double x, double y) {
  double z = x * x;
  double v = z * x;
  double r = S1 + z * (S2 + z * (S3 + z * (S4 + z * S5)));
  if (y == 0.0) return x + v * (S0 + z * r);
  // sin(x+y) ~ sin x + y (1 - x^2/2)
  return x - ((z * (0.5 * y - v * r) - y) - v * S0);
}

// cos x = 1 - x^2/2 + x^4 C(x^2)
constexpr double C0 = 0.04166666666666665;
constexpr double C1 = -0.0013888888888881452;
constexpr double C2 = 2.480158729341395e-05;
constexpr double C3 = -2.755731535229145e-07;
constexpr double C4 = 2.0875845106279322e-09;
constexpr double C5 = -1.1365380409869106e-11;

double kernel_cos(double x, double y) {
  double z = x * x;
  double r = z * (C0 + z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * C5)))));
  double hz = 0.5 * z;
  double w = 1.0 - hz;  // 1 - w is exact
  // cos(x+y) ~ cos x - x y; ((1 - w) - hz) recovers the rounding of w.
  return w + (((1.0 - w) - hz) + (z * r - x * y));
}

// tan x = x + x^3 T(x^2) on |x| <= 0.6745
constexpr double T[13] = {
    0.33333333333333365,    0.13333333333325342,    0.05396825397390774,
    0.021869488348875914,   0.008863239065363222,   0.0035920860097662407,
    0.0014561670148316697,  0.0005882209551914243,  0.0002459381553304067,
    7.921873282402127e-05,  7.007587054128781e-05,  -1.7562855349103902e-05,
    2.5577125642012466e-05,
};

// tan(x + y) if !odd, -1/tan(x + y) if odd.
double kernel_tan(double x, double y, bool odd) {
  bool big = abs_of(x) >= 0.6744;
  bool negative = sign_of(x);
  if (big) {
    // tan(pi/4 - t) = (1 - tan t) / (1 + tan t) with t = pi/4 - |x|.
    if (negative) { x = -x; y = -y; }
    x = (kPio4Hi - x) + (kPio4Lo - y);
    y = 0.0;
  }
  double z = x * x;
  double w = z * z;
  // T0 x^3 + x^5 (T1 + T2 z + ... + T12 z^11), split in odd and even parts.
  double r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
  double v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
  double s = z * x;
  r = y + z * (s * (r + v) + y);  // tail: tan(x+y) ~ tan x + y (1 + x^2)
  r += T[0] * s;
  w = x + r;  // tan(x + y) = x + r, more precisely than w
  if (big) {
    double sv = odd ? -1.0 : 1.0;
    // (1 - w)/(1 + w) = 1 - 2 w/(1 + w) = 1 - 2 (w - w^2/(1 + w)) and
    // -(1 + w)/(1 - w) likewise with sv = -1.
    double result = sv - 2.0 * (x - (w * w / (w + sv) - r));
    return negative ? -result : result;
  }
  if (!odd) return w;
  // -1/(x + r) with one rounding's worth of error: z + v = x + r, t the
  // quotient on 21 bits so that t * z (21 x 21 bits) is exact.
  double zz = from_bits(bits_of(w) & 0xffffffff00000000ull);
  double vv = r - (zz - x);
  double a = -1.0 / w;
  double t = from_bits(bits_of(a) & 0xffffffff00000000ull);
  double e = 1.0 + t * zz;
  return t + a * (e + t * vv);
}

// ---- atan ----

// atan t = t + t^3 A(t^2) on |t| <= 7/16
constexpr double A[11] = {
    -0.33333333333333137, 0.199999999999154,     -0.14285714275296887, 0.111111105099726,
    -0.09090889454904486, 0.07691908824099544,   -0.06661370917613767, 0.05835332652705174,
    -0.04983404164386077, 0.036668964377848876,  -0.016411352168620757,
};
// atan(0.5), atan(1), atan(1.5), atan(inf) as double-doubles.
constexpr double kAtanHi[4] = {0.4636476090008061, 0.7853981633974483, 0.982793723247329,
                               1.5707963267948966};
constexpr double kAtanLo[4] = {2.2698777452961687e-17, 3.061616997868383e-17,
                               1.3903311031230998e-17, 6.123233995736766e-17};

// atan(x + tail) for x >= 0 finite, tail tiny next to x, as hi + lo with hi
// the rounded result.
void atan_dd(double x, double tail, double& hi, double& lo) {
  if (x >= 0x1p66) {  // atan x = pi/2 - 1/x, and 1/x < 2^-66
    hi = kAtanHi[3];
    lo = kAtanLo[3];
    return;
  }
  int id;
  double t, tt;  // the reduced argument as a double-double
  if (x < 0.4375) {
    id = -1;
    t = x;
    tt = 0.0;
  } else {
    double nh, nl, dh, dl;
    if (x < 1.1875) {
      if (x < 0.6875) {  // atan x = atan(1/2) + atan((2x - 1)/(2 + x))
        id = 0;
        nh = 2.0 * x - 1.0;  // exact
        nl = 0.0;
        two_sum(2.0, x, dh, dl);
      } else {  // atan x = atan(1) + atan((x - 1)/(x + 1))
        id = 1;
        nh = x - 1.0;  // exact
        nl = 0.0;
        two_sum(x, 1.0, dh, dl);
      }
    } else if (x < 2.4375) {  // atan x = atan(3/2) + atan((x - 3/2)/(1 + 3x/2))
      id = 2;
      nh = x - 1.5;  // exact
      nl = 0.0;
      double p, pe;
      two_prod(1.5, x, p, pe);
      two_sum(1.0, p, dh, dl);
      dl += pe;
    } else {  // atan x = atan(inf) + atan(-1/x)
      id = 3;
      nh = -1.0;
      nl = 0.0;
      dh = x;
      dl = 0.0;
    }
    div_dd(nh, nl, dh, dl, t, tt);
  }
  // atan(x + tail) = atan(t + tt) (+ atan_hi[id]) ~ atan t + tt/(1 + t^2) +
  // tail/(1 + x^2): each reduction composed with atan has atan's derivative.
  double corr = tail / (1.0 + x * x);
  if (id >= 0) corr += tt / (1.0 + t * t);
  double z = t * t;
  double w = z * z;
  double s1 = z * (A[0] + w * (A[2] + w * (A[4] + w * (A[6] + w * (A[8] + w * A[10])))));
  double s2 = w * (A[1] + w * (A[3] + w * (A[5] + w * (A[7] + w * A[9]))));
  double q = t * (s1 + s2);  // atan t - t
  if (id < 0) {
    fast_two_sum(t, q + corr, hi, lo);
    return;
  }
  // atan_hi + atan_lo + t + q + corr
  double small = (q + (kAtanLo[id] + corr)) + t;
  fast_two_sum(kAtanHi[id], small, hi, lo);
}

// ---- exp ----

// r (e^r + 1)/(e^r - 1) = 2 + r^2 P(r^2) on |r| <= ln2/2
constexpr double P0 = 0.16666666666666616;
constexpr double P1 = -0.0027777777777057296;
constexpr double P2 = 6.613756323789273e-05;
constexpr double P3 = -1.6533900000274194e-06;
constexpr double P4 = 4.1379643223200275e-08;

constexpr double kExpOverflow = 709.782712893384;     // largest x with finite exp x
constexpr double kExpUnderflow = -745.1332191019412;  // exp x rounds to 0 at or below

// exp(hi - lo) * 2^k, |hi - lo| <= ~0.35.
double exp_reduced(double hi, double lo, int k) {
  double r = hi - lo;
  double z = r * r;
  double c = r - z * (P0 + z * (P1 + z * (P2 + z * (P3 + z * P4))));
  // e^r = 1 + r + r c/(2 - c), with r's rounding recovered from hi and lo.
  double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k > 1023) return y * 2.0 * pow2(1023);
    return y * pow2(k);
  }
  return y * pow2(k + 1000) * pow2(-1000);  // one rounding, into the subnormals
}

// exp(xh + xl) for |xl| << |xh|, xh within the finite, nonzero range.
double exp_dd(double xh, double xl) {
  double kd = xh * kInvLn2;
  int k = static_cast<int>(kd < 0 ? kd - 0.5 : kd + 0.5);
  double hi = xh - k * kLn2Hi;  // exact
  double lo = k * kLn2Lo - xl;
  return exp_reduced(hi, lo, k);
}

// ---- log ----

// log(1+f) = 2s + s R(s^2), R(z) = z L(z), s = f/(2+f), |s| <= 0.1716
constexpr double L[7] = {
    0.6666666666666735, 0.3999999999940935,  0.28571428743686483, 0.22222198429001902,
    0.18183572351254043, 0.1531383235112245, 0.1479825569181339,
};
constexpr double kSqrt2 = 1.4142135623730951;

// Splits finite x > 0 as 2^k m with m in [sqrt2/2, sqrt2).
void log_split(double x, int& k, double& m) {
  k = 0;
  if (biased_exponent(x) == 0) {  // subnormal
    x *= 0x1p54;
    k = -54;
  }
  uint64_t u = bits_of(x);
  k += static_cast<int>(u >> 52) - 1023;
  m = from_bits((u & kMantissa) | 0x3ff0000000000000ull);
  if (m > kSqrt2) {
    m *= 0.5;
    k += 1;
  }
}

// log x for finite x > 0 as a double-double, relative error about 2^-70.
void log_dd(double x, double& hi, double& lo) {
  int k;
  double m;
  log_split(x, k, m);
  double f = m - 1.0;  // exact
  double dh, dl;
  fast_two_sum(2.0, f, dh, dl);
  double sh, sl;  // s = f/(2+f)
  div_dd(f, 0.0, dh, dl, sh, sl);
  // log(1+f) = 2s + s^3 (2/3 + z (2/5 + z Q(z))), z = s^2,
  // Q(z) = sum 2/(2j+7) z^j (the first two levels in double-double).
  double zh, zl;
  mul_dd(sh, sl, sh, sl, zh, zl);
  double q = 2.0 / 7 + zh * (2.0 / 9 + zh * (2.0 / 11 + zh * (2.0 / 13 + zh * (2.0 / 15 + zh * (2.0 / 17 +
             zh * (2.0 / 19 + zh * (2.0 / 21 + zh * (2.0 / 23 + zh * (2.0 / 25 + zh * (2.0 / 27))))))))));
  double th, tl;
  mul_dd(zh, zl, q, 0.0, th, tl);
  add_dd(0.4, -2.2204460492503132e-17, th, tl, th, tl);  // 2/5
  mul_dd(zh, zl, th, tl, th, tl);
  add_dd(0.6666666666666666, 3.700743415417188e-17, th, tl, th, tl);  // 2/3
  double s3h, s3l;
  mul_dd(zh, zl, sh, sl, s3h, s3l);
  mul_dd(s3h, s3l, th, tl, th, tl);
  double lh, ll;
  add_dd(2.0 * sh, 2.0 * sl, th, tl, lh, ll);
  double kh = k * kLn2Hi;  // exact
  double kl = k * kLn2Lo;
  add_dd(kh, kl, lh, ll, hi, lo);
}

// ---- fmod ----

// Finite x, y != 0: the exact remainder of x by y with x's sign.
double fmod_finite(double x, double y) {
  uint64_t ux = bits_of(x), uy = bits_of(y);
  uint64_t sx = ux & kSign;
  ux &= ~kSign;
  uy &= ~kSign;
  if (ux < uy) return x;
  if (ux == uy) return from_bits(sx);
  // Significands as integers with value m 2^e.
  auto unpack = [](uint64_t u, int& e) -> uint64_t {
    int be = static_cast<int>(u >> 52);
    uint64_t m = u & kMantissa;
    if (be == 0) {  // subnormal: normalize
      int shift = __builtin_clzll(m) - 11;
      m <<= shift;
      e = 1 - 1075 - shift;
    } else {
      m |= kImplicit;
      e = be - 1075;
    }
    return m;
  };
  int ex, ey;
  uint64_t mx = unpack(ux, ex);
  uint64_t my = unpack(uy, ey);
  for (; ex > ey; --ex) {
    if (mx >= my) mx -= my;
    mx <<= 1;
  }
  if (mx >= my) mx -= my;
  if (mx == 0) return from_bits(sx);
  // Normalize and repack; the remainder is smaller than |y| and exact.
  while (mx < kImplicit) {
    mx <<= 1;
    --ex;
  }
  int be = ex + 1075;
  uint64_t u;
  if (be >= 1) {
    u = (static_cast<uint64_t>(be) << 52) | (mx & kMantissa);
  } else {
    u = mx >> (1 - be);  // exact: the remainder is a multiple of y's ulp
  }
  return from_bits(u | sx);
}

}  // namespace

extern "C" {

double fl_float_sqrt(double x) {
  double r;
  asm("sqrtsd %1, %0" : "=x"(r) : "x"(x));
  return r;
}

double fl_float_floor(double x) {
  uint64_t u = bits_of(x);
  int e = biased_exponent(x) - 1023;
  if (e >= 52) return x + 0.0 == x ? x : x + x;  // integral, infinite or nan
  if (e < 0) {
    if ((u << 1) == 0) return x;  // +-0
    return sign_of(x) ? -1.0 : 0.0;
  }
  uint64_t frac = kMantissa >> e;
  if ((u & frac) == 0) return x;
  if (sign_of(x)) u += frac + 1;
  return from_bits(u & ~frac);
}

double fl_float_ceil(double x) {
  uint64_t u = bits_of(x);
  int e = biased_exponent(x) - 1023;
  if (e >= 52) return x + 0.0 == x ? x : x + x;
  if (e < 0) {
    if ((u << 1) == 0) return x;
    return sign_of(x) ? -0.0 : 1.0;
  }
  uint64_t frac = kMantissa >> e;
  if ((u & frac) == 0) return x;
  if (!sign_of(x)) u += frac + 1;
  return from_bits(u & ~frac);
}

// Half-way cases away from zero.
double fl_float_round(double x) {
  uint64_t u = bits_of(x);
  int e = biased_exponent(x) - 1023;
  if (e >= 52) return x + 0.0 == x ? x : x + x;
  if (e < -1) return from_bits(u & kSign);  // |x| < 1/2
  if (e == -1) return from_bits((u & kSign) | 0x3ff0000000000000ull);  // 1/2 <= |x| < 1
  uint64_t frac = kMantissa >> e;
  u += (frac + 1) >> 1;
  return from_bits(u & ~frac);
}

double fl_float_fmod(double x, double y) {
  if (x != x || y != y) return x + y;
  if (abs_of(x) == __builtin_inf() || y == 0.0) return (x * y) / (x * y);  // nan
  if (abs_of(y) == __builtin_inf()) return x;
  return fmod_finite(x, y);
}

double fl_float_sin(double x) {
  double ax = abs_of(x);
  if (ax <= kPio4Hi) {
    if (ax < 0x1p-26) return x;  // sin x = x (1 - x^2/6), x^2/6 < 2^-54
    return kernel_sin(x, 0.0);
  }
  if (!(ax < __builtin_inf())) return x - x;  // nan
  double y0, y1;
  switch (reduce_pio2(x, y0, y1)) {
    case 0: return kernel_sin(y0, y1);
    case 1: return kernel_cos(y0, y1);
    case 2: return -kernel_sin(y0, y1);
    default: return -kernel_cos(y0, y1);
  }
}

double fl_float_cos(double x) {
  double ax = abs_of(x);
  if (ax <= kPio4Hi) {
    if (ax < 0x1p-27) return 1.0;  // cos x = 1 - x^2/2, x^2/2 < 2^-55
    return kernel_cos(x, 0.0);
  }
  if (!(ax < __builtin_inf())) return x - x;
  double y0, y1;
  switch (reduce_pio2(x, y0, y1)) {
    case 0: return kernel_cos(y0, y1);
    case 1: return -kernel_sin(y0, y1);
    case 2: return -kernel_cos(y0, y1);
    default: return kernel_sin(y0, y1);
  }
}

double fl_float_tan(double x) {
  double ax = abs_of(x);
  if (ax <= kPio4Hi) {
    if (ax < 0x1p-27) return x;  // tan x = x (1 + x^2/3), x^2/3 < 2^-55
    return kernel_tan(x, 0.0, false);
  }
  if (!(ax < __builtin_inf())) return x - x;
  double y0, y1;
  int n = reduce_pio2(x, y0, y1);
  return kernel_tan(y0, y1, (n & 1) != 0);
}

double fl_float_atan(double x) {
  if (x != x) return x + x;
  double ax = abs_of(x);
  if (ax < 0x1p-27) return x;  // atan x = x (1 - x^2/3)
  double hi, lo;
  atan_dd(ax, 0.0, hi, lo);
  return sign_of(x) ? -hi : hi;
}

double fl_float_atan2(double y, double x) {
  if (x != x || y != y) return x + y;
  bool ys = sign_of(y), xs = sign_of(x);
  double ax = abs_of(x), ay = abs_of(y);
  constexpr double inf = __builtin_inf();
  double r;
  if (ay == 0.0) {
    r = xs ? kPiHi : 0.0;  // atan2(+-0, +-0 or x) = +-0 or +-pi
    if (!xs) return y;
  } else if (ax == 0.0) {
    r = kPio2Hi;
  } else if (ax == inf) {
    if (ay == inf) r = xs ? 3 * kPio4Hi : kPio4Hi;
    else r = xs ? kPiHi : 0.0;
  } else if (ay == inf) {
    r = kPio2Hi;
  } else {
    // Compare exponents through frexp-like splits that see subnormals too.
    auto split_exp = [](double v, double& m) -> int {
      int k = 0;
      if (biased_exponent(v) == 0) { v *= 0x1p64; k = -64; }
      uint64_t u = bits_of(v);
      k += static_cast<int>(u >> 52) - 1023;
      m = from_bits((u & kMantissa) | 0x3ff0000000000000ull);
      return k;
    };
    double mx, my;
    int d = split_exp(ay, my) - split_exp(ax, mx);
    if (d > 60) {
      r = kPio2Hi;  // |y/x| > 2^60: pi/2 - tiny
    } else if (d < -60) {
      // |y/x| < 2^-59: atan(y/x) = y/x to within rounding.
      if (!xs) {
        double q = ay / ax;  // may underflow, as it should
        return ys ? -q : q;
      }
      r = kPiHi;
    } else {
      // t = |y/x| as a double-double, computed on the significands in
      // [1,2) and rescaled exactly.
      double th, tl;
      div_dd(my, 0.0, mx, 0.0, th, tl);
      double s = pow2(d);
      th *= s;
      tl *= s;
      double hi, lo;
      atan_dd(th, tl, hi, lo);
      if (xs) {  // pi - atan t
        double sh, sl;
        two_sum(kPiHi, -hi, sh, sl);
        r = sh + (sl + (kPiLo - lo));
      } else {
        r = hi;
      }
    }
  }
  return ys ? -r : r;
}

double fl_float_exp(double x) {
  if (x != x) return x + x;
  if (x > kExpOverflow) return __builtin_inf();
  if (x <= kExpUnderflow) return 0.0;
  if (abs_of(x) < 0x1p-28) return 1.0 + x;
  return exp_dd(x, 0.0);
}

double fl_float_log(double x) {
  if (x != x) return x + x;
  if (x < 0.0) return (x - x) / (x - x);  // nan
  if (x == 0.0) return -__builtin_inf();
  if (x == __builtin_inf()) return x;
  int k;
  double m;
  log_split(x, k, m);
  double f = m - 1.0;  // exact
  if (f == 0.0) return k * kLn2Hi + k * kLn2Lo;
  double s = f / (2.0 + f);
  double z = s * s;
  double r = z * (L[0] + z * (L[1] + z * (L[2] + z * (L[3] + z * (L[4] + z * (L[5] + z * L[6]))))));
  double hfsq = 0.5 * f * f;
  // log(1+f) = f - hfsq + s (hfsq + R)
  return k * kLn2Hi - ((hfsq - (s * (hfsq + r) + k * kLn2Lo)) - f);
}

double fl_float_pow(double x, double y) {
  constexpr double inf = __builtin_inf();
  if (y == 0.0) return 1.0;  // even for nan x
  if (x == 1.0) return 1.0;  // even for nan y
  if (x != x || y != y) return x + y;
  double ax = abs_of(x), ay = abs_of(y);
  // 0: y not an integer, 1: odd integer, 2: even integer
  int yint;
  if (ay >= 0x1p53) {
    yint = 2;
  } else if (fl_float_floor(y) != y) {
    yint = 0;
  } else {
    yint = (static_cast<int64_t>(y) & 1) ? 1 : 2;
  }
  if (ay == inf) {
    if (ax == 1.0) return 1.0;  // (-1)^+-inf
    return (ax > 1.0) == (y > 0.0) ? inf : 0.0;
  }
  bool negate = sign_of(x) && yint == 1;
  if (ax == 0.0 || ax == inf) {
    // 0^y and inf^y: 0 or inf, signed for odd integer y
    double r = (ax == 0.0) == (y < 0.0) ? inf : 0.0;
    return negate ? -r : r;
  }
  if (sign_of(x) && yint == 0) return (x - x) / (x - x);  // nan
  if (ax == 1.0) return negate ? -1.0 : 1.0;  // (-1)^integer
  if (y == 1.0) return x;
  if (y == -1.0) return 1.0 / x;
  if (y == 2.0) return x * x;
  double lh, ll;
  log_dd(ax, lh, ll);
  double th = y * lh;
  double r;
  if (th > 710.0) {
    r = inf;
  } else if (th < -746.0) {
    r = 0.0;
  } else {
    double pe;
    two_prod(y, lh, th, pe);
    pe += y * ll;
    double tl;
    fast_two_sum(th, pe, th, tl);
    r = exp_dd(th, tl);  // overflows to inf or underflows to 0 as it should
  }
  return negate ? -r : r;
}

}  // extern "C"
