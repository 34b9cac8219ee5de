// UG1399 "Overflow Modes": every mode, above and below the range, far outside it, at its edges,
// after rounding carries out of it, for signed and unsigned formats, from ap_fixed, ap_[u]int
// and C integers, and at W = 64. Expected raw bits are hand-computed (Docs/HLS-SHIM.md).
// AP_SAT_SYM makes the minimum -MAX even when it is in range (as the vendor's headers do), and
// AP_WRAP_SM is for signed formats only (the vendor's headers refuse ap_ufixed; so does the shim).
#include <ap_fixed.h>
#include "check.h"

// Raw bits of ap_fixed<8,4> (F = 4): into ap_fixed<4,2,AP_TRN,O> (F = 2, raw -8..7).
static const unsigned signed_src[7] = {0x18, 0xE0, 0x28, 0xD0, 0x7C, 0x80, 0xDF};
// 1.875 (rounds up to 2.0, out of range) and -2.125 (rounds up to -2.0, the minimum) into
// ap_fixed<4,2,AP_RND,O>.
static const unsigned rounded_src[2] = {0x1E, 0xDE};
// Raw bits of ap_fixed<8,4> into ap_ufixed<4,2,AP_TRN,O> (raw 0..15).
static const unsigned unsigned_src[4] = {0x3C, 0x48, 0xFC, 0x00};
static const int c_src[3] = {1, 5, -5};

struct Expected {
  unsigned from_signed[7];
  unsigned rounded[2];
  unsigned into_unsigned[4];
  unsigned from_c[3];
  unsigned minus_one_unsigned;
  unsigned from_int[3];
  unsigned long long w64_min, w64_max_unsigned;
  unsigned same_width_min;
};

template <ap_o_mode O> void run_unsigned(const char* mode, const Expected& e) {
  char name[64];
  for (int i = 0; i < 4; ++i) {
    ap_fixed<8, 4> src;
    src.range(7, 0) = ap_uint<8>(unsigned_src[i]);
    std::snprintf(name, sizeof name, "%s.unsigned.%d", mode, i);
    check(name, bits(ap_ufixed<4, 2, AP_TRN, O>(src)), e.into_unsigned[i]);
  }
  std::snprintf(name, sizeof name, "%s.c-unsigned.-1", mode);
  check(name, bits(ap_ufixed<4, 2, AP_TRN, O>(-1)), e.minus_one_unsigned);
  std::snprintf(name, sizeof name, "%s.w64.unsigned-max", mode);
  check(name, bits(ap_ufixed<64, 32, AP_TRN, O>(ap_uint<64>(~0ULL))), e.w64_max_unsigned);
}
template <> void run_unsigned<AP_WRAP_SM>(const char*, const Expected&) {}

template <ap_o_mode O> void run(const char* mode, const Expected& e) {
  run_unsigned<O>(mode, e);
  char name[64];
  for (int i = 0; i < 7; ++i) {
    ap_fixed<8, 4> src;
    src.range(7, 0) = ap_uint<8>(signed_src[i]);
    std::snprintf(name, sizeof name, "%s.signed.%d", mode, i);
    check(name, bits(ap_fixed<4, 2, AP_TRN, O>(src)), e.from_signed[i]);
    ap_fixed<4, 2, AP_TRN, O> assigned;
    assigned = src;
    std::snprintf(name, sizeof name, "%s.signed-assigned.%d", mode, i);
    check(name, bits(assigned), e.from_signed[i]);
  }
  for (int i = 0; i < 2; ++i) {
    ap_fixed<8, 4> src;
    src.range(7, 0) = ap_uint<8>(rounded_src[i]);
    std::snprintf(name, sizeof name, "%s.rounded.%d", mode, i);
    check(name, bits(ap_fixed<4, 2, AP_RND, O>(src)), e.rounded[i]);
  }
  for (int i = 0; i < 3; ++i) {
    std::snprintf(name, sizeof name, "%s.c.%d", mode, c_src[i]);
    check(name, bits(ap_fixed<4, 2, AP_TRN, O>(c_src[i])), e.from_c[i]);
  }
  std::snprintf(name, sizeof name, "%s.ap_int.100", mode);
  check(name, bits(ap_fixed<6, 3, AP_TRN, O>(ap_int<8>(100))), e.from_int[0]);
  std::snprintf(name, sizeof name, "%s.ap_uint.255", mode);
  check(name, bits(ap_fixed<6, 3, AP_TRN, O>(ap_uint<8>(255))), e.from_int[1]);
  std::snprintf(name, sizeof name, "%s.ap_int.-3", mode);
  check(name, bits(ap_fixed<6, 3, AP_TRN, O>(ap_int<8>(-3))), e.from_int[2]);
  std::snprintf(name, sizeof name, "%s.w64.min", mode);
  check(name, bits(ap_fixed<64, 32, AP_TRN, O>(ap_int<64>(-9223372036854775807LL - 1))), e.w64_min);
  std::snprintf(name, sizeof name, "%s.same-width-min", mode);
  check(name, bits(ap_fixed<8, 8, AP_TRN, O>(ap_int<8>(-128))), e.same_width_min);
}

int main() {
  //        in    min   above below far+  far-  floor-then-below
  run<AP_WRAP>("AP_WRAP", {{0x6, 0x8, 0xA, 0x4, 0xF, 0x0, 0x7}, {0x8, 0x8}, {0xF, 0x2, 0xF, 0x0},
                           {0x4, 0x4, 0xC}, 0xC, {0x20, 0x38, 0x28}, 0x0ULL, 0xFFFFFFFF00000000ULL, 0x80});
  run<AP_SAT>("AP_SAT", {{0x6, 0x8, 0x7, 0x8, 0x7, 0x8, 0x8}, {0x7, 0x8}, {0xF, 0xF, 0x0, 0x0},
                         {0x4, 0x7, 0x8}, 0x0, {0x1F, 0x1F, 0x28}, 0x8000000000000000ULL, ~0ULL, 0x80});
  run<AP_SAT_ZERO>("AP_SAT_ZERO", {{0x6, 0x8, 0x0, 0x0, 0x0, 0x0, 0x0}, {0x0, 0x8}, {0xF, 0x0, 0x0, 0x0},
                                   {0x4, 0x0, 0x0}, 0x0, {0x00, 0x00, 0x28}, 0x0ULL, 0x0ULL, 0x80});
  run<AP_SAT_SYM>("AP_SAT_SYM", {{0x6, 0x9, 0x7, 0x9, 0x7, 0x9, 0x9}, {0x7, 0x9}, {0xF, 0xF, 0x0, 0x0},
                                 {0x4, 0x7, 0x9}, 0x0, {0x1F, 0x1F, 0x28}, 0x8000000000000001ULL, ~0ULL, 0x81});
  run<AP_WRAP_SM>("AP_WRAP_SM", {{0x6, 0x8, 0x5, 0xB, 0xF, 0x0, 0x8}, {0x7, 0x8}, {0, 0, 0, 0},
                                 {0x4, 0xB, 0x3}, 0, {0x1F, 0x38, 0x28}, 0x0ULL, 0x0ULL, 0x80});
  return summary("overflow");
}
