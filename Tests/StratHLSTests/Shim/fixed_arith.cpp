// UG1399 fixed-point operators: full-precision + - * result formats (signed, unsigned, mixed,
// different F, with ap_int and C integers), unary minus, a 63-bit x 63-bit and a 64 x 64 unsigned
// product (126 and 128 bits), I < 0 and I > W formats, W = 1 and W = 64, exact comparisons,
// .range() read and write, to_int(). Expected values are hand-computed (Docs/HLS-SHIM.md).
#include <ap_fixed.h>
#include "check.h"

template <int W, int I> ap_fixed<W, I> fixed_raw(unsigned long long raw) {
  ap_fixed<W, I> x;
  x.range(W - 1, 0) = ap_uint<W>(raw);
  return x;
}
template <int W, int I> ap_ufixed<W, I> ufixed_raw(unsigned long long raw) {
  ap_ufixed<W, I> x;
  x.range(W - 1, 0) = ap_uint<W>(raw);
  return x;
}

static void widths_and_sums() {
  const ap_fixed<8, 4> a = fixed_raw<8, 4>(0x38);       // 3.5
  const ap_fixed<6, 2> b = fixed_raw<6, 2>(0x14);       // 1.25
  check("fixed+fixed.width", (a + b).length(), 9);      // I = max(4,2)+1 = 5, F = 4
  check("fixed+fixed", bits(a + b), 0x4C);              // 4.75
  const ap_fixed<8, 4> m8 = fixed_raw<8, 4>(0x80);      // -8
  const ap_ufixed<8, 4> u = ufixed_raw<8, 4>(0xFF);     // 15.9375
  check("fixed+ufixed.width", (m8 + u).length(), 10);   // I = max(4, 4+1)+1 = 6
  check("fixed+ufixed", bits(m8 + u), 0x07F);           // 7.9375
  check("fixed-ufixed", bits(m8 - u), 0x281);           // -23.9375 = -383/16
  const ap_ufixed<8, 4> zero = 0;
  check("ufixed-ufixed.width", (zero - u).length(), 9);
  check("ufixed-ufixed", bits(zero - u), 0x101);        // minus is signed: -255/16
  const ap_ufixed<4, 2> u4 = ufixed_raw<4, 2>(0xF);     // 3.75
  check("ufixed+ufixed.width", (u4 + u4).length(), 5);
  check("ufixed+ufixed", bits(u4 + u4), 0x1E);          // 7.5, unsigned
  const ap_fixed<8, 2> f6 = fixed_raw<8, 2>(0x41);      // 1.015625
  const ap_fixed<8, 6> f2 = fixed_raw<8, 6>(0xFF);      // -0.25
  check("different-F.width", (f6 + f2).length(), 13);   // I = 7, F = 6
  check("different-F", bits(f6 + f2), 0x31);            // 0.765625 = 49/64
}

static void products_and_negation() {
  const ap_fixed<8, 4> m8 = fixed_raw<8, 4>(0x80);      // -8
  const ap_ufixed<8, 2> u = ufixed_raw<8, 2>(0xFF);     // 3.984375
  check("fixed*ufixed.width", (m8 * u).length(), 16);
  check("fixed*ufixed", bits(m8 * u), 0x8080);          // -128*255 = -32640
  check("-fixed.width", (-m8).length(), 9);
  check("-fixed", bits(-m8), 0x080);                    // 8, one bit wider
  check("-ufixed", bits(-ufixed_raw<8, 4>(0xFF)), 0x101);
  ap_fixed<63, 20> big = fixed_raw<63, 20>(0x3FFFFFFFFFFFFFFFULL);    // max raw 2^62-1
  ap_fixed<63, 20> small = fixed_raw<63, 20>(0x4000000000000000ULL);  // min raw -2^62
  check("63x63.width", (big * small).length(), 126);
  check("63x63.high", high_bits(big * small), 0x3000000000000000ULL);  // -2^124+2^62 in 126 bits
  check("63x63.low", low_bits(big * small), 0x4000000000000000ULL);
  ap_ufixed<64, 32> all = ufixed_raw<64, 32>(~0ULL);
  check("64x64u.width", (all * all).length(), 128);
  check("64x64u.high", high_bits(all * all), 0xFFFFFFFFFFFFFFFEULL);  // 2^128 - 2^65 + 1
  check("64x64u.low", low_bits(all * all), 1);
  check("64x64u.sat", bits(ap_ufixed<64, 32, AP_TRN, AP_SAT>(all * all)), ~0ULL);
  check("64x64u.wrap", bits(ap_ufixed<64, 32>(all * all)), 0xFFFFFFFE00000000ULL);
  check("64x64u.compare", (all * all) > all, 1);
}

static void with_integers() {
  const ap_fixed<8, 4> a = fixed_raw<8, 4>(0x18);       // 1.5
  check("fixed+ap_int.width", (a + ap_int<4>(-8)).length(), 9);
  check("fixed+ap_int", bits(a + ap_int<4>(-8)), 0x198);  // -6.5
  check("fixed+int.width", (a + 1).length(), 37);       // int as ap_fixed<32,32>
  check("fixed+int", bits(a + 1), 0x28);                // 2.5
  check("int-fixed", bits(1 - a), 0x1FFFFFFFF8ULL);     // -0.5 in 37 bits
  const ap_fixed<8, 4> n = fixed_raw<8, 4>(0xE8);       // -1.5
  check("fixed*int.width", (n * 3).length(), 40);
  check("fixed*int", bits(n * 3), 0xFFFFFFFFB8ULL);     // -72/16
  check("fixed*unsigned.width", (n * 3u).length(), 40);
  check("fixed*unsigned", bits(n * 3u), 0xFFFFFFFFB8ULL);
  ap_fixed<16, 8> acc = 0;
  acc += a;
  acc -= 4;
  acc *= a;                                             // (1.5 - 4) * 1.5 = -3.75
  check("compound", bits(acc), 0xFC40);
}

static void extreme_formats() {
  ap_fixed<16, 0> fine = fixed_raw<16, 0>(0x0FFF);
  check("I<0.trn", bits(ap_fixed<8, -2>(fine)), 0x3F);
  check("I<0.rnd", bits(ap_fixed<8, -2, AP_RND>(fine)), 0x40);
  const ap_fixed<8, -2> e = fixed_raw<8, -2>(0x40);     // 2^-4
  check("I<0.product.width", (e * e).length(), 16);
  check("I<0.product", bits(e * e), 0x1000);            // 2^-8 with F = 20
  check("I<0.sat", bits(ap_fixed<8, -2, AP_TRN, AP_SAT>(fixed_raw<16, 0>(0x3000))), 0x7F);
  check("I<0.wrap", bits(ap_fixed<8, -2>(fixed_raw<16, 0>(0x3000))), 0xC0);
  check("I>W.from-int", bits(ap_fixed<4, 8>(100)), 0x6);
  check("I>W.sat", bits(ap_fixed<4, 8, AP_TRN, AP_SAT>(200)), 0x7);
  check("I>W.wrap", bits(ap_fixed<4, 8>(200)), 0xC);
  const ap_fixed<4, 8> c = fixed_raw<4, 8>(0x9);        // -112
  check("I>W.to_int", (unsigned long long)(long long)c.to_int(), (unsigned long long)-112LL);
  const ap_fixed<4, 8> p = fixed_raw<4, 8>(0x7);        // 112
  check("I>W.sum.width", (p + p).length(), 5);
  check("I>W.sum", bits(p + p), 0x0E);                  // 224 in steps of 16
  check("I>W+ordinary.width", (p + fixed_raw<8, 4>(0x18)).length(), 13);
  check("I>W+ordinary", bits(p + fixed_raw<8, 4>(0x18)), 0x718);  // 113.5 * 16
  check("W1.minus-one", bits(ap_fixed<1, 1>(-1)), 0x1);
  check("W1.one-wraps", bits(ap_fixed<1, 1>(1)), 0x1);
  check("W1.one-saturates", bits(ap_fixed<1, 1, AP_TRN, AP_SAT>(1)), 0x0);
  check("W1.unsigned", bits(ap_ufixed<1, 1>(1)), 0x1);
  check("W1.half", bits(ap_ufixed<1, 0>(fixed_raw<8, 4>(0x08))), 0x1);
  const ap_fixed<1, 1> m1 = -1;
  check("W1.product", bits(m1 * m1), 0x1);              // ap_fixed<2,2>: 1
  check("W1.sum", bits(m1 + m1), 0x2);                  // ap_fixed<2,2>: -2
  check("W64.from-int", bits(ap_fixed<64, 32>(1LL)), 0x100000000ULL);
  check("W64.unsigned-wrap", bits(ap_ufixed<64, 64>(-1)), ~0ULL);
  ap_fixed<66, 2> three_ulp = fixed_raw<66, 2>(3);
  check("W64.trn", bits(ap_fixed<64, 1>(three_ulp)), 0x1);
  check("W64.rnd", bits(ap_fixed<64, 1, AP_RND>(three_ulp)), 0x2);
  check("W64.conv", bits(ap_fixed<64, 1, AP_RND_CONV>(three_ulp)), 0x2);
}

static void comparisons() {
  const ap_fixed<8, 4> a = fixed_raw<8, 4>(0x18);       // 1.5
  const ap_ufixed<4, 1> b = ufixed_raw<4, 1>(0xC);      // 1.5
  check("cmp.==", a == b, 1);
  check("cmp.!=", a != b, 0);
  check("cmp.<=", a <= b, 1);
  const ap_fixed<8, 4> tiny_neg = fixed_raw<8, 4>(0xFF);  // -1/16
  check("cmp.neg<unsigned-zero", tiny_neg < ap_ufixed<4, 4>(0), 1);
  // A signed operand against an unsigned one at least 32 bits wide (after alignment) compares as
  // unsigned, as in C and in the vendor's headers: -1 becomes 2^36 - 16 against ap_ufixed<32,32>.
  check("cmp.neg<0u", fixed_raw<8, 4>(0xF0) < 0u, 0);
  check("cmp.neg>0u", fixed_raw<8, 4>(0xF0) > 0u, 1);
  check("cmp.neg<uf27", fixed_raw<8, 4>(0xF0) < ap_ufixed<27, 27>(0), 1);  // 31 bits: exact
  check("cmp.neg<uf28", fixed_raw<8, 4>(0xF0) < ap_ufixed<28, 28>(0), 0);  // 32 bits: unsigned
  check("cmp.wide-signed<uf32", ap_fixed<40, 36>(-1) < ap_ufixed<32, 32>(0), 1);  // 40 > 36: exact
  check("cmp.neg<0", fixed_raw<8, 4>(0xF0) < 0, 1);
  check("cmp.>ap_int", fixed_raw<8, 4>(0x28) > ap_int<4>(2), 1);
  check("cmp.<int", fixed_raw<8, 4>(0x28) < 3, 1);
  check("cmp.int>", 3 > fixed_raw<8, 4>(0x28), 1);
  check("cmp.==int", a == 1, 0);
  check("cmp.>=int", a >= 1, 1);
  check("cmp.<=int", a <= 2, 1);
  check("cmp.I>W>I<0", fixed_raw<4, 8>(0x1) > fixed_raw<8, -2>(0x7F), 1);
  check("cmp.I<0<I>W", fixed_raw<8, -2>(0x80) > fixed_raw<4, 8>(0xF), 1);  // -1/8 > -16
  check("cmp.ulp", fixed_raw<64, 1>(1) > ap_fixed<8, 4>(0), 1);
}

static void raw_access_and_integers() {
  ap_fixed<16, 8> x;
  x.range(15, 0) = ap_uint<16>(0x8001ULL);
  check("range.write", bits(x), 0x8001);
  check("range.sign", x < 0, 1);
  x.range(7, 0) = 0xFF;
  check("range.partial-write", bits(x), 0x80FF);
  check("range.read", x.range(11, 4).to_uint64(), 0x0F);
  check("range.whole", x.range().to_uint64(), 0x80FF);
  ap_uint<16> whole = x.range(15, 0);
  check("range.to-ap_uint", bits(whole), 0x80FF);
  check("bit.read", x[15], 1);
  const ap_fixed<8, 4> n = fixed_raw<8, 4>(0xD8);       // -2.5
  check("to_int.toward-zero", (unsigned long long)(long long)n.to_int(), (unsigned long long)-2LL);
  check("to_int64", (unsigned long long)fixed_raw<64, 40>(0x8000000000000010ULL).to_int64(),
        0xFFFFFF8000000001ULL);                         // -2^39 + 2^-20, toward zero
  check("to_int.positive", (unsigned long long)fixed_raw<8, 4>(0x2F).to_int(), 2);
  check("ap_int-from-fixed", bits(ap_int<8>(n)), 0xFE);
}

int main() {
  widths_and_sums();
  products_and_negation();
  with_integers();
  extreme_formats();
  comparisons();
  raw_access_and_integers();
  return summary("fixed_arith");
}
