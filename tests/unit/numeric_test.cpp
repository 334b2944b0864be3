// The runtime's numeric primitives (rts/include/rts_numeric.h) against the
// host's C library: libm within 1 ulp (exact where the result is), "%.12g"
// and strtod exactly.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "rts.h"
#include "rts_numeric.h"

namespace {

uint64_t bits(double x) {
  uint64_t u;
  std::memcpy(&u, &x, 8);
  return u;
}

double from_bits(uint64_t u) {
  double x;
  std::memcpy(&x, &u, 8);
  return x;
}

// Distance in units in the last place, counting across zero; nans are 0
// apart from each other and far from everything else.
int64_t ulps(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  auto ord = [](double x) {
    auto i = static_cast<int64_t>(bits(x));
    return i < 0 ? INT64_MIN - i : i;
  };
  int64_t d = ord(a) - ord(b);
  return d < 0 ? -d : d;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || bits(a) == bits(b); }

std::string hex(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", x);
  return buf;
}

// Arguments from several distributions: all bit patterns, moderate ranges,
// every binade.
class Inputs {
 public:
  explicit Inputs(uint64_t seed) : rng_(seed) {}
  double next(int kind) {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    switch (kind % 6) {
      case 0: return from_bits(rng_());
      case 1: return u(rng_) * 4;
      case 2: return u(rng_) * 100;
      case 3: return u(rng_) * 1e6;
      case 4: return std::ldexp(u(rng_), static_cast<int>(rng_() % 2150) - 1075);
      default: return std::ldexp(u(rng_), static_cast<int>(rng_() % 80) - 40);
    }
  }
  uint64_t raw() { return rng_(); }

 private:
  std::mt19937_64 rng_;
};

const std::vector<double>& edge_cases() {
  static const std::vector<double> v = [] {
    std::vector<double> e = {0.0,
                             1.0,
                             0.5,
                             1.5,
                             2.5,
                             0.49999999999999994,
                             4503599627370495.5,
                             4503599627370496.0,
                             9007199254740991.0,
                             M_PI,
                             M_PI_2,
                             M_PI_4,
                             2 * M_PI,
                             3 * M_PI_2,
                             1e22,
                             1e300,
                             0x1p1023,
                             DBL_MAX,
                             DBL_MIN,
                             DBL_MIN / 3,
                             DBL_TRUE_MIN,
                             0x1p-27,
                             0x1p-28,
                             0.6744,
                             0.4375,
                             0.6875,
                             1.1875,
                             2.4375,
                             0x1p66,
                             709.782712893384,
                             709.7827128933841,
                             -745.1332191019412,
                             -745.1332191019411,
                             -708.4,
                             M_SQRT2,
                             M_SQRT1_2,
                             0x1p60,
                             1.5e10,
                             1e-300,
                             INFINITY,
                             NAN};
    size_t n = e.size();
    for (size_t i = 0; i < n; ++i) {
      e.push_back(-e[i]);
      e.push_back(std::nextafter(e[i], INFINITY));
      e.push_back(std::nextafter(e[i], -INFINITY));
    }
    for (int k = -20; k <= 20; ++k) e.push_back(k * M_PI_4);  // near multiples of pi/4
    for (int k = 1; k < 64; ++k) e.push_back(std::ldexp(1.0, k * 16 - 512));
    return e;
  }();
  return v;
}

using Fn1 = double (*)(double);
using Fn2 = double (*)(double, double);

// Worst distance from the host's libm over edge cases and `count` random
// arguments of each kind.
void expect_close1(const char* name, Fn1 mine, Fn1 host, int64_t allowed, int count) {
  int64_t worst = 0;
  double worst_x = 0;
  auto check = [&](double x) {
    int64_t d = ulps(mine(x), host(x));
    if (d > worst) {
      worst = d;
      worst_x = x;
    }
  };
  for (double x : edge_cases()) check(x);
  Inputs in(0x5eed0000 + std::strlen(name));
  for (int kind = 0; kind < 6; ++kind)
    for (int i = 0; i < count; ++i) check(in.next(kind));
  EXPECT_LE(worst, allowed) << name << "(" << hex(worst_x) << " = " << worst_x << "): mine "
                            << hex(mine(worst_x)) << ", host " << hex(host(worst_x));
}

void expect_close2(const char* name, Fn2 mine, Fn2 host, int64_t allowed, int count,
                   bool positive_x = false) {
  int64_t worst = 0;
  double wx = 0, wy = 0;
  auto check = [&](double x, double y) {
    int64_t d = ulps(mine(x, y), host(x, y));
    if (d > worst) {
      worst = d;
      wx = x;
      wy = y;
    }
  };
  const auto& e = edge_cases();
  for (double x : e)
    for (double y : e) check(x, y);
  Inputs in(0xabcd0000 + std::strlen(name));
  for (int kx = 0; kx < 6; ++kx)
    for (int ky = 0; ky < 6; ++ky)
      for (int i = 0; i < count; ++i) {
        double x = in.next(kx), y = in.next(ky);
        if (positive_x) x = std::fabs(x);
        check(x, y);
      }
  EXPECT_LE(worst, allowed) << name << "(" << hex(wx) << ", " << hex(wy) << "): mine " << hex(mine(wx, wy))
                            << ", host " << hex(host(wx, wy));
}

double host_sqrt(double x) { return std::sqrt(x); }
double host_floor(double x) { return std::floor(x); }
double host_ceil(double x) { return std::ceil(x); }
double host_round(double x) { return std::round(x); }
double host_sin(double x) { return std::sin(x); }
double host_cos(double x) { return std::cos(x); }
double host_tan(double x) { return std::tan(x); }
double host_atan(double x) { return std::atan(x); }
double host_exp(double x) { return std::exp(x); }
double host_log(double x) { return std::log(x); }
double host_atan2(double y, double x) { return std::atan2(y, x); }
double host_pow(double x, double y) { return std::pow(x, y); }
double host_fmod(double x, double y) { return std::fmod(x, y); }

constexpr int kRandom = 100000;  // per distribution (6 of them)

TEST(NumericLibm, ExactFunctionsMatchBitForBit) {
  expect_close1("sqrt", fl_float_sqrt, host_sqrt, 0, kRandom);
  expect_close1("floor", fl_float_floor, host_floor, 0, kRandom);
  expect_close1("ceil", fl_float_ceil, host_ceil, 0, kRandom);
  expect_close1("round", fl_float_round, host_round, 0, kRandom);
  expect_close2("fmod", fl_float_fmod, host_fmod, 0, kRandom / 20);
  // Signs of zero too.
  for (double x : edge_cases()) {
    EXPECT_TRUE(same(fl_float_floor(x), std::floor(x))) << hex(x);
    EXPECT_TRUE(same(fl_float_ceil(x), std::ceil(x))) << hex(x);
    EXPECT_TRUE(same(fl_float_round(x), std::round(x))) << hex(x);
    if (!std::isnan(x)) EXPECT_TRUE(same(fl_float_sqrt(x), std::sqrt(x))) << hex(x);
  }
  EXPECT_EQ(fl_float_round(2.5), 3.0);
  EXPECT_EQ(fl_float_round(-2.5), -3.0);
  EXPECT_EQ(fl_float_round(0.49999999999999994), 0.0);
  EXPECT_TRUE(same(fl_float_round(-0.3), -0.0));
  EXPECT_TRUE(same(fl_float_ceil(-0.5), -0.0));
}

TEST(NumericLibm, TranscendentalsWithinOneUlp) {
  expect_close1("sin", fl_float_sin, host_sin, 1, kRandom);
  expect_close1("cos", fl_float_cos, host_cos, 1, kRandom);
  expect_close1("tan", fl_float_tan, host_tan, 1, kRandom);
  expect_close1("atan", fl_float_atan, host_atan, 1, kRandom);
  expect_close1("exp", fl_float_exp, host_exp, 1, kRandom);
  expect_close1("log", fl_float_log, host_log, 1, kRandom);
  expect_close2("atan2", fl_float_atan2, host_atan2, 1, kRandom / 20);
  expect_close2("pow", fl_float_pow, host_pow, 1, kRandom / 20);
  expect_close2("pow", fl_float_pow, host_pow, 1, kRandom / 20, /*positive_x=*/true);
}

// Correctly rounded values (from 1200-digit arithmetic) where the
// reduction modulo pi/2 is hardest; 0x1.6ac5b262ca1ffp+849 is the double
// closest to a multiple of pi/2, where glibc 2.36's cos and tan are 8 and
// 14 ulps off, so these are not compared with the host.
TEST(NumericLibm, HugeArgumentsReduceExactly) {
  struct Case {
    double x, sin, cos, tan;
  };
  const Case cases[] = {
      {0x1.6ac5b262ca1ffp+849, 0x1.0000000000000p+0, -0x1.14ae72e6ba22fp-61, -0x1.d9ba9a7975636p+60},
      {0x1.0f0cf064dd592p+73, -0x1.b453ab76bf397p-1, 0x1.0be2cef01c8f4p-1, -0x1.a0f79c1b6b257p+0},
      {0x1.0000000000000p+1023, 0x1.205248cbdb760p-1, -0x1.a719f26c232bfp-1, -0x1.5ce6b4c0d02a3p-1},
      {0x1.fffffffffffffp+1023, 0x1.452fc98b34e97p-8, -0x1.fffe62ecfab75p-1, -0x1.4530cfe729484p-8},
      {0x1.7e43c8800759cp+996, -0x1.a2c16b010e385p-1, -0x1.2699022adc4c1p-1, 0x1.6be411f37ac77p+0},
      {0x1.0000000000000p+60, -0x1.a94adab06665cp-1, -0x1.1d146047d6947p-1, 0x1.7de90e3bee983p+0},
      {0x1.bf08eb0000000p+33, 0x1.622717aa189f2p-1, -0x1.71c1a94e9df6cp-1, -0x1.ea64bd6fe28bdp-1},
      {0x1.8000000000000p+1, 0x1.210386db6d55bp-3, -0x1.fae04be85e5d2p-1, -0x1.23ef71254b86fp-3},
      {0x1.921fb54442d18p+0, 0x1.0000000000000p+0, 0x1.1a62633145c07p-54, 0x1.d02967c31cdb5p+53},
      {0x1.921fb54442d18p+1, 0x1.1a62633145c07p-53, -0x1.0000000000000p+0, -0x1.1a62633145c07p-53},
      {0x1.6300000000000p+8, -0x1.f9bd0307d1de3p-16, -0x1.fffffffc18e4cp-1, 0x1.f9bd030bacc16p-16},
      {0x1.9639000000000p+16, -0x1.40efdf1eb8de7p-16, 0x1.fffffffe6da77p-1, -0x1.40efdf1fb5124p-16},
  };
  for (const Case& c : cases) {
    for (double sign : {1.0, -1.0}) {
      double x = sign * c.x;
      EXPECT_LE(ulps(fl_float_sin(x), sign * c.sin), 1) << "sin " << hex(x);
      EXPECT_LE(ulps(fl_float_cos(x), c.cos), 1) << "cos " << hex(x);
      EXPECT_LE(ulps(fl_float_tan(x), sign * c.tan), 1) << "tan " << hex(x);
    }
  }
}

TEST(NumericLibm, SpecialValuesAsC99) {
  const double inf = INFINITY;
  // Exact results, signed zeros included.
  const double exact1[] = {0.0, -0.0, inf, -inf, DBL_TRUE_MIN, -DBL_TRUE_MIN};
  for (double x : exact1) {
    EXPECT_TRUE(same(fl_float_sin(x), std::sin(x))) << hex(x);
    EXPECT_TRUE(same(fl_float_tan(x), std::tan(x))) << hex(x);
    EXPECT_TRUE(same(fl_float_atan(x), std::atan(x))) << hex(x);
    EXPECT_TRUE(same(fl_float_exp(x), std::exp(x))) << hex(x);
    if (x == 0 || x == inf) EXPECT_TRUE(same(fl_float_log(x), std::log(x))) << hex(x);
    EXPECT_TRUE(std::isnan(fl_float_cos(x)) == std::isnan(std::cos(x))) << hex(x);
  }
  EXPECT_TRUE(std::isnan(fl_float_log(-1.0)));
  EXPECT_TRUE(std::isnan(fl_float_sin(NAN)));
  EXPECT_EQ(fl_float_exp(1000.0), inf);
  EXPECT_TRUE(same(fl_float_exp(-1000.0), 0.0));
  EXPECT_EQ(fl_float_log(0.0), -inf);
  EXPECT_EQ(fl_float_cos(0.0), 1.0);
  const double vals[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 0.25, inf, -inf, NAN, DBL_TRUE_MIN};
  for (double x : vals)
    for (double y : vals) {
      // Exact where either argument is special or the result is; else
      // within an ulp.
      auto special = [](double v) { return v == 0 || std::isinf(v) || std::isnan(v) || v == 1.0; };
      double p = std::pow(x, y), mp = fl_float_pow(x, y);
      if (special(x) || special(y) || special(p) || std::fabs(y) == 1 || y == 2)
        EXPECT_TRUE(same(mp, p)) << "pow(" << x << ", " << y << ") = " << mp << ", host " << p;
      else
        EXPECT_LE(ulps(mp, p), 1) << "pow(" << x << ", " << y << ")";
      double a = std::atan2(x, y), ma = fl_float_atan2(x, y);
      if (special(x) || special(y))
        EXPECT_TRUE(same(ma, a)) << "atan2(" << x << ", " << y << ") = " << ma << ", host " << a;
      else
        EXPECT_LE(ulps(ma, a), 1) << "atan2(" << x << ", " << y << ")";
      if (!std::isnan(x) && !std::isnan(y))
        EXPECT_TRUE(same(fl_float_fmod(x, y), std::fmod(x, y)) || std::isnan(std::fmod(x, y)))
            << "fmod(" << x << ", " << y << ")";
    }
}

TEST(NumericLibm, PowIsExactOnExactResults) {
  for (int b = -12; b <= 12; ++b)
    for (int e = -30; e <= 60; ++e) {
      double expected = std::pow(static_cast<double>(b), static_cast<double>(e));
      bool power_of_two = b != 0 && (std::abs(b) & (std::abs(b) - 1)) == 0;
      if (!power_of_two && !(e >= 0 && std::fabs(expected) < 0x1p53)) continue;  // not exact
      EXPECT_EQ(bits(fl_float_pow(b, e)), bits(expected)) << b << "^" << e;
    }
  EXPECT_EQ(fl_float_pow(2.0, -1074.0), DBL_TRUE_MIN);
  EXPECT_EQ(fl_float_pow(2.0, 1023.0), 0x1p1023);
  EXPECT_EQ(fl_float_pow(2.0, 1024.0), INFINITY);
  EXPECT_EQ(fl_float_pow(10.0, 22.0), 1e22);
  EXPECT_EQ(fl_float_pow(4.0, 0.5), 2.0);
  EXPECT_TRUE(std::isnan(fl_float_pow(-8.0, 1.0 / 3)));
}

// ---- string_of_float ----

std::string ocaml_string_of_float(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", x);
  std::string s = buf;
  if (s.find_first_not_of("-0123456789") == std::string::npos) s += ".";
  return s;
}

std::string mine(double x) {
  char buf[kFlFloatMaxChars];
  size_t n = fl_format_float(x, buf);
  return std::string(buf, n);
}

TEST(NumericFormat, KnownStrings) {
  EXPECT_EQ(mine(2.0), "2.");
  EXPECT_EQ(mine(-0.0), "-0.");
  EXPECT_EQ(mine(0.0), "0.");
  EXPECT_EQ(mine(0.1), "0.1");
  EXPECT_EQ(mine(1e20), "1e+20");
  EXPECT_EQ(mine(1.5e-7), "1.5e-07");
  EXPECT_EQ(mine(1e-5), "1e-05");
  EXPECT_EQ(mine(1e-4), "0.0001");
  EXPECT_EQ(mine(M_PI), "3.14159265359");
  EXPECT_EQ(mine(123456789012.0), "123456789012.");
  EXPECT_EQ(mine(1234567890123.0), "1.23456789012e+12");
  EXPECT_EQ(mine(1234567890125.0), "1.23456789012e+12");  // a tie: to even
  EXPECT_EQ(mine(1234567890135.0), "1.23456789014e+12");
  EXPECT_EQ(mine(999999999999.5), "1e+12");
  EXPECT_EQ(mine(DBL_TRUE_MIN), "4.94065645841e-324");
  EXPECT_EQ(mine(DBL_MAX), "1.79769313486e+308");
  EXPECT_EQ(mine(1.0 / 3), "0.333333333333");
  EXPECT_EQ(mine(-1e100), "-1e+100");
  EXPECT_EQ(mine(NAN), "nan");
  EXPECT_EQ(mine(-NAN), "nan");
  EXPECT_EQ(mine(INFINITY), "inf");
  EXPECT_EQ(mine(-INFINITY), "-inf");
  FlString* s = fl_string_of_float(2.5);
  EXPECT_EQ(std::string(s->bytes, s->len), "2.5");
}

TEST(NumericFormat, MatchesPrintfOnRandomDoubles) {
  Inputs in(12);
  int bad = 0;
  auto check = [&](double x) {
    std::string a = mine(x), b = ocaml_string_of_float(x);
    if (a != b && ++bad <= 10) ADD_FAILURE() << hex(x) << ": mine " << a << ", printf " << b;
  };
  for (double x : edge_cases()) check(x);
  for (int i = 0; i < 1000000; ++i) check(from_bits(in.raw()));
  for (int kind = 1; kind < 6; ++kind)
    for (int i = 0; i < 100000; ++i) check(in.next(kind));
  // Decimal-looking values, and exact ties at the 13th digit.
  for (int i = 0; i < 300000; ++i) {
    double x = static_cast<double>(in.raw() % 2000000000000000ull) / std::pow(10.0, static_cast<int>(in.raw() % 24));
    check(x);
    auto k = static_cast<int64_t>(in.raw() % 900000000000ull) + 100000000000ll;
    check(static_cast<double>(k * 10 + 5) * std::pow(10.0, static_cast<int>(in.raw() % 4)));
  }
  EXPECT_EQ(bad, 0);
}

// ---- int_of_string ----

TEST(NumericParseInt, OCamlSyntax) {
  struct Case {
    const char* text;
    bool ok;
    int64_t value;
  };
  const Case cases[] = {
      {"0", true, 0},
      {"42", true, 42},
      {"-7", true, -7},
      {"+7", true, 7},
      {"1_000_000", true, 1000000},
      {"1_", true, 1},
      {"0x2A", true, 42},
      {"0X2a", true, 42},
      {"0o17", true, 15},
      {"0b1010", true, 10},
      {"0u42", true, 42},
      {"-0x10", true, -16},
      {"0x_1", false, 0},
      {"_1", false, 0},
      {"", false, 0},
      {"-", false, 0},
      {"+", false, 0},
      {"0x", false, 0},
      {"0b2", false, 0},
      {"0o8", false, 0},
      {"12a", false, 0},
      {" 1", false, 0},
      {"1 ", false, 0},
      {"--1", false, 0},
      {"9223372036854775807", true, INT64_MAX},
      {"9223372036854775808", false, 0},
      {"-9223372036854775808", true, INT64_MIN},
      {"-9223372036854775809", false, 0},
      {"99999999999999999999", false, 0},
      {"0x7fffffffffffffff", true, INT64_MAX},
      {"0x8000000000000000", true, INT64_MIN},
      {"0xffffffffffffffff", true, -1},
      {"-0xffffffffffffffff", true, 1},
      {"0x10000000000000000", false, 0},
      {"0u18446744073709551615", true, -1},
      {"0u18446744073709551616", false, 0},
      {"0b1111111111111111111111111111111111111111111111111111111111111111", true, -1},
      {"0o1777777777777777777777", true, -1},
      {"0o2000000000000000000000", false, 0},
  };
  for (const Case& c : cases) {
    int64_t v = 12345;
    bool ok = fl_parse_int(c.text, std::strlen(c.text), &v);
    EXPECT_EQ(ok, c.ok) << '"' << c.text << '"';
    if (ok && c.ok) EXPECT_EQ(v, c.value) << '"' << c.text << '"';
  }
  // The length bounds the text: no terminating NUL needed, NUL inside fails.
  int64_t v = 0;
  EXPECT_TRUE(fl_parse_int("123456", 3, &v));
  EXPECT_EQ(v, 123);
  EXPECT_FALSE(fl_parse_int("1\0002", 3, &v));
}

TEST(NumericParseInt, RoundTripsRandomInts) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200000; ++i) {
    auto n = static_cast<int64_t>(rng());
    if (i % 2) n >>= rng() % 64;
    std::string s = std::to_string(n);
    int64_t v = 0;
    ASSERT_TRUE(fl_parse_int(s.data(), s.size(), &v)) << s;
    ASSERT_EQ(v, n) << s;
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(n));
    ASSERT_TRUE(fl_parse_int(buf, std::strlen(buf), &v)) << buf;
    ASSERT_EQ(v, n) << buf;
  }
}

// ---- float_of_string ----

// What OCaml's float_of_string does on Linux: drop every '_', then strtod
// must consume the whole (nonempty) text.
bool host_float_of_string(const std::string& text, double* out) {
  std::string s;
  for (char c : text)
    if (c != '_') s += c;
  if (s.empty() || s.find('\0') != std::string::npos) return false;
  char* end;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

void expect_parse_like_host(const std::string& text, int& bad) {
  double a = 0, b = 0;
  bool ok = fl_parse_float(text.data(), text.size(), &a);
  bool host_ok = host_float_of_string(text, &b);
  if (ok != host_ok || (ok && !same(a, b))) {
    if (++bad <= 10)
      ADD_FAILURE() << '"' << text << "\": mine " << ok << " " << hex(a) << ", host " << host_ok << " " << hex(b);
  }
}

TEST(NumericParseFloat, OCamlSyntax) {
  const char* texts[] = {
      "1", "1.", "1.5", ".5", "-.5", "+.5", "1e5", "1E5", "1.e5", "1e+5", "1e-5", "1_000.5", "_1", "1_", "1e_5",
      "  1", "\t1", "1 ", "1e", "1e+", "e5", ".", "", "-", "+", "--1", "1.5.2", "0x1p3", "0x1.8p1", "-0x1.8P1",
      "0x", "0x.", "0x.8", "0x1.", "0x1p", "0X1P-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0x1p-1076",
      "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7ffp1023", "0x1p1024", "0x0.0000000000001p-1022",
      "0x123456789abcdef123456789p0", "inf", "-inf", "+inf", "Infinity", "-INFINITY", "INF", "infin", "in_f",
      "nan", "NaN", "-nan", "nan(123)", "nan(abc_1)", "nan(", "nan()", "nanx", "1e400", "-1e400", "1e-400",
      "2.4703282292062327e-324", "2.4703282292062328e-324", "4.9406564584124654e-324",
      "2.2250738585072011e-308", "2.2250738585072012e-308", "1.7976931348623157e308",
      "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740993",
      "9007199254740993.0000000000000000000001", "123456789012345678901234567890", "1e23", "8.9884656743115795e307",
      "0.000000000000000000000000000000000000001e39", "1e99999999999999999999", "1e-99999999999999999999",
      "0e99999999999", "00000000000000000000000000001", "0.0", "-0.0", "-0", "1\n", "0x1p+1023"};
  int bad = 0;
  for (const char* t : texts) expect_parse_like_host(t, bad);
  EXPECT_EQ(bad, 0);
  double v = 0;
  EXPECT_TRUE(fl_parse_float("1.25xyz", 4, &v));
  EXPECT_EQ(v, 1.25);
}

TEST(NumericParseFloat, CorrectlyRoundedLikeStrtod) {
  std::mt19937_64 rng(99);
  int bad = 0;
  char buf[2048];
  // Random decimal strings of up to 25 digits.
  for (int i = 0; i < 400000; ++i) {
    int nd = 1 + static_cast<int>(rng() % 25);
    int point = static_cast<int>(rng() % (nd + 1));
    std::string s;
    if (rng() % 2) s += '-';
    for (int j = 0; j < nd; ++j) {
      if (j == point && rng() % 2) s += '.';
      s += static_cast<char>('0' + rng() % 10);
    }
    if (rng() % 2) s += (rng() % 2 ? "e" : "E") + std::to_string(static_cast<int>(rng() % 700) - 350);
    expect_parse_like_host(s, bad);
  }
  for (int i = 0; i < 100000; ++i) {
    double x = from_bits(rng());
    if (std::isnan(x)) continue;
    // Shortest-ish, too short, and longer than needed; hex.
    for (const char* fmt : {"%.17g", "%.16g", "%.15g", "%.25g", "%a"}) {
      std::snprintf(buf, sizeof buf, fmt, x);
      expect_parse_like_host(buf, bad);
    }
    // The exact midpoint between x and its successor (54 bits: exact in
    // long double), and the numbers just around it.
    double y = std::nextafter(x, INFINITY);
    if (std::isinf(y) || std::isinf(x) || x < 0) continue;
    long double mid = (static_cast<long double>(x) + static_cast<long double>(y)) / 2;
    int n = std::snprintf(buf, sizeof buf, "%.1100Le", mid);
    std::string exact(buf, n);
    // Strip the trailing zeros of the significand.
    size_t epos = exact.find('e');
    size_t last = exact.find_last_not_of('0', epos - 1);
    std::string sig = exact.substr(0, last + 1), ex = exact.substr(epos);
    expect_parse_like_host(sig + ex, bad);
    expect_parse_like_host(sig + "000000001" + ex, bad);
    if (sig.back() != '.') {
      std::string below = sig;
      below.back() = static_cast<char>(below.back() - 1);
      expect_parse_like_host(below + "9999999999" + ex, bad);
    }
  }
  EXPECT_EQ(bad, 0);
}

TEST(NumericParseFloat, LongSignificandsAndExtremeExponents) {
  std::mt19937_64 rng(5);
  int bad = 0;
  // Long digit strings (past the 800 digits kept) anywhere in the range.
  for (int i = 0; i < 3000; ++i) {
    int nd = 1 + static_cast<int>(rng() % 1500);
    std::string s;
    for (int j = 0; j < nd; ++j) s += static_cast<char>('0' + (j == 0 ? 1 + rng() % 9 : rng() % 10));
    if (rng() % 3 == 0) s.append(rng() % 600, '0');  // zeros after the kept digits
    if (rng() % 2) s += '1';
    int total = static_cast<int>(s.size());
    // Aim the value's decimal exponent at [-330, 312].
    int target = static_cast<int>(rng() % 643) - 330;
    s += "e" + std::to_string(target - total);
    expect_parse_like_host(s, bad);
  }
  // Leading and trailing zeros by the thousand.
  expect_parse_like_host("1" + std::string(5000, '0') + "e-5000", bad);
  expect_parse_like_host("0." + std::string(1000, '0') + "1e1001", bad);
  expect_parse_like_host(std::string(3000, '0') + "1.5", bad);
  // 2^-1075, exactly half the smallest subnormal: ties to even, 0; a hair
  // more is the smallest subnormal.
  char buf[2048];
  int n = std::snprintf(buf, sizeof buf, "%.1100Le", std::ldexp(1.0L, -1075));
  std::string half(buf, n);
  size_t e = half.find('e');
  size_t last = half.find_last_not_of('0', e - 1);
  std::string sig = half.substr(0, last + 1), ex = half.substr(e);
  double v = 1;
  ASSERT_TRUE(fl_parse_float((sig + ex).data(), (sig + ex).size(), &v));
  EXPECT_EQ(bits(v), 0u);
  std::string more = sig + std::string(2000, '0') + "1" + ex;
  ASSERT_TRUE(fl_parse_float(more.data(), more.size(), &v));
  EXPECT_EQ(v, DBL_TRUE_MIN);
  expect_parse_like_host(sig + ex, bad);
  expect_parse_like_host(more, bad);
  EXPECT_EQ(bad, 0);
}

}  // namespace
