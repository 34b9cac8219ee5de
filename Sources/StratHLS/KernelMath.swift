/// The C++ helpers every kernel carries in `NAME.h`: raw-bit access and the integer division,
/// square root, log and exp of `FixedMath`, step for step. Every expression is one operation
/// on declared variables, so no intermediate is wider than 128 bits: the shim's limit, and what
/// synthesis keeps small. Raw values travel as `ap_int<64>`, intermediates as `ap_int<127>`.
enum KernelMath {
  static let text = #"""
typedef ap_int<64> strat_raw_t;
typedef ap_int<127> strat_wide_t;

// A value of a fixed type T (W bits) from raw bits.
template <typename T, int W>
static inline T strat_from_raw(unsigned long long bits) {
  T x;
  x.range(W - 1, 0) = ap_uint<W>(bits);
  return x;
}

// The raw bits of x (W bits), sign-extended.
template <int W, typename T>
static inline strat_raw_t strat_raw(const T& x) {
  ap_uint<W> u = x.range(W - 1, 0);
  ap_int<W> s = u;
  strat_raw_t r = s;
  return r;
}

// A raw value of W bits as T.
template <typename T, int W>
static inline T strat_from_wide(strat_wide_t v) {
  T x;
  ap_uint<W> u = v;
  x.range(W - 1, 0) = u;
  return x;
}

// v clamped to the raw range of a signed W-bit format (AP_SAT).
static inline strat_wide_t strat_clamp(strat_wide_t v, int w) {
  strat_wide_t one = 1;
  strat_wide_t top = one << (w - 1);
  strat_wide_t hi = top - one;
  strat_wide_t lo = -top;
  if (v > hi) return hi;
  if (v < lo) return lo;
  return v;
}

// a / b with the quotient at fraction fa - fb + s, truncated toward zero, saturated to w bits;
// a zero divisor gives the extreme of the dividend's sign.
static inline strat_wide_t strat_div(strat_raw_t a, strat_raw_t b, int s, int w) {
  strat_wide_t wa = a, wb = b, q;
  if (b == 0) {
    strat_wide_t big = strat_wide_t(1) << 120;
    strat_wide_t neg = -big;
    return strat_clamp(a > 0 ? big : (a < 0 ? neg : strat_wide_t(0)), w);
  }
  if (s >= 0) {
    strat_wide_t n = wa << s;
    q = n / wb;
  } else {
    strat_wide_t d = wb << (-s);
    q = wa / d;
  }
  return strat_clamp(q, w);
}

// floor(sqrt(x * 2^s)), saturated to w bits; 0 for x <= 0. Digit by digit in 63 fixed steps:
// the planner keeps x * 2^s below 2^125, so the first digit is at most 2^124.
static inline strat_wide_t strat_sqrt(strat_raw_t x, int s, int w) {
  if (x <= 0) return 0;
  strat_wide_t wx = x;
  strat_wide_t n = s >= 0 ? strat_wide_t(wx << s) : strat_wide_t(wx >> (-s));
  strat_wide_t root = 0, bit = strat_wide_t(1) << 124;
  strat_wide_t rem = n;
  for (int i = 0; i < 63; ++i) {
    strat_wide_t trial = root + bit;
    if (rem >= trial) {
      rem = rem - trial;
      root = root >> 1;
      root = root + bit;
    } else {
      root = root >> 1;
    }
    bit = bit >> 2;
  }
  return strat_clamp(root, w);
}

// table[i] + (table[i+1] - table[i]) * rest, for a 60-bit fraction u (a table of 2^bits steps).
static inline strat_wide_t strat_interpolate(strat_wide_t u, const long long* table, int bits) {
  int low = 60 - bits;
  strat_wide_t one = 1;
  strat_wide_t mask = (one << low) - one;
  strat_wide_t index = u >> low;
  int i = index.to_int();
  strat_raw_t rest = u & mask;
  strat_raw_t t0 = table[i], t1 = table[i + 1];
  strat_raw_t diff = t1 - t0;
  strat_wide_t product = diff * rest;
  strat_wide_t step = product >> low;
  strat_wide_t base = t0;
  return base + step;
}

// ln(x * 2^-fx) at fraction f (f <= 60), truncated, saturated to w bits; the least value for x <= 0.
static inline strat_wide_t strat_log(strat_raw_t x, int fx, int f, int w, const long long* table, int bits,
                              long long ln2) {
  if (x <= 0) return strat_clamp(-(strat_wide_t(1) << 120), w);
  int p = 0;
  for (int i = 62; i >= 0; --i) {
    if (p == 0 && x[i]) p = i;
  }
  strat_wide_t wx = x;
  strat_wide_t lead = strat_wide_t(1) << p;
  strat_wide_t t = wx - lead;
  strat_wide_t u = p <= 60 ? strat_wide_t(t << (60 - p)) : strat_wide_t(t >> (p - 60));
  strat_wide_t m = strat_interpolate(u, table, bits);
  strat_raw_t e = p - fx, l2 = ln2;
  strat_wide_t whole = e * l2;
  strat_wide_t total = whole + m;
  return strat_clamp(total >> (60 - f), w);
}

// exp(x * 2^-fx) at fraction f (f <= 60) as 2^(x log2 e), saturated to w bits.
static inline strat_wide_t strat_exp(strat_raw_t x, int fx, int f, int w, const long long* table, int bits,
                              long long log2e) {
  strat_raw_t l2e = log2e;
  strat_wide_t product = x * l2e;
  strat_wide_t y = product >> fx;
  strat_wide_t k = y >> 60;
  strat_wide_t whole = k << 60;
  strat_wide_t frac = y - whole;
  strat_wide_t m = strat_interpolate(frac, table, bits);
  strat_wide_t shift = k + (f - 60);
  if (shift > 62) return strat_clamp(strat_wide_t(1) << 120, w);
  if (shift < -62) return 0;
  int sh = shift.to_int();
  strat_wide_t r = sh >= 0 ? strat_wide_t(m << sh) : strat_wide_t(m >> (-sh));
  return strat_clamp(r, w);
}
"""#
}
