// UG1399 "Quantization Modes": every mode on positive, negative, tie (odd and even floor),
// exact, below-half and above-half values, in an ordinary format, in I < 0 and I > W formats,
// with as many bits dropped as the source holds, and (AP_TRN only: the vendor's headers assert
// when a rounding mode drops more bits than the source holds) with 134 bits dropped. Expected raw bits are hand-computed (Docs/HLS-SHIM.md).
#include <ap_fixed.h>
#include "check.h"

// Sources as raw bits of ap_fixed<16,8> (F = 8) into ap_fixed<8,4,Q> (F = 4, step 1/16).
static const unsigned ordinary_src[10] = {0x0130, 0x0133, 0x0138, 0x0128, 0x013C,
                                          0xFED0, 0xFECD, 0xFEC8, 0xFED8, 0xFEC4};
// Sources as C integers into ap_fixed<4,8,Q> (F = -4, step 16).
static const int coarse_src[5] = {104, -104, 100, -100, 108};
// Sources as raw bits of ap_fixed<16,0> (F = 16) into ap_fixed<8,-2,Q> (F = 10).
static const unsigned fine_src[3] = {0x0FFF, 0x0FE0, 0xF020};
// Sources as raw bits of ap_fixed<8,-4> (F = 12) into ap_fixed<8,4,Q>: all 8 bits dropped
// (below half, just under zero, and the tie -1/32).
static const unsigned tiny_src[3] = {0x01, 0xFF, 0x80};

struct Expected {
  unsigned ordinary[10];
  unsigned coarse[5];
  unsigned fine[3];
  unsigned tiny[3];
};

template <ap_q_mode Q> void run(const char* mode, const Expected& e) {
  char name[64];
  for (int i = 0; i < 10; ++i) {
    ap_fixed<16, 8> src;
    src.range(15, 0) = ap_uint<16>(ordinary_src[i]);
    std::snprintf(name, sizeof name, "%s.ordinary.%d", mode, i);
    check(name, bits(ap_fixed<8, 4, Q>(src)), e.ordinary[i]);
  }
  for (int i = 0; i < 5; ++i) {
    std::snprintf(name, sizeof name, "%s.coarse.%d", mode, coarse_src[i]);
    check(name, bits(ap_fixed<4, 8, Q>(coarse_src[i])), e.coarse[i]);
  }
  for (int i = 0; i < 3; ++i) {
    ap_fixed<16, 0> src;
    src.range(15, 0) = ap_uint<16>(fine_src[i]);
    std::snprintf(name, sizeof name, "%s.fine.%d", mode, i);
    check(name, bits(ap_fixed<8, -2, Q>(src)), e.fine[i]);
  }
  for (int i = 0; i < 3; ++i) {
    ap_fixed<8, -4> src;
    src.range(7, 0) = ap_uint<8>(tiny_src[i]);
    std::snprintf(name, sizeof name, "%s.tiny.%d", mode, i);
    check(name, bits(ap_fixed<8, 4, Q>(src)), e.tiny[i]);
    // Assignment quantises as construction does.
    ap_fixed<8, 4, Q> assigned;
    assigned = src;
    std::snprintf(name, sizeof name, "%s.tiny-assigned.%d", mode, i);
    check(name, bits(assigned), e.tiny[i]);
  }
}

// 134 bits dropped: floor of a value in (-2^-130, 2^-130).
static void deep_truncation() {
  const unsigned want[3] = {0x00, 0xFF, 0xFF};
  char name[64];
  for (int i = 0; i < 3; ++i) {
    ap_fixed<8, -130> src;
    src.range(7, 0) = ap_uint<8>(tiny_src[i]);
    std::snprintf(name, sizeof name, "AP_TRN.deep.%d", i);
    check(name, bits(ap_fixed<8, 4, AP_TRN>(src)), want[i]);
  }
}

int main() {
  deep_truncation();
  //                       exact below  tie-odd tie-even above | exact  -below -tie-e -tie-o -above
  run<AP_TRN>("AP_TRN", {{0x13, 0x13, 0x13, 0x12, 0x13, 0xED, 0xEC, 0xEC, 0xED, 0xEC},
                         {0x6, 0x9, 0x6, 0x9, 0x6}, {0x3F, 0x3F, 0xC0}, {0x00, 0xFF, 0xFF}});
  run<AP_TRN_ZERO>("AP_TRN_ZERO", {{0x13, 0x13, 0x13, 0x12, 0x13, 0xED, 0xED, 0xED, 0xEE, 0xED},
                                   {0x6, 0xA, 0x6, 0xA, 0x6}, {0x3F, 0x3F, 0xC1}, {0x00, 0x00, 0x00}});
  run<AP_RND>("AP_RND", {{0x13, 0x13, 0x14, 0x13, 0x14, 0xED, 0xED, 0xED, 0xEE, 0xEC},
                         {0x7, 0xA, 0x6, 0xA, 0x7}, {0x40, 0x40, 0xC1}, {0x00, 0x00, 0x00}});
  run<AP_RND_ZERO>("AP_RND_ZERO", {{0x13, 0x13, 0x13, 0x12, 0x14, 0xED, 0xED, 0xED, 0xEE, 0xEC},
                                   {0x6, 0xA, 0x6, 0xA, 0x7}, {0x40, 0x3F, 0xC1}, {0x00, 0x00, 0x00}});
  run<AP_RND_MIN_INF>("AP_RND_MIN_INF", {{0x13, 0x13, 0x13, 0x12, 0x14, 0xED, 0xED, 0xEC, 0xED, 0xEC},
                                         {0x6, 0x9, 0x6, 0xA, 0x7}, {0x40, 0x3F, 0xC0}, {0x00, 0x00, 0xFF}});
  run<AP_RND_INF>("AP_RND_INF", {{0x13, 0x13, 0x14, 0x13, 0x14, 0xED, 0xED, 0xEC, 0xED, 0xEC},
                                 {0x7, 0x9, 0x6, 0xA, 0x7}, {0x40, 0x40, 0xC0}, {0x00, 0x00, 0xFF}});
  run<AP_RND_CONV>("AP_RND_CONV", {{0x13, 0x13, 0x14, 0x12, 0x14, 0xED, 0xED, 0xEC, 0xEE, 0xEC},
                                   {0x6, 0xA, 0x6, 0xA, 0x7}, {0x40, 0x40, 0xC0}, {0x00, 0x00, 0x00}});
  return summary("quantisation");
}
