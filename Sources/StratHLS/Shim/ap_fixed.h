// ap_fixed.h: the project's own model of Vitis HLS's ap_fixed<W,I,Q,O,N> and ap_ufixed<W,I,Q,O,N>
// for g++ C simulation. Written from AMD UG1399 (Vitis HLS), "Arbitrary Precision Fixed-Point Data
// Types": "Fixed-Point Identifier Summary" (W, I, Q, O, N), "Quantization Modes", "Overflow Modes"
// and the operator tables (full-precision results, comparisons, .range(), to_int()). No vendor code,
// no floating point. Raw bits live in one unsigned __int128: W <= 128 (the full-precision product of
// two 64-bit operands fits), and an operator whose full-precision result is wider does not compile.
// N (saturation bits) is not modelled: every format must have N == 0.
#ifndef STRAT_HLS_SHIM_AP_FIXED_H
#define STRAT_HLS_SHIM_AP_FIXED_H

#include "ap_int.h"

namespace ap_shim {
// Where dropped bits lie against half of the last kept bit.
enum rest_class { rest_zero, rest_below_half, rest_half, rest_above_half };

constexpr bool bit_of(wide x, int i) { return i >= 128 ? x.neg : bit(x.lo, i); }
constexpr bool any_below(wide x, int n) {  // is any of bits 0..n-1 set?
  return n <= 0 ? false : n <= 128 ? (x.lo & mask(n)) != 0 : (x.lo != 0 || x.neg);
}
constexpr rest_class classify(wide x, int d) {
  return bit_of(x, d - 1) ? (any_below(x, d - 1) ? rest_above_half : rest_half)
                          : (any_below(x, d - 1) ? rest_below_half : rest_zero);
}
// floor(x / 2^d), d >= 1.
constexpr wide floor_shift(wide x, int d) {
  return d >= 128 ? wide{x.neg ? ones() : u128(0), x.neg}
                  : wide{(x.lo >> d) | (x.neg ? ~(ones() >> d) : u128(0)), x.neg};
}
constexpr wide plus_one(wide x) { return wide{x.lo + 1, x.neg && x.lo + 1 != 0}; }
// x * 2^s; `fits` false when the product is outside [-2^128, 2^128) (then only the low bits are kept).
constexpr bool shifted_fits(wide x, int s) {
  return is_zero(x) || s == 0 || (s <= 128 && shr(x.lo, 128 - s) == (x.neg ? mask(s) : u128(0)));
}
constexpr wide shift_left(wide x, int s) { return wide{shl(x.lo, s), x.neg}; }

// UG1399 "Quantization Modes": whether to add one to floor(x / 2^d).
template <ap_q_mode Q> constexpr bool round_up(rest_class r, bool negative, bool floor_odd) {
  return Q == AP_TRN ? false
       : Q == AP_TRN_ZERO ? (negative && r != rest_zero)
       : Q == AP_RND ? r >= rest_half
       : Q == AP_RND_ZERO ? (r == rest_above_half || (r == rest_half && negative))
       : Q == AP_RND_MIN_INF ? r == rest_above_half
       : Q == AP_RND_INF ? (r == rest_above_half || (r == rest_half && !negative))
       : /* AP_RND_CONV */ (r == rest_above_half || (r == rest_half && floor_odd));
}

constexpr bool in_range(wide x, int w, bool s) {
  return s ? (x.neg ? s128(x.lo) >> (w - 1) == -1 : (x.lo >> (w - 1)) == 0)
           : (!x.neg && (w >= 128 || (x.lo >> w) == 0));
}
constexpr u128 max_raw(int w, bool s) { return mask(w - s); }
constexpr u128 min_raw(int w, bool s) { return s ? ~mask(w - 1) : u128(0); }
constexpr u128 saturate(bool negative, int w, bool s) { return negative ? min_raw(w, s) : max_raw(w, s); }

// AP_WRAP_SM with N = 0, as the vendor's headers behave: on overflow, keep the low w bits and
// invert them when their top bit differs from `lost`, the source bit that lands on bit w (before
// rounding; false when that bit lies outside the source's width).
constexpr u128 wrap_sign_magnitude(wide x, bool lost, int w, bool s) {
  return normalize(lost != bit(x.lo, w - 1) ? ~x.lo : x.lo, w, s);
}

// UG1399 "Overflow Modes", applied to a value that is already quantised. `fits` is false when
// the value lies outside [-2^128, 2^128) (x then holds its low bits and its sign); `lost` is
// for AP_WRAP_SM.
template <ap_o_mode O> constexpr u128 overflow(wide x, bool fits, bool lost, int w, bool s) {
  return (fits && in_range(x, w, s)) || O == AP_WRAP ? normalize(x.lo, w, s)
       : O == AP_WRAP_SM ? wrap_sign_magnitude(x, lost, w, s)
       : O == AP_SAT ? saturate(x.neg, w, s)
       : O == AP_SAT_ZERO ? u128(0)
       : /* AP_SAT_SYM */ (x.neg && s ? min_raw(w, s) + 1 : saturate(x.neg, w, s));
}
// AP_SAT_SYM's range is symmetric: the vendor's headers turn an in-range -2^(W-1) into -MAX too.
template <ap_o_mode O> constexpr u128 symmetric(u128 raw, int w, bool s) {
  return O == AP_SAT_SYM && s && raw == min_raw(w, s) ? raw + 1 : raw;
}

// Bit `pos` of a ws-bit source, false outside it (AP_WRAP_SM's `lost`).
constexpr bool lost_bit(wide x, int pos, int ws) { return pos >= 0 && pos < ws && bit_of(x, pos); }

// floor(x / 2^d) rounded as Q says, d >= 1.
template <ap_q_mode Q> constexpr wide quantise(wide x, int d) {
  return round_up<Q>(classify(x, d), x.neg, bit(floor_shift(x, d).lo, 0)) ? plus_one(floor_shift(x, d))
                                                                          : floor_shift(x, d);
}
// The raw bits of format (W, F = W - I, S) for the exact value x / 2^fs of a ws-bit source:
// quantise, then overflow.
template <ap_q_mode Q, ap_o_mode O> constexpr u128 convert_to(wide x, int fs, int ws, int w, int f, bool s) {
  return symmetric<O>(fs > f ? overflow<O>(quantise<Q>(x, fs - f), true, lost_bit(x, fs - f + w, ws), w, s)
                             : overflow<O>(shift_left(x, f - fs), shifted_fits(x, f - fs), lost_bit(x, fs - f + w, ws), w, s),
                      w, s);
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O> constexpr u128 convert(wide x, int fs, int ws) {
  return convert_to<Q, O>(x, fs, ws, W, W - I, S);
}

// -1, 0, 1 as x / 2^fx compares with y / 2^fy, exactly.
constexpr int compare_scaled(wide x, int fx, wide y, int fy) {
  return fx < fy ? -compare_scaled(y, fy, x, fx)
       : shifted_fits(y, fx - fy) ? compare(x, shift_left(y, fx - fy))
       : (y.neg ? 1 : -1);
}

// The vendor's comparison of two formats: the operand with fewer fraction bits is aligned to
// the other's F (and, when it is the left one, given one more integer bit); the aligned raw bits
// then compare as ap_[u]int of those widths do (vendor_compare in ap_int.h).
template <int W1, int I1, bool S1, int W2, int I2, bool S2> struct fixed_compare {
  static constexpr int F1 = W1 - I1, F2 = W2 - I2, F = max_of(F1, F2);
  static constexpr int L = F1 >= F2 ? W1 : W1 + F2 - F1 + 1;
  static constexpr int R = F1 > F2 ? W2 + F1 - F2 : W2;
  typedef vendor_compare<L, S1, R, S2> C;
  static_assert(!C::modular_equality || C::equality_width <= 128,
                "the shim cannot compare a signed with an unsigned format this wide");
  static int order(u128 a, u128 b) {
    return C::order(compare_scaled(from_bits(a, S1), F1, from_bits(b, S2), F2), from_bits(a, S1).neg,
                    from_bits(b, S2).neg);
  }
  static bool equal(u128 a, u128 b) {
    return C::modular_equality ? C::modular_equal(shl(a, F - F1), shl(b, F - F2))
                               : compare_scaled(from_bits(a, S1), F1, from_bits(b, S2), F2) == 0;
  }
};
}  // namespace ap_shim

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N> struct ap_fixed_base {
  static_assert(W >= 1 && W <= 128, "the shim's ap_[u]fixed holds 1 to 128 bits");
  static_assert(N == 0, "the shim does not model saturation bits (N): use N = 0");
  static_assert(S || O != AP_WRAP_SM, "AP_WRAP_SM needs a signed format (the vendor's headers refuse ap_ufixed)");
  static constexpr int F = W - I;
  static const int width = W;
  static const int iwidth = I;
  ap_shim::u128 V;  // raw bits, normalized as in ap_int_base

  ap_fixed_base() : V(0) {}
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_fixed_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& o)
      : V(ap_shim::convert<W, I, S, Q, O>(o.value(), W2 - I2, W2)) {}
  template <int W2, bool S2>
  ap_fixed_base(const ap_int_base<W2, S2>& o) : V(ap_shim::convert<W, I, S, Q, O>(o.value(), 0, W2)) {}
  template <class T, int = ap_shim::c_int<T>::W>
  ap_fixed_base(T x) : V(ap_shim::convert<W, I, S, Q, O>(ap_shim::from_bits(ap_shim::c_bits(x), ap_shim::c_int<T>::S), 0, ap_shim::c_int<T>::W)) {}
  static ap_fixed_base from_raw(ap_shim::u128 v) {
    ap_fixed_base r;
    r.V = ap_shim::normalize(v, W, S);
    return r;
  }

  ap_shim::wide value() const { return ap_shim::from_bits(V, S); }
  int length() const { return W; }
  bool is_neg() const { return S && ap_shim::bit(V, W - 1); }
  // The integer part, truncated toward zero (UG1399: to_int() as a C cast of the value). With
  // I <= 0 the vendor's headers give -1 for every negative value (their one-bit integer part
  // wraps; with I < 0 they even read an uninitialised value): so does the shim.
  ap_int_base<ap_shim::max_of(I, 1) + 1, true> to_ap_int() const {
    ap_shim::wide x = value();
    if (I <= 0) {
      x = ap_shim::wide{x.neg ? ap_shim::ones() : ap_shim::u128(0), x.neg};
    } else if (F > 0) {
      const bool inexact = ap_shim::any_below(x, F);
      x = ap_shim::floor_shift(x, F);
      if (x.neg && inexact) x = ap_shim::plus_one(x);
    } else {
      x = ap_shim::shift_left(x, -F);
    }
    return ap_int_base<ap_shim::max_of(I, 1) + 1, true>::from_raw(x.lo);
  }
  int to_int() const { return to_ap_int().to_int(); }
  unsigned to_uint() const { return to_ap_int().to_uint(); }
  long to_long() const { return to_ap_int().to_long(); }
  unsigned long to_ulong() const { return to_ap_int().to_ulong(); }
  long long to_int64() const { return to_ap_int().to_int64(); }
  unsigned long long to_uint64() const { return to_ap_int().to_uint64(); }
  bool to_bool() const { return V != 0; }
  explicit operator bool() const { return V != 0; }

  ap_range_ref<W, S> range(int hi, int lo) { return ap_range_ref<W, S>(&V, hi, lo); }
  ap_range_ref<W, S> range() { return range(W - 1, 0); }
  ap_int_base<W, false> range(int hi, int lo) const {
    return ap_int_base<W, false>::from_raw(ap_shim::shr(V, lo) & ap_shim::mask(hi - lo + 1));
  }
  ap_int_base<W, false> range() const { return range(W - 1, 0); }
  ap_bit_ref<W, S> operator[](int i) { return ap_bit_ref<W, S>(&V, i); }
  bool operator[](int i) const { return ap_shim::bit(V, i); }

  ap_fixed_base operator+() const { return *this; }
  ap_fixed_base<W + 1, I + 1, true, AP_TRN, AP_WRAP, 0> operator-() const {
    return ap_fixed_base<W + 1, I + 1, true, AP_TRN, AP_WRAP, 0>::from_raw(ap_shim::u128(0) - V);
  }
  bool operator!() const { return V == 0; }
  // Shifts move the raw bits within the same format; a negative count shifts the other way.
  ap_fixed_base operator<<(int n) const { return n < 0 ? *this >> -n : from_raw(ap_shim::shl(V, n)); }
  ap_fixed_base operator>>(int n) const {
    if (n < 0) return *this << -n;
    if (S) return from_raw(n >= 127 ? (is_neg() ? ap_shim::ones() : 0) : ap_shim::u128(ap_shim::s128(V) >> n));
    return from_raw(ap_shim::shr(V, n));
  }
  ap_fixed_base& operator<<=(int n) { return *this = *this << n; }
  ap_fixed_base& operator>>=(int n) { return *this = *this >> n; }
  // Compound assignment: the full-precision result, quantised and overflowed into this format.
  template <class R> ap_fixed_base& operator+=(const R& o) { return *this = *this + o; }
  template <class R> ap_fixed_base& operator-=(const R& o) { return *this = *this - o; }
  template <class R> ap_fixed_base& operator*=(const R& o) { return *this = *this * o; }
};

template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed : ap_fixed_base<W, I, true, Q, O, N> {
  using ap_fixed_base<W, I, true, Q, O, N>::ap_fixed_base;
  ap_fixed() {}
  ap_fixed(const ap_fixed_base<W, I, true, Q, O, N>& o) : ap_fixed_base<W, I, true, Q, O, N>(o) {}
};
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_ufixed : ap_fixed_base<W, I, false, Q, O, N> {
  using ap_fixed_base<W, I, false, Q, O, N>::ap_fixed_base;
  ap_ufixed() {}
  ap_ufixed(const ap_fixed_base<W, I, false, Q, O, N>& o) : ap_fixed_base<W, I, false, Q, O, N>(o) {}
};

template <int W, bool S>
template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
ap_int_base<W, S>::ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f)
    : V(ap_shim::normalize(f.to_ap_int().V, W, S)) {}

namespace ap_shim {
// UG1399's full-precision result formats; F = W - I, and an unsigned operand gains an integer
// bit when the other is signed.
template <int W1, int I1, bool S1, int W2, int I2, bool S2> struct ftype {
  static constexpr int F = max_of(W1 - I1, W2 - I2);
  static constexpr int plus_i = max_of(I1 + (S2 && !S1), I2 + (S1 && !S2)) + 1;
  typedef ap_fixed_base<plus_i + F, plus_i, (S1 || S2), AP_TRN, AP_WRAP, 0> plus;
  typedef ap_fixed_base<plus_i + F, plus_i, true, AP_TRN, AP_WRAP, 0> minus;
  typedef ap_fixed_base<W1 + W2, I1 + I2, (S1 || S2), AP_TRN, AP_WRAP, 0> mult;
};
}  // namespace ap_shim

#define AP_SHIM_FIXED_ADD(OP, KIND)                                                              \
  template <int W1, int I1, bool S1, ap_q_mode Q1, ap_o_mode O1, int N1, int W2, int I2,        \
            bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>                                         \
  typename ap_shim::ftype<W1, I1, S1, W2, I2, S2>::KIND operator OP(                             \
      const ap_fixed_base<W1, I1, S1, Q1, O1, N1>& a, const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b) { \
    typedef ap_shim::ftype<W1, I1, S1, W2, I2, S2> T;                                            \
    return T::KIND::from_raw(ap_shim::shl(a.V, T::F - (W1 - I1)) OP ap_shim::shl(b.V, T::F - (W2 - I2))); \
  }
AP_SHIM_FIXED_ADD(+, plus)
AP_SHIM_FIXED_ADD(-, minus)
#undef AP_SHIM_FIXED_ADD

template <int W1, int I1, bool S1, ap_q_mode Q1, ap_o_mode O1, int N1, int W2, int I2, bool S2,
          ap_q_mode Q2, ap_o_mode O2, int N2>
typename ap_shim::ftype<W1, I1, S1, W2, I2, S2>::mult operator*(const ap_fixed_base<W1, I1, S1, Q1, O1, N1>& a,
                                                               const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b) {
  return ap_shim::ftype<W1, I1, S1, W2, I2, S2>::mult::from_raw(a.V * b.V);
}

#define AP_SHIM_FIXED_CMP(OP, RESULT)                                                            \
  template <int W1, int I1, bool S1, ap_q_mode Q1, ap_o_mode O1, int N1, int W2, int I2,        \
            bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>                                         \
  bool operator OP(const ap_fixed_base<W1, I1, S1, Q1, O1, N1>& a,                               \
                   const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b) {                             \
    typedef ap_shim::fixed_compare<W1, I1, S1, W2, I2, S2> C;                                    \
    return RESULT;                                                                               \
  }
AP_SHIM_FIXED_CMP(==, C::equal(a.V, b.V))
AP_SHIM_FIXED_CMP(!=, !C::equal(a.V, b.V))
AP_SHIM_FIXED_CMP(<, C::order(a.V, b.V) < 0)
AP_SHIM_FIXED_CMP(<=, C::order(a.V, b.V) <= 0)
AP_SHIM_FIXED_CMP(>, C::order(a.V, b.V) > 0)
AP_SHIM_FIXED_CMP(>=, C::order(a.V, b.V) >= 0)
#undef AP_SHIM_FIXED_CMP

// With an ap_[u]int<W2> or a C integer, that operand takes part as ap_[u]fixed<W2, W2>.
#define AP_SHIM_FIXED_WITH_INT(OP)                                                               \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>              \
  auto operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a, const ap_int_base<W2, S2>& b)       \
      ->decltype(a OP ap_fixed_base<W2, W2, S2, AP_TRN, AP_WRAP, 0>(b)) {                         \
    return a OP ap_fixed_base<W2, W2, S2, AP_TRN, AP_WRAP, 0>(b);                                \
  }                                                                                              \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, int W2, bool S2>              \
  auto operator OP(const ap_int_base<W2, S2>& a, const ap_fixed_base<W, I, S, Q, O, N>& b)       \
      ->decltype(ap_fixed_base<W2, W2, S2, AP_TRN, AP_WRAP, 0>(a) OP b) {                         \
    return ap_fixed_base<W2, W2, S2, AP_TRN, AP_WRAP, 0>(a) OP b;                                \
  }                                                                                              \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, class T,                      \
            int CW = ap_shim::c_int<T>::W>                                                       \
  auto operator OP(const ap_fixed_base<W, I, S, Q, O, N>& a, T b)                                \
      ->decltype(a OP ap_int_base<CW, ap_shim::c_int<T>::S>(b)) {                                \
    return a OP ap_int_base<CW, ap_shim::c_int<T>::S>(b);                                        \
  }                                                                                              \
  template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, class T,                      \
            int CW = ap_shim::c_int<T>::W>                                                       \
  auto operator OP(T a, const ap_fixed_base<W, I, S, Q, O, N>& b)                                \
      ->decltype(ap_int_base<CW, ap_shim::c_int<T>::S>(a) OP b) {                                \
    return ap_int_base<CW, ap_shim::c_int<T>::S>(a) OP b;                                        \
  }
AP_SHIM_FIXED_WITH_INT(+)
AP_SHIM_FIXED_WITH_INT(-)
AP_SHIM_FIXED_WITH_INT(*)
AP_SHIM_FIXED_WITH_INT(==)
AP_SHIM_FIXED_WITH_INT(!=)
AP_SHIM_FIXED_WITH_INT(<)
AP_SHIM_FIXED_WITH_INT(<=)
AP_SHIM_FIXED_WITH_INT(>)
AP_SHIM_FIXED_WITH_INT(>=)
#undef AP_SHIM_FIXED_WITH_INT

#endif  // STRAT_HLS_SHIM_AP_FIXED_H
