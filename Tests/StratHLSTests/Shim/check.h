// A tiny harness for the shim's tests: each check prints its name and raw bits (so that runs
// against the shim and against the vendor's headers can be compared line by line) and counts
// a failure when the bits differ from the hand-computed ones.
#ifndef SHIM_TEST_CHECK_H
#define SHIM_TEST_CHECK_H
#include <cstdio>

static int checks_run = 0;
static int checks_failed = 0;

static void check(const char* name, unsigned long long got, unsigned long long want) {
  ++checks_run;
  std::printf("%s 0x%llx\n", name, got);
  if (got != want) {
    ++checks_failed;
    std::printf("FAIL %s: got 0x%llx, want 0x%llx\n", name, got, want);
  }
  std::fflush(stdout);  // a run that aborts still shows how far it got
}

// The raw bits of an ap_[u]int or ap_[u]fixed of at most 64 bits, through .range().
template <class T> unsigned long long bits(T x) { return x.range(x.length() - 1, 0).to_uint64(); }
// The bits above 64 and the low 64 bits of a wider one.
template <class T> unsigned long long high_bits(T x) { return x.range(x.length() - 1, 64).to_uint64(); }
template <class T> unsigned long long low_bits(T x) { return x.range(63, 0).to_uint64(); }

// The last line, which ShimTests.swift reads.
static int summary(const char* name) {
  std::printf("%s: %d checks, %d failed\n", name, checks_run, checks_failed);
  return checks_failed == 0 ? 0 : 1;
}
#endif
