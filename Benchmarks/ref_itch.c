/* ref_itch: the practical limit for ITCH 5.0 decoding and order-book building, hand-written in
 * C for strat-bench to compare against in the same run (not part of the product).
 *
 *   gcc -O2 -o ref_itch ref_itch.c && ./ref_itch FILE.itch [runs]
 *
 * FILE is standard ITCH framing: a 2-byte big-endian length, then the message. The decode pass
 * reads every field of the order-flow messages (A F E C X D U P) into a record and folds it into
 * a checksum; the book pass keeps orders in an open-addressing table and quantities per price
 * level in a second table (no sorted ladder: a lower bound for any real book). Prints JSON. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t be(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v = (v << 8) | p[i];
  return v;
}

typedef struct { uint64_t ref, ref2; int64_t price, qty; uint64_t ts; uint16_t locate; char type, side; } msg_t;

static int decode(const uint8_t *p, msg_t *m) {
  memset(m, 0, sizeof *m);
  m->type = (char)p[0];
  m->locate = (uint16_t)be(p + 1, 2);
  m->ts = be(p + 5, 6);
  switch (p[0]) {
  case 'A': case 'F': m->ref = be(p + 11, 8); m->side = (char)p[19]; m->qty = (int64_t)be(p + 20, 4); m->price = (int64_t)be(p + 32, 4); return 1;
  case 'E': m->ref = be(p + 11, 8); m->qty = (int64_t)be(p + 19, 4); m->ref2 = be(p + 23, 8); return 1;
  case 'C': m->ref = be(p + 11, 8); m->qty = (int64_t)be(p + 19, 4); m->ref2 = be(p + 23, 8); m->price = (int64_t)be(p + 32, 4); return 1;
  case 'X': m->ref = be(p + 11, 8); m->qty = (int64_t)be(p + 19, 4); return 1;
  case 'D': m->ref = be(p + 11, 8); return 1;
  case 'U': m->ref = be(p + 11, 8); m->ref2 = be(p + 19, 8); m->qty = (int64_t)be(p + 27, 4); m->price = (int64_t)be(p + 31, 4); return 1;
  case 'P': m->ref = be(p + 11, 8); m->side = (char)p[19]; m->qty = (int64_t)be(p + 20, 4); m->price = (int64_t)be(p + 32, 4); return 1;
  default: return 0;
  }
}

typedef struct { uint64_t key; int64_t price, qty; char side; } order_t;
typedef struct { int64_t key; int64_t qty; } level_t;
static order_t *orders; static size_t omask;
static level_t *levels[2]; static size_t lmask;

static order_t *order_slot(uint64_t ref) {
  size_t i = (ref * 0x9E3779B97F4A7C15ull) & omask;
  while (orders[i].key && orders[i].key != ref) i = (i + 1) & omask;
  return &orders[i];
}
static void order_erase(order_t *o) {  /* backward-shift deletion keeps probes short */
  size_t i = (size_t)(o - orders), j = i;
  for (;;) {
    j = (j + 1) & omask;
    if (!orders[j].key) break;
    size_t home = (orders[j].key * 0x9E3779B97F4A7C15ull) & omask;
    if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) { orders[i] = orders[j]; i = j; }
  }
  orders[i].key = 0;
}
static void level_add(char side, int64_t price, int64_t qty) {
  level_t *t = levels[side == 'S'];
  size_t i = ((uint64_t)price * 0x9E3779B97F4A7C15ull) & lmask;
  while (t[i].key && t[i].key != price) i = (i + 1) & lmask;
  t[i].key = price;
  t[i].qty += qty;
}
static void reduce(order_t *o, int64_t qty) {
  if (qty > o->qty) qty = o->qty;
  level_add(o->side, o->price, -qty);
  o->qty -= qty;
  if (o->qty == 0) order_erase(o);
}

static void apply(const msg_t *m) {
  order_t *o;
  switch (m->type) {
  case 'A': case 'F': o = order_slot(m->ref); o->key = m->ref; o->price = m->price; o->qty = m->qty; o->side = m->side; level_add(m->side, m->price, m->qty); break;
  case 'E': case 'C': case 'X': o = order_slot(m->ref); if (o->key) reduce(o, m->qty); break;
  case 'D': o = order_slot(m->ref); if (o->key) reduce(o, o->qty); break;
  case 'U': {
    o = order_slot(m->ref);
    if (!o->key) break;
    char side = o->side;
    reduce(o, o->qty);
    o = order_slot(m->ref2); o->key = m->ref2; o->price = m->price; o->qty = m->qty; o->side = side; level_add(side, m->price, m->qty);
    break;
  }
  default: break;
  }
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: ref_itch FILE [runs]\n"); return 2; }
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
  uint8_t *buf = malloc((size_t)size);
  if (fread(buf, 1, (size_t)size, f) != (size_t)size) { perror("read"); return 1; }
  fclose(f);
  omask = (1u << 22) - 1; lmask = (1u << 16) - 1;
  orders = calloc(omask + 1, sizeof *orders);
  levels[0] = calloc(lmask + 1, sizeof(level_t)); levels[1] = calloc(lmask + 1, sizeof(level_t));
  double decode_t[64], book_t[64]; uint64_t messages = 0, sum = 0;
  if (runs > 64) runs = 64;
  for (int r = 0; r < runs; r++) {
    double t0 = now(); messages = 0; sum = 0; msg_t m;
    for (long at = 0; at + 2 <= size;) {
      long n = (long)be(buf + at, 2); at += 2;
      if (at + n > size) break;
      if (decode(buf + at, &m)) sum += m.ref ^ m.ref2 ^ (uint64_t)m.price ^ (uint64_t)m.qty ^ m.ts ^ m.locate ^ (uint64_t)m.side;
      messages++; at += n;
    }
    decode_t[r] = now() - t0;
    memset(orders, 0, (omask + 1) * sizeof *orders);
    memset(levels[0], 0, (lmask + 1) * sizeof(level_t)); memset(levels[1], 0, (lmask + 1) * sizeof(level_t));
    t0 = now();
    for (long at = 0; at + 2 <= size;) {
      long n = (long)be(buf + at, 2); at += 2;
      if (at + n > size) break;
      if (decode(buf + at, &m)) apply(&m);
      at += n;
    }
    book_t[r] = now() - t0;
  }
  qsort(decode_t, (size_t)runs, sizeof(double), cmp); qsort(book_t, (size_t)runs, sizeof(double), cmp);
  printf("{\"messages\": %llu, \"decode_seconds\": %.6f, \"book_seconds\": %.6f, \"checksum\": %llu}\n",
         (unsigned long long)messages, decode_t[runs / 2], book_t[runs / 2], (unsigned long long)sum);
  return 0;
}
