// A differential sweep, not a specification: + - * and every comparison between fixed-point
// formats (signed and unsigned, I < 0, I > W, ordinary, 32 to 64 bits), with ap_int and C
// integers, and conversion of every result into formats with every quantisation and overflow
// mode. It prints results only; scripts/hls-vendor-check compares the output with the same
// program built against the vendor's headers (ShimTests.swift checks it runs clean).
// (Targets keep F >= -I of every source: the vendor's headers assert when a rounding mode
// drops more bits than the source holds.)
#include <ap_fixed.h>
#include <cstdio>

static int lines = 0;
static const unsigned long long patterns[] = {0, 1, 2, 3, 0x7, 0x8, 0x18, 0x55, 0x80, 0xFF, 0x7FFF, 0x8000,
                                             0xFFFFFFFFULL, 0x123456789ABCDEFULL, 0x8000000000000000ULL, ~0ULL};

template <class T> unsigned long long raw(T r) {
  return r.range(r.length() - 1 < 63 ? r.length() - 1 : 63, 0).to_uint64();
}
template <class T> T from_pattern(unsigned long long p) {
  T x;
  x.range(x.length() - 1, 0) = ap_uint<64>(p);
  return x;
}

template <class T> void into_all(const T& v) {
#define INTO(Q, O) std::printf(" %llx", raw(ap_fixed<10, 3, Q, O>(v)));
#define INTO_MODES(Q) INTO(Q, AP_WRAP) INTO(Q, AP_SAT) INTO(Q, AP_SAT_ZERO) INTO(Q, AP_SAT_SYM) INTO(Q, AP_WRAP_SM)
  INTO_MODES(AP_TRN) INTO_MODES(AP_TRN_ZERO) INTO_MODES(AP_RND) INTO_MODES(AP_RND_ZERO)
  INTO_MODES(AP_RND_MIN_INF) INTO_MODES(AP_RND_INF) INTO_MODES(AP_RND_CONV)
#undef INTO_MODES
#undef INTO
  std::printf(" u%llx %llx", raw(ap_ufixed<9, 5, AP_RND_CONV, AP_SAT>(v)), raw(ap_ufixed<9, 5, AP_TRN, AP_WRAP>(v)));
  // (The vendor's to_int() reads an uninitialised value when I < 0.)
  if (T::iwidth >= 0) std::printf(" i%d %lld", v.to_int(), (long long)v.to_int64());
}

template <class A, class B> void pair(const char* na, const char* nb) {
  for (unsigned long long pa : patterns) {
    for (unsigned long long pb : patterns) {
      const A a = from_pattern<A>(pa);
      const B b = from_pattern<B>(pb);
      std::printf("%s %s %llx %llx: + %llx - %llx * %llx cmp %d%d%d%d%d%d |", na, nb, raw(a), raw(b), raw(a + b),
                  raw(a - b), raw(a * b), a < b, a <= b, a > b, a >= b, a == b, a != b);
      into_all(a + b);
      into_all(a * b);
      std::printf("\n");
      ++lines;
    }
  }
}

template <class A> void with_ints(const char* na) {
  for (unsigned long long pa : patterns) {
    const A a = from_pattern<A>(pa);
    std::printf("%s %llx: +1 %llx *-3 %llx -7u %llx +i4 %llx cmp %d%d%d%d%d%d%d |", na, raw(a), raw(a + 1), raw(a * -3),
                raw(a - 7u), raw(a + ap_int<4>(-5)), a < 0, a < 0u, a == 1, a > -1, a >= ap_uint<40>(3),
                a != ap_int<6>(-1), 2 < a);
    into_all(a);
    std::printf("\n");
    ++lines;
  }
}

typedef ap_fixed<8, 4> s8_4;
typedef ap_ufixed<8, 4> u8_4;
typedef ap_fixed<12, -2> s12_m2;
typedef ap_ufixed<6, 9> u6_9;
typedef ap_fixed<33, 10> s33_10;
typedef ap_ufixed<33, 20> u33_20;
typedef ap_fixed<64, 32> s64_32;
typedef ap_ufixed<60, 40> u60_40;
typedef ap_fixed<40, 40> s40_40;
typedef ap_ufixed<32, 32> u32_32;

#define ROW(A)                                                                                   \
  pair<A, s8_4>(#A, "s8_4"); pair<A, u8_4>(#A, "u8_4"); pair<A, s12_m2>(#A, "s12_m2");          \
  pair<A, u6_9>(#A, "u6_9"); pair<A, s33_10>(#A, "s33_10"); pair<A, u33_20>(#A, "u33_20");      \
  pair<A, u32_32>(#A, "u32_32"); with_ints<A>(#A);

int main() {
  ROW(s8_4) ROW(u8_4) ROW(s12_m2) ROW(u6_9) ROW(s33_10) ROW(u33_20) ROW(s40_40) ROW(u32_32)
  pair<s64_32, s8_4>("s64_32", "s8_4");
  pair<u60_40, s64_32>("u60_40", "s64_32");
  pair<s64_32, u60_40>("s64_32", "u60_40");
  with_ints<s64_32>("s64_32");
  with_ints<u60_40>("u60_40");
  std::printf("fixed_sweep: %d lines\n", lines);
  return 0;
}
