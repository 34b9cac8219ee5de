/* A C host for a stratc object, using only include/stratc.h and libc.
 *
 *   stratc build Strategies/pairs.strat -o pairs.so
 *   cc -O2 -I include -o run_strategy Examples/abi/run_strategy.c -ldl
 *   ./run_strategy ./pairs.so Examples/data/GLD.csv Examples/data/GDX.csv
 *
 * Each CSV file holds the bars of one instrument, in the strategy's instrument order, in the
 * layout of Examples/data (Date,Open,High,Low,Close,Adj Close,Volume), one row per day, all files
 * on the same days. Every row is one step; every decision is printed as
 *   step time_ns kind instrument quantity price
 * with doubles printed exactly (%.17g). Parameters keep the values the object was built with,
 * except NAME=VALUE arguments after the files, which set them. */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stratc.h"

#define MAX_INSTRUMENTS 8

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* Reads the next bar; returns 0 at the end of the file, -1 on a malformed row. */
static int read_bar(FILE *f, int64_t *time_ns, double *bar) {
  char line[512];
  if (!fgets(line, sizeof line, f)) return 0;
  long y, m, d;
  double adj;
  if (sscanf(line, "%ld-%ld-%ld%*[^,],%lf,%lf,%lf,%lf,%lf,%lf", &y, &m, &d, &bar[0], &bar[1], &bar[2],
             &bar[3], &adj, &bar[4]) != 9)
    return -1;
  *time_ns = (int64_t)days_from_civil(y, m, d) * 86400 * 1000000000LL;
  return 1;
}

/* An input before any data (stratc.h): unknown (NaN) for trade, book and average-price
 * fields, 0 for the rest. */
static double initial_input(uint32_t f) {
  if (f >= STRATC_BOOK_LEVELS || f == STRATC_LAST || f == STRATC_LAST_SIZE || f == STRATC_AVG_PRICE) return NAN;
  return 0.0;
}

/* Doubles exactly, and every NaN alike. */
static void print_double(double x) {
  if (isnan(x)) printf(" nan");
  else printf(" %.17g", x);
}

static int set_param(const stratc_strategy *s, stratc_value *params, const char *assignment) {
  const char *eq = strchr(assignment, '=');
  for (uint32_t p = 0; eq && p < s->param_count; p++) {
    if (strncmp(s->params[p].name, assignment, (size_t)(eq - assignment)) != 0 ||
        s->params[p].name[eq - assignment] != '\0')
      continue;
    if (s->params[p].kind == STRATC_FLOAT) params[p].f = strtod(eq + 1, NULL);
    else if (s->params[p].kind == STRATC_BOOL) params[p].i = strcmp(eq + 1, "true") == 0;
    else params[p].i = strtoll(eq + 1, NULL, 10);
    return 0;
  }
  fprintf(stderr, "unknown parameter assignment %s\n", assignment);
  return -1;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s OBJECT.so BARS.csv... [NAME=VALUE]...\n", argv[0]);
    return 2;
  }
  void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!library) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  stratc_entry_fn entry = (stratc_entry_fn)dlsym(library, STRATC_ENTRY_SYMBOL);
  if (!entry) { fprintf(stderr, "%s is not a stratc object\n", argv[1]); return 1; }
  const stratc_strategy *s = entry();
  if (s->abi_version != STRATC_ABI_VERSION || s->descriptor_size != sizeof(stratc_strategy)) {
    fprintf(stderr, "%s: ABI version %u, this host speaks %u\n", argv[1], s->abi_version, STRATC_ABI_VERSION);
    return 1;
  }
  uint32_t n = s->instrument_count;
  if (n > MAX_INSTRUMENTS || argc < 2 + (int)n) {
    fprintf(stderr, "%s trades %u instruments: give one CSV file each\n", s->name, n);
    return 2;
  }
  fprintf(stderr, "%s (%s), state %llu bytes, source %.12s…\n", s->name, s->compiler_version,
          (unsigned long long)s->state_size, s->source_hash);

  stratc_value *params = calloc(s->param_count + 1, sizeof *params);
  for (uint32_t p = 0; p < s->param_count; p++) params[p] = s->params[p].value;
  for (int a = 2 + (int)n; a < argc; a++)
    if (set_param(s, params, argv[a]) != 0) return 2;

  void *state = aligned_alloc(s->state_align, (s->state_size / s->state_align + 1) * s->state_align);
  double *inputs = malloc(sizeof(double) * STRATC_INPUT_FIELDS * n);
  uint64_t *seen = calloc(n, sizeof *seen);
  stratc_decision *out = malloc(sizeof *out * (s->max_decisions + 1));
  s->init(state);
  for (uint32_t i = 0; i < n; i++)
    for (uint32_t f = 0; f < STRATC_INPUT_FIELDS; f++) inputs[i * STRATC_INPUT_FIELDS + f] = initial_input(f);

  FILE *files[MAX_INSTRUMENTS];
  char header[512];
  for (uint32_t i = 0; i < n; i++) {
    files[i] = fopen(argv[2 + i], "r");
    if (!files[i] || !fgets(header, sizeof header, files[i])) { perror(argv[2 + i]); return 1; }
  }
  for (long step = 0;; step++) {
    int64_t time_ns = 0;
    for (uint32_t i = 0; i < n; i++) {
      double bar[5];
      int got = read_bar(files[i], &time_ns, bar);
      if (got == 0) return 0;
      if (got < 0) { fprintf(stderr, "%s: malformed row %ld\n", argv[2 + i], step + 2); return 1; }
      memcpy(&inputs[i * STRATC_INPUT_FIELDS + STRATC_OPEN], bar, sizeof bar);
      seen[i] = 1;
    }
    int64_t count = s->step(state, params, inputs, seen, time_ns, out);
    for (int64_t k = 0; k < count; k++) {
      printf("%ld %lld %u %d", step, (long long)time_ns, out[k].kind, out[k].instrument);
      print_double(out[k].quantity);
      print_double(out[k].price);
      printf("\n");
    }
  }
}
