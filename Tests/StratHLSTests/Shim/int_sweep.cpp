// A differential sweep, not a specification: every operator between ap_[u]int of widths around
// the C promotion boundaries (8, 31, 32, 33, 64, 65 and wider), signed and unsigned, on edge values, and
// with C integers. It prints results only; scripts/hls-vendor-check compares its output with
// the same program built against the vendor's headers (ShimTests.swift checks it runs clean).
#include <ap_int.h>
#include <cstdio>

static int lines = 0;
static const long long values[] = {-300, -7, -2, -1, 0, 1, 2, 7, 250, 0x7FFFFFFFLL, 0x123456789LL};

template <class R> unsigned long long raw(R r) { return r.range(r.length() - 1 < 63 ? r.length() - 1 : 63, 0).to_uint64(); }

template <int W1, bool S1, int W2, bool S2> void pair(const char* n1, const char* n2) {
  for (long long x : values) {
    for (long long y : values) {
      const ap_int_base<W1, S1> a = x;
      const ap_int_base<W2, S2> b = y;
      std::printf("%s %s %lld %lld: + %llx - %llx * %llx & %llx | %llx ^ %llx < %d <= %d > %d >= %d == %d != %d",
                  n1, n2, x, y, raw(a + b), raw(a - b), raw(a * b), raw(a & b), raw(a | b), raw(a ^ b),
                  a < b, a <= b, a > b, a >= b, a == b, a != b);
      if (b != 0) std::printf(" / %llx %% %llx", raw(a / b), raw(a % b));
      std::printf("\n");
      ++lines;
    }
  }
}

template <int W, bool S> void with_c(const char* n) {
  for (long long x : values) {
    const ap_int_base<W, S> a = x;
    std::printf("%s %lld: +1 %llx -1u %llx *-3 %llx <0 %d <0u %d <-1 %d ==-1u %d >1ull %d /-3 %llx %%-3 %llx /3u %llx %%3u %llx\n", n, x,
                raw(a + 1), raw(a - 1u), raw(a * -3), a < 0, a < 0u, a < -1, a == 0xFFFFFFFFu, a > 1ull,
                raw(a / -3), raw(a % -3), raw(a / 3u), raw(a % 3u));
    ++lines;
  }
}

#define ROW(W1, S1, N1)                                                                          \
  pair<W1, S1, 8, true>(N1, "s8"); pair<W1, S1, 8, false>(N1, "u8");                            \
  pair<W1, S1, 31, false>(N1, "u31"); pair<W1, S1, 32, true>(N1, "s32");                        \
  pair<W1, S1, 32, false>(N1, "u32"); pair<W1, S1, 33, true>(N1, "s33");                        \
  pair<W1, S1, 33, false>(N1, "u33"); pair<W1, S1, 64, true>(N1, "s64");                        \
  pair<W1, S1, 64, false>(N1, "u64");                                                                \
  with_c<W1, S1>(N1);

int main() {
  ROW(8, true, "s8")
  ROW(8, false, "u8")
  ROW(16, false, "u16")
  ROW(32, true, "s32")
  ROW(32, false, "u32")
  ROW(33, true, "s33")
  ROW(33, false, "u33")
  ROW(63, true, "s63")
  ROW(64, true, "s64")
  ROW(64, false, "u64")
  // Beyond 64 bits (products of two 65-bit operands would not fit the shim's 128 bits).
  pair<8, true, 65, false>("s8", "u65");
  pair<8, false, 65, true>("u8", "s65");
  pair<63, true, 65, false>("s63", "u65");
  pair<65, true, 63, false>("s65", "u63");
  pair<65, false, 60, true>("u65", "s60");
  pair<40, false, 88, true>("u40", "s88");
  std::printf("int_sweep: %d lines\n", lines);
  return 0;
}
