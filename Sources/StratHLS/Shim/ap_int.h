// ap_int.h: the project's own model of Vitis HLS's ap_int<W> and ap_uint<W> for g++ C simulation.
// Written from AMD UG1399 (Vitis HLS), "Arbitrary Precision Integer Types" and "Arbitrary Precision
// Data Types Library" (operators, result widths, .range(), bit selection, conversions). No vendor
// code. Header-only, no heap, C++14. Values live in one unsigned __int128, so 1 <= W <= 128, and
// an operator whose full-precision result would be wider than 128 bits does not compile.
// Like the vendor's ap_int.h, this file also brings in ap_fixed.h (at its end).
#ifndef STRAT_HLS_SHIM_AP_INT_H
#define STRAT_HLS_SHIM_AP_INT_H

// UG1399's quantisation and overflow modes (used by ap_fixed.h; declared here as the vendor does).
enum ap_q_mode { AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV, AP_TRN, AP_TRN_ZERO };
enum ap_o_mode { AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP, AP_WRAP_SM };

namespace ap_shim {
__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 s128;

constexpr int max_of(int a, int b) { return a > b ? a : b; }
constexpr int min_of(int a, int b) { return a < b ? a : b; }
constexpr u128 ones() { return ~u128(0); }
// The low w bits set (w may be 0 or >= 128).
constexpr u128 mask(int w) { return w <= 0 ? u128(0) : w >= 128 ? ones() : (u128(1) << w) - 1; }
constexpr u128 shl(u128 v, int n) { return n >= 128 ? u128(0) : v << n; }
constexpr u128 shr(u128 v, int n) { return n >= 128 ? u128(0) : v >> n; }
constexpr bool bit(u128 v, int i) { return i < 128 && ((v >> i) & 1) != 0; }

// Keeps the low w bits and sign- or zero-extends them to 128: every stored value is in this form,
// so the mod-2^128 sum, difference and product of two stored values are exact modulo 2^128.
constexpr u128 normalize(u128 v, int w, bool s) {
  return (s && w < 128 && bit(v, w - 1)) ? (v | ~mask(w)) : (v & mask(w));
}

// An exact value in [-2^128, 2^128): lo - (neg ? 2^128 : 0), a 129-bit two's complement number.
struct wide {
  u128 lo;
  bool neg;
};
constexpr wide from_bits(u128 v, bool s) { return wide{v, s && bit(v, 127)}; }
constexpr bool is_zero(wide x) { return x.lo == 0 && !x.neg; }
constexpr int compare(wide a, wide b) {
  return a.neg != b.neg ? (a.neg ? -1 : 1) : (a.lo < b.lo ? -1 : (a.lo > b.lo ? 1 : 0));
}
// |x| (at most 2^128 - 1 for the values stored here).
constexpr u128 magnitude(wide x) { return x.neg ? u128(0) - x.lo : x.lo; }

// Comparisons as the vendor's headers make them (UG1399 says nothing on mixed signedness):
// exact, except between a signed and an unsigned operand where
// - order (< > <= >=): if either is 32 bits or more and the unsigned one is at least as wide, both
//   compare as unsigned numbers one bit wider: a negative operand is greater than any unsigned one;
// - equality (== !=): unless both have the same width below 64 bits, both compare modulo
//   2^max(W1, W2, 32) (modulo 2^W for equal widths), so ap_int<8>(-1) == ap_uint<32>(0xFFFFFFFF).
template <int W1, bool S1, int W2, bool S2> struct vendor_compare {
  static constexpr bool unsigned_order = S1 != S2 && (W1 >= 32 || W2 >= 32) && (S1 ? W2 >= W1 : W1 >= W2);
  static constexpr bool modular_equality = S1 != S2 && (W1 != W2 || W1 >= 64);
  static constexpr int equality_width = W1 == W2 ? W1 : max_of(max_of(W1, W2), 32);
  // exact: the exact order; a_neg, b_neg: the operands' signs.
  static constexpr int order(int exact, bool a_neg, bool b_neg) {
    return unsigned_order && (a_neg || b_neg) ? (a_neg ? 1 : -1) : exact;
  }
  // a, b: the raw bits (aligned, for ap_fixed), sign- or zero-extended to 128 bits.
  static constexpr bool modular_equal(u128 a, u128 b) {
    return (a & mask(equality_width)) == (b & mask(equality_width));
  }
};

// Division and remainder as the vendor's headers compute them: both operands first become one
// type, max(W1, W2) + (S1 || S2) bits wide, of the wider operand's signedness (S1 || S2 when
// the widths are equal); the remainder is signed only if the dividend and that type are.
template <int W1, bool S1, int W2, bool S2> struct vendor_division {
  static constexpr int w = max_of(W1, W2) + (S1 || S2);
  static constexpr bool s = W1 > W2 ? S1 : (W2 > W1 ? S2 : (S1 || S2));
  static_assert(w <= 128, "the shim divides operands of at most 128 bits (after the vendor's widening)");
  static constexpr u128 signed_quotient(wide x, wide y) {
    return x.neg != y.neg ? u128(0) - magnitude(x) / magnitude(y) : magnitude(x) / magnitude(y);
  }
  static constexpr u128 quotient(u128 a, u128 b) {
    return s ? signed_quotient(from_bits(normalize(a, w, true), true), from_bits(normalize(b, w, true), true))
             : normalize(a, w, false) / normalize(b, w, false);
  }
  static constexpr u128 signed_remainder(wide x, wide y) {
    return x.neg ? u128(0) - magnitude(x) % magnitude(y) : magnitude(x) % magnitude(y);
  }
  static constexpr u128 remainder(u128 a, u128 b) {
    return S1 && s ? signed_remainder(from_bits(normalize(a, w, true), true), from_bits(normalize(b, w, true), true))
                   : normalize(a, w, false) % normalize(b, w, false);
  }
};

// The C integer types, as UG1399 converts them: a W-bit ap_[u]int of the same signedness.
template <class T> struct c_int {};
template <> struct c_int<bool> { static constexpr int W = 1; static constexpr bool S = false; };
#define AP_SHIM_C_INT(T)                                   \
  template <> struct c_int<T> {                            \
    static constexpr int W = int(sizeof(T) * 8);           \
    static constexpr bool S = (T)(-1) < (T)(0);            \
  };
AP_SHIM_C_INT(char)
AP_SHIM_C_INT(signed char)
AP_SHIM_C_INT(unsigned char)
AP_SHIM_C_INT(short)
AP_SHIM_C_INT(unsigned short)
AP_SHIM_C_INT(int)
AP_SHIM_C_INT(unsigned int)
AP_SHIM_C_INT(long)
AP_SHIM_C_INT(unsigned long)
AP_SHIM_C_INT(long long)
AP_SHIM_C_INT(unsigned long long)
#undef AP_SHIM_C_INT
template <class T> constexpr u128 c_bits(T x) {
  return c_int<T>::S ? u128(s128(x)) : u128(x);
}

// The C type an ap_[u]int converts to implicitly (the smallest that holds W bits, else 64 bits).
template <int W, bool S> struct native {
  typedef long long type;
};
template <int W> struct native<W, false> { typedef unsigned long long type; };
template <bool B, class T, class F> struct pick { typedef T type; };
template <class T, class F> struct pick<false, T, F> { typedef F type; };
template <int W, bool S> struct native_of {
  typedef typename pick<(W <= 8), typename pick<S, signed char, unsigned char>::type,
      typename pick<(W <= 16), typename pick<S, short, unsigned short>::type,
          typename pick<(W <= 32), typename pick<S, int, unsigned>::type,
              typename native<W, S>::type>::type>::type>::type type;
};

// UG1399's widths for operators between ap_[u]int<W1> and ap_[u]int<W2>: an unsigned operand
// gains a bit when the other is signed, and a sum gains one more.
template <int W1, bool S1, int W2, bool S2> struct rtype {
  static constexpr int logic_w = max_of(W1 + (S2 && !S1), W2 + (S1 && !S2));
  static constexpr int plus_w = logic_w + 1;
  static constexpr int mult_w = W1 + W2;
  static constexpr int div_w = W1 + S2;
  static constexpr int mod_w = min_of(W1, W2 + (!S2 && S1));
  static constexpr bool s = S1 || S2;
};
}  // namespace ap_shim

template <int W, bool S> struct ap_int_base;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N> struct ap_fixed_base;

// x.range(hi, lo): a view of bits hi..lo of an ap_[u]int's or ap_[u]fixed's raw bits.
template <int W, bool S> struct ap_range_ref {
  ap_shim::u128* bits;
  int hi, lo;
  ap_range_ref(ap_shim::u128* b, int h, int l) : bits(b), hi(h), lo(l) {}
  int length() const { return hi - lo + 1; }
  ap_shim::u128 get() const { return ap_shim::shr(*bits, lo) & ap_shim::mask(length()); }
  void set(ap_shim::u128 v) {
    const ap_shim::u128 field = ap_shim::shl(ap_shim::mask(length()), lo);
    *bits = ap_shim::normalize((*bits & ~field) | (ap_shim::shl(v, lo) & field), W, S);
  }
  template <int W2, bool S2> ap_range_ref& operator=(const ap_int_base<W2, S2>& v) {
    set(v.V);
    return *this;
  }
  template <class T, int = ap_shim::c_int<T>::W> ap_range_ref& operator=(T v) {
    set(ap_shim::c_bits(v));
    return *this;
  }
  ap_range_ref& operator=(const ap_range_ref& v) {
    set(v.get());
    return *this;
  }
  operator unsigned long long() const { return (unsigned long long)get(); }
  unsigned long long to_uint64() const { return (unsigned long long)get(); }
  long long to_int64() const { return (long long)get(); }
  unsigned to_uint() const { return (unsigned)get(); }
  int to_int() const { return (int)get(); }
  bool to_bool() const { return get() != 0; }
};

// x[i]: one bit of an ap_[u]int, readable and writable.
template <int W, bool S> struct ap_bit_ref {
  ap_shim::u128* bits;
  int index;
  ap_bit_ref(ap_shim::u128* b, int i) : bits(b), index(i) {}
  operator bool() const { return ap_shim::bit(*bits, index); }
  ap_bit_ref& operator=(bool b) {
    const ap_shim::u128 one = ap_shim::shl(1, index);
    *bits = ap_shim::normalize(b ? (*bits | one) : (*bits & ~one), W, S);
    return *this;
  }
  ap_bit_ref& operator=(const ap_bit_ref& b) { return *this = bool(b); }
};

template <int W, bool S> struct ap_int_base {
  static_assert(W >= 1 && W <= 128, "the shim's ap_[u]int holds 1 to 128 bits");
  ap_shim::u128 V;  // normalized: sign- or zero-extended to 128 bits

  ap_int_base() : V(0) {}
  template <int W2, bool S2> ap_int_base(const ap_int_base<W2, S2>& o) : V(ap_shim::normalize(o.V, W, S)) {}
  template <class T, int = ap_shim::c_int<T>::W> ap_int_base(T x) : V(ap_shim::normalize(ap_shim::c_bits(x), W, S)) {}
  template <int W2, bool S2> ap_int_base(const ap_range_ref<W2, S2>& r) : V(ap_shim::normalize(r.get(), W, S)) {}
  // From ap_[u]fixed: the integer part, truncated toward zero, then wrapped (ap_fixed.h).
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f);
  static ap_int_base from_raw(ap_shim::u128 v) {
    ap_int_base r;
    r.V = ap_shim::normalize(v, W, S);
    return r;
  }

  ap_shim::wide value() const { return ap_shim::from_bits(V, S); }
  int length() const { return W; }
  int to_int() const { return (int)V; }
  unsigned to_uint() const { return (unsigned)V; }
  long to_long() const { return (long)V; }
  unsigned long to_ulong() const { return (unsigned long)V; }
  long long to_int64() const { return (long long)V; }
  unsigned long long to_uint64() const { return (unsigned long long)V; }
  bool to_bool() const { return V != 0; }
  bool iszero() const { return V == 0; }
  bool is_neg() const { return S && ap_shim::bit(V, W - 1); }
  operator typename ap_shim::native_of<W, S>::type() const {
    return (typename ap_shim::native_of<W, S>::type)V;
  }

  ap_range_ref<W, S> range(int hi, int lo) { return ap_range_ref<W, S>(&V, hi, lo); }
  ap_range_ref<W, S> range() { return range(W - 1, 0); }
  ap_int_base<W, false> range(int hi, int lo) const {
    return ap_int_base<W, false>::from_raw(ap_shim::shr(V, lo) & ap_shim::mask(hi - lo + 1));
  }
  ap_int_base<W, false> range() const { return range(W - 1, 0); }
  ap_int_base<W, false> operator()(int hi, int lo) const { return range(hi, lo); }
  ap_range_ref<W, S> operator()(int hi, int lo) { return range(hi, lo); }
  ap_bit_ref<W, S> operator[](int i) { return ap_bit_ref<W, S>(&V, i); }
  bool operator[](int i) const { return ap_shim::bit(V, i); }
  bool test(int i) const { return ap_shim::bit(V, i); }

  // Compound assignment computes modulo 2^128 and wraps to W bits, as full precision then wrap.
  template <class R> ap_int_base& operator+=(const R& o) { V = ap_shim::normalize(V + ap_int_base<128, S>(o).V, W, S); return *this; }
  template <class R> ap_int_base& operator-=(const R& o) { V = ap_shim::normalize(V - ap_int_base<128, S>(o).V, W, S); return *this; }
  template <class R> ap_int_base& operator*=(const R& o) { V = ap_shim::normalize(V * ap_int_base<128, S>(o).V, W, S); return *this; }
  template <class R> ap_int_base& operator&=(const R& o) { V = ap_shim::normalize(V & ap_int_base<128, S>(o).V, W, S); return *this; }
  template <class R> ap_int_base& operator|=(const R& o) { V = ap_shim::normalize(V | ap_int_base<128, S>(o).V, W, S); return *this; }
  template <class R> ap_int_base& operator^=(const R& o) { V = ap_shim::normalize(V ^ ap_int_base<128, S>(o).V, W, S); return *this; }
  template <class R> ap_int_base& operator/=(const R& o) { return *this = *this / o; }
  template <class R> ap_int_base& operator%=(const R& o) { return *this = *this % o; }
  ap_int_base& operator<<=(int n) { return *this = *this << n; }
  ap_int_base& operator>>=(int n) { return *this = *this >> n; }
  ap_int_base& operator++() { return *this += 1; }
  ap_int_base& operator--() { return *this -= 1; }
  ap_int_base operator++(int) { ap_int_base old = *this; *this += 1; return old; }
  ap_int_base operator--(int) { ap_int_base old = *this; *this -= 1; return old; }

  ap_int_base operator+() const { return *this; }
  ap_int_base<ap_shim::max_of(W, 1 + S) + 1, true> operator-() const {
    return ap_int_base<ap_shim::max_of(W, 1 + S) + 1, true>::from_raw(ap_shim::u128(0) - V);
  }
  ap_int_base operator~() const { return from_raw(~V); }
  bool operator!() const { return V == 0; }

  // Shifts keep the operand's width; a negative count shifts the other way.
  ap_int_base operator<<(int n) const {
    return n < 0 ? *this >> -n : from_raw(ap_shim::shl(V, n));
  }
  ap_int_base operator>>(int n) const {
    if (n < 0) return *this << -n;
    if (S) return from_raw(n >= 127 ? (is_neg() ? ap_shim::ones() : 0) : ap_shim::u128(ap_shim::s128(V) >> n));
    return from_raw(ap_shim::shr(V, n));
  }
  template <int W2, bool S2> ap_int_base operator<<(const ap_int_base<W2, S2>& n) const { return *this << shift_count(n); }
  template <int W2, bool S2> ap_int_base operator>>(const ap_int_base<W2, S2>& n) const { return *this >> shift_count(n); }
  template <int W2, bool S2> ap_int_base& operator<<=(const ap_int_base<W2, S2>& n) { return *this = *this << n; }
  template <int W2, bool S2> ap_int_base& operator>>=(const ap_int_base<W2, S2>& n) { return *this = *this >> n; }

 private:
  template <int W2, bool S2> static int shift_count(const ap_int_base<W2, S2>& n) {
    const ap_shim::wide v = n.value();
    if (v.neg) return ap_shim::compare(v, ap_shim::wide{ap_shim::ones() << 10, true}) < 0 ? -1024 : (int)(ap_shim::s128)v.lo;
    return v.lo > 1024 ? 1024 : (int)v.lo;
  }
};

template <int W> struct ap_int : ap_int_base<W, true> {
  using ap_int_base<W, true>::ap_int_base;
  ap_int() {}
  ap_int(const ap_int_base<W, true>& o) : ap_int_base<W, true>(o) {}
};
template <int W> struct ap_uint : ap_int_base<W, false> {
  using ap_int_base<W, false>::ap_int_base;
  ap_uint() {}
  ap_uint(const ap_int_base<W, false>& o) : ap_int_base<W, false>(o) {}
};

// Binary operators between two ap_[u]int: exact (full-precision) results.
#define AP_SHIM_INT_ARITH(OP, WIDTH, SIGNED)                                                    \
  template <int W1, bool S1, int W2, bool S2>                                                   \
  ap_int_base<ap_shim::rtype<W1, S1, W2, S2>::WIDTH, SIGNED> operator OP(                       \
      const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {                             \
    return ap_int_base<ap_shim::rtype<W1, S1, W2, S2>::WIDTH, SIGNED>::from_raw(a.V OP b.V);    \
  }
AP_SHIM_INT_ARITH(+, plus_w, (S1 || S2))
AP_SHIM_INT_ARITH(-, plus_w, true)
AP_SHIM_INT_ARITH(*, mult_w, (S1 || S2))
AP_SHIM_INT_ARITH(&, logic_w, (S1 || S2))
AP_SHIM_INT_ARITH(|, logic_w, (S1 || S2))
AP_SHIM_INT_ARITH(^, logic_w, (S1 || S2))
#undef AP_SHIM_INT_ARITH

// Division truncates toward zero and the remainder takes the dividend's sign, in the common type
// of vendor_division. (Division by zero is the caller's business; emitted code never does it.)
template <int W1, bool S1, int W2, bool S2>
ap_int_base<ap_shim::rtype<W1, S1, W2, S2>::div_w, (S1 || S2)> operator/(const ap_int_base<W1, S1>& a,
                                                                         const ap_int_base<W2, S2>& b) {
  return ap_int_base<ap_shim::rtype<W1, S1, W2, S2>::div_w, (S1 || S2)>::from_raw(
      ap_shim::vendor_division<W1, S1, W2, S2>::quotient(a.V, b.V));
}
template <int W1, bool S1, int W2, bool S2>
ap_int_base<ap_shim::rtype<W1, S1, W2, S2>::mod_w, S1> operator%(const ap_int_base<W1, S1>& a,
                                                                 const ap_int_base<W2, S2>& b) {
  return ap_int_base<ap_shim::rtype<W1, S1, W2, S2>::mod_w, S1>::from_raw(
      ap_shim::vendor_division<W1, S1, W2, S2>::remainder(a.V, b.V));
}

// Comparisons: exact, except where vendor_compare says otherwise.
#define AP_SHIM_INT_ORDER(OP)                                                                    \
  template <int W1, bool S1, int W2, bool S2>                                                    \
  bool operator OP(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {                 \
    return ap_shim::vendor_compare<W1, S1, W2, S2>::order(ap_shim::compare(a.value(), b.value()), \
                                                          a.value().neg, b.value().neg) OP 0;     \
  }
AP_SHIM_INT_ORDER(<)
AP_SHIM_INT_ORDER(<=)
AP_SHIM_INT_ORDER(>)
AP_SHIM_INT_ORDER(>=)
#undef AP_SHIM_INT_ORDER
template <int W1, bool S1, int W2, bool S2>
bool operator==(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  typedef ap_shim::vendor_compare<W1, S1, W2, S2> C;
  return C::modular_equality ? C::modular_equal(a.V, b.V) : ap_shim::compare(a.value(), b.value()) == 0;
}
template <int W1, bool S1, int W2, bool S2>
bool operator!=(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  return !(a == b);
}

// With a C integer, the integer takes part as the ap_[u]int of its own width and signedness.
#define AP_SHIM_INT_WITH_C(OP)                                                                   \
  template <int W, bool S, class T, int CW = ap_shim::c_int<T>::W>                               \
  auto operator OP(const ap_int_base<W, S>& a, T b)                                              \
      ->decltype(a OP ap_int_base<CW, ap_shim::c_int<T>::S>(b)) {                                \
    return a OP ap_int_base<CW, ap_shim::c_int<T>::S>(b);                                        \
  }                                                                                              \
  template <int W, bool S, class T, int CW = ap_shim::c_int<T>::W>                               \
  auto operator OP(T a, const ap_int_base<W, S>& b)                                              \
      ->decltype(ap_int_base<CW, ap_shim::c_int<T>::S>(a) OP b) {                                \
    return ap_int_base<CW, ap_shim::c_int<T>::S>(a) OP b;                                        \
  }
AP_SHIM_INT_WITH_C(+)
AP_SHIM_INT_WITH_C(-)
AP_SHIM_INT_WITH_C(*)
AP_SHIM_INT_WITH_C(/)
AP_SHIM_INT_WITH_C(%)
AP_SHIM_INT_WITH_C(&)
AP_SHIM_INT_WITH_C(|)
AP_SHIM_INT_WITH_C(^)
AP_SHIM_INT_WITH_C(==)
AP_SHIM_INT_WITH_C(!=)
AP_SHIM_INT_WITH_C(<)
AP_SHIM_INT_WITH_C(<=)
AP_SHIM_INT_WITH_C(>)
AP_SHIM_INT_WITH_C(>=)
#undef AP_SHIM_INT_WITH_C

#include "ap_fixed.h"

#endif  // STRAT_HLS_SHIM_AP_INT_H
