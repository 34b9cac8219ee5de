// UG1399 "Arbitrary Precision Integer Types": wrap on construction and assignment, result widths
// of + - * / % & | ^ and unary -, division and remainder signs, shifts, comparisons (exact, and
// C-like for a signed against a wide unsigned operand, as the vendor's headers do), .range()
// read and write, bits, to_int(), 128-bit products. Expected values are hand-computed.
#include <ap_int.h>
#include "check.h"

static void wrap() {
  check("wrap.200", bits(ap_int<8>(200)), 0xC8);
  check("wrap.-1u", bits(ap_uint<8>(-1)), 0xFF);
  check("wrap.narrow", bits(ap_int<8>(ap_int<16>(0x1234))), 0x34);
  check("wrap.sign-extend", bits(ap_int<16>(ap_int<8>(-2))), 0xFFFE);
  check("wrap.sign-extend-unsigned", bits(ap_uint<16>(ap_int<8>(-2))), 0xFFFE);
  check("wrap.zero-extend", bits(ap_int<16>(ap_uint<8>(0xFE))), 0x00FE);
  ap_int<8> a;
  a = ap_int<32>(0x17F);                                 // assignment from a wider type wraps
  check("wrap.assign", bits(a), 0x7F);
  check("wrap.W1", bits(ap_int<1>(1)), 0x1);             // -1
  check("wrap.W1.value", (unsigned long long)(long long)ap_int<1>(1).to_int(), (unsigned long long)-1LL);
  check("wrap.uW1", bits(ap_uint<1>(3)), 0x1);
  check("wrap.W64", bits(ap_uint<64>(-1LL)), ~0ULL);
}

static void widths() {
  const ap_int<8> s = -3;
  const ap_uint<8> u = 5;
  check("width.s+s", (s + s).length(), 9);
  check("width.s+u", (s + u).length(), 10);
  check("width.u+u", (u + u).length(), 9);
  check("width.u-u", (u - u).length(), 9);
  check("u-u", bits(ap_uint<8>(3) - u), 0x1FE);          // signed: -2
  check("width.s*u", (s * u).length(), 16);
  check("s*s", bits(ap_int<8>(-128) * ap_int<8>(-128)), 0x4000);
  check("width.s+int", (s + 1).length(), 33);
  check("width.u+int", (u + 1).length(), 33);            // max(8 + 1, 32) + 1
  check("width.s+1u", (s + 1u).length(), 34);
  check("width.s&u", (ap_int<4>(-1) & ap_uint<8>(0xF0)).length(), 9);
  check("and", bits(ap_int<4>(-1) & ap_uint<8>(0xF0)), 0x0F0);
  check("or", bits(ap_int<4>(-1) | ap_uint<8>(0xF0)), 0x1FF);
  check("xor", bits(ap_int<4>(-1) ^ ap_uint<8>(0xF0)), 0x10F);
  check("not.u", bits(~ap_uint<8>(0x0F)), 0xF0);
  check("not.s", bits(~ap_int<8>(0)), 0xFF);
  check("neg.width", (-ap_int<8>(-128)).length(), 9);
  check("neg", bits(-ap_int<8>(-128)), 0x080);
  check("neg.u", bits(-ap_uint<8>(255)), 0x101);
  check("neg.W1.width", (-ap_int<1>(-1)).length(), 3);
  check("neg.W1", bits(-ap_int<1>(-1)), 0x1);
}

static void division() {
  check("div.width", (ap_int<8>(-7) / ap_int<8>(2)).length(), 9);
  check("div.trunc", bits(ap_int<8>(-7) / ap_int<8>(2)), 0x1FD);       // -3
  check("mod.width", (ap_int<8>(-7) % ap_int<8>(2)).length(), 8);
  check("mod.sign", bits(ap_int<8>(-7) % ap_int<8>(2)), 0xFF);         // -1
  check("div.u/s", bits(ap_uint<8>(200) / ap_int<8>(-3)), 0x1BE);      // -66
  check("mod.u%s.width", (ap_uint<8>(200) % ap_int<8>(-3)).length(), 8);
  // As the vendor: both become 9-bit signed, and an unsigned dividend takes the unsigned
  // remainder of the bit patterns: 200 % (512 - 3) = 200.
  check("mod.u%s", bits(ap_uint<8>(200) % ap_int<8>(-3)), 0xC8);
  check("mod.s%s", bits(ap_int<8>(-100) % ap_int<8>(-7)), 0xFE);       // -2
  // A signed dividend under an unsigned divisor of 32 bits: -44 becomes 2^33 - 44, / 3.
  check("div.s/u32", bits(ap_int<8>(-44) / 3u), 0x9C);
  check("div.min/-1", bits(ap_int<8>(-128) / ap_int<8>(-1)), 0x080);   // 128 in 9 bits
  check("div.int.width", (ap_int<16>(-100) / 7).length(), 17);
  check("div.int", bits(ap_int<16>(-100) / 7), 0x1FFF2);               // -14
  check("mod.s%u.width", (ap_int<8>(-100) % ap_uint<4>(7)).length(), 5);
  check("mod.s%u", bits(ap_int<8>(-100) % ap_uint<4>(7)), 0x1E);       // -2
}

static void shifts() {
  check("shl.keeps-width", bits(ap_uint<8>(0x81) << 1), 0x02);
  check("shr.arith", bits(ap_int<8>(-128) >> 7), 0xFF);
  check("shr.logic", bits(ap_uint<8>(0x80) >> 7), 0x01);
  check("shl.negative", bits(ap_uint<8>(0x80) << -3), 0x10);
  check("shr.negative", bits(ap_uint<8>(0x01) >> -3), 0x08);
  check("shl.ap_uint", bits(ap_uint<8>(0x03) << ap_uint<3>(2)), 0x0C);
  check("shr.wide", bits(ap_int<64>(-1024) >> 3), 0xFFFFFFFFFFFFFF80ULL);
  ap_uint<8> x = 0x11;
  x <<= 2;
  check("shl.assign", bits(x), 0x44);
}

static void comparisons() {
  check("cmp.s<u", ap_int<8>(-1) < ap_uint<8>(0), 1);      // both promote to int: exact
  check("cmp.s<u32", ap_int<8>(-1) < ap_uint<32>(0), 0);   // as C: unsigned
  check("cmp.s33<u32", ap_int<33>(-1) < ap_uint<32>(0), 1);
  check("cmp.s<0u", ap_int<8>(-1) < 0u, 0);
  check("cmp.s==u32", ap_int<8>(-1) == ap_uint<32>(0xFFFFFFFFu), 1);
  check("cmp.s<uchar", ap_int<8>(-1) < (unsigned char)0, 1);
  // A negative operand is greater than any unsigned one at least as wide (and >= 32 bits).
  check("cmp.u64>s64", ap_uint<64>(~0ULL) > ap_int<64>(-2), 0);
  check("cmp.s32==u32", ap_int<32>(-300) == ap_uint<32>(0xFFFFFED4u), 0);  // same width: exact
  check("cmp.s64==u64", ap_int<64>(-1) == ap_uint<64>(~0ULL), 1);          // 64 bits: modular
  check("cmp.==long", ap_int<8>(5) == 5L, 1);
  check("cmp.int<", 4 < ap_int<8>(5), 1);
  check("cmp.!=", ap_int<12>(-5) != ap_int<4>(-5), 0);
  check("cmp.>=", ap_uint<12>(7) >= ap_int<4>(7), 1);
  check("cmp.<=", ap_int<70>(-1) <= ap_int<3>(-1), 1);
}

static void raw_access() {
  ap_uint<16> x = 0xABCD;
  check("range.read", bits(ap_uint<8>(x.range(11, 4))), 0xBC);
  check("range.read.value", x.range(11, 4).to_uint64(), 0xBC);
  x.range(7, 0) = 0x12;
  check("range.write", bits(x), 0xAB12);
  x.range(15, 12) = ap_uint<8>(0xF5);                  // only the low 4 bits fit
  check("range.write-truncates", bits(x), 0x5B12);
  ap_int<8> y = -1;
  y.range(7, 4) = 0;
  check("range.write-sign", y == 15, 1);
  check("range.whole", bits(ap_uint<8>(ap_int<8>(-2).range())), 0xFE);
  check("bit.7", ap_uint<8>(0x81)[7], 1);
  check("bit.1", ap_uint<8>(0x81)[1], 0);
  y[0] = 0;
  check("bit.write", bits(y), 0x0E);
  check("to_int.trunc", (unsigned long long)ap_int<40>(-(1LL << 33)).to_int(), 0);
  check("to_int64", (unsigned long long)ap_int<40>(-(1LL << 33)).to_int64(), 0xFFFFFFFE00000000ULL);
  check("to_uint64.sign", ap_int<8>(-1).to_uint64(), ~0ULL);
  check("to_bool", ap_uint<3>(4).to_bool(), 1);
  check("implicit-int", (unsigned long long)(ap_uint<4>(9) + 0).to_int64(), 9);
}

static void wide_and_compound() {
  const ap_int<128> p = ap_int<64>(-1) * ap_uint<64>(~0ULL);   // -(2^64 - 1)
  check("128.signed.high", high_bits(p), ~0ULL);
  check("128.signed.low", low_bits(p), 1);
  const ap_uint<128> q = ap_uint<64>(~0ULL) * ap_uint<64>(~0ULL);  // 2^128 - 2^65 + 1
  check("128.unsigned.high", high_bits(q), 0xFFFFFFFFFFFFFFFEULL);
  check("128.unsigned.low", low_bits(q), 1);
  check("128.compare", q > ap_uint<64>(~0ULL), 1);
  check("128.mod", bits(q % ap_uint<64>(10)), 5);
  check("128.div.high", high_bits(q / ap_uint<64>(~0ULL)), 0);
  check("128.div.low", low_bits(q / ap_uint<64>(~0ULL)), ~0ULL);
  ap_uint<8> c = 250;
  c += 10;
  check("compound.+=", bits(c), 0x04);
  c -= 5;
  check("compound.-=", bits(c), 0xFF);
  c *= 2;
  check("compound.*=", bits(c), 0xFE);
  ap_int<8> d = 127;
  d++;
  check("compound.++", bits(d), 0x80);
  d /= 3;
  check("compound./=", bits(d), 0xD6);                   // -42
}

int main() {
  wrap();
  widths();
  division();
  shifts();
  comparisons();
  raw_access();
  wide_and_compound();
  return summary("ap_int");
}
