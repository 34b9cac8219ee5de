/*
 * stratc.h: the C ABI of a strategy compiled by `stratc build` (ABI version 1).
 *
 * A compiled strategy is a shared object that exports one function,
 *
 *     const stratc_strategy *stratc_strategy_v1(void);
 *
 * returning a descriptor with everything a host needs: the step and init functions, the sizes
 * and layout of the state record, the instruments, the parameter table, the input fields the
 * strategy reads, its risk limits, and metadata (ABI version, compiler version, source hash).
 * The object needs nothing but libm. Load it with dlopen, check `abi_version`, then:
 *
 *     void *state = aligned_alloc(d->state_align, d->state_size);
 *     d->init(state);                                  // the initial state
 *     for each event:
 *       write the input record (inputs[i * STRATC_INPUT_FIELDS + field]) and seen[i]
 *       int64_t n = d->step(state, params, inputs, seen, time_ns, decisions);
 *       act on decisions[0 .. n)                      // n <= d->max_decisions
 *
 * Every function is reentrant: one object serves any number of instances, one state record
 * each, on any threads (an instance itself is not thread-safe). Nothing is allocated and no
 * global is written. Floating point follows IEEE 754 exactly as the stratc interpreter does,
 * so the same inputs give the same decisions bit for bit on every backend.
 *
 * Examples/abi/ shows a C host and a Python ctypes host driving an object with this header.
 */
#ifndef STRATC_H
#define STRATC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STRATC_ABI_VERSION 1u
/* The name of the one exported symbol. */
#define STRATC_ENTRY_SYMBOL "stratc_strategy_v1"
/* Doubles in one instrument's input record. */
#define STRATC_INPUT_FIELDS 54u

/* The input record: instrument i's field f is inputs[i * STRATC_INPUT_FIELDS + f].
 * Before any data, book and trade fields and avg_price are NaN (unknown; rules reading them
 * wait); everything else is 0. Bar fields are read only once seen[i] is non-zero. */
enum stratc_input_field {
  STRATC_OPEN = 0, STRATC_HIGH = 1, STRATC_LOW = 2, STRATC_CLOSE = 3, STRATC_VOLUME = 4,
  STRATC_LAST = 5, STRATC_LAST_SIZE = 6,
  STRATC_TRADED = 7,       /* 1 when this event printed a trade, else 0 */
  STRATC_POSITION = 8,     /* order state, kept by the host */
  STRATC_AVG_PRICE = 9, STRATC_OPEN_ORDERS = 10, STRATC_OPEN_BUY = 11, STRATC_OPEN_SELL = 12,
  STRATC_FILLS = 13,
  STRATC_BOOK_LEVELS = 14  /* level k = 1..10: bid price, bid size, ask price, ask size at
                              STRATC_BOOK_LEVELS + 4 * (k - 1) + 0, 1, 2, 3 */
};

/* What one decision asks the host to do for one instrument. */
enum stratc_decision_kind {
  STRATC_TARGET = 0,   /* make the position `quantity` (signed); order the difference */
  STRATC_MARKET = 1,   /* buy (quantity > 0) or sell (< 0) |quantity| at market */
  STRATC_LIMIT = 2,    /* buy or sell at `price` or better; the rest rests */
  STRATC_IOC = 3,      /* buy or sell at `price` or better now; the rest is cancelled */
  STRATC_CANCEL = 4,   /* cancel open buys (quantity > 0), sells (< 0) or all (0) */
  STRATC_REPLACE = 5   /* make the open orders on quantity's side one order of |quantity| at
                          `price` */
};

/* One decision: 24 bytes. Round `quantity` half away from zero to whole units; reject it when
 * it is not finite or beyond 1e15. `price` is NaN for target, market and cancel. */
typedef struct stratc_decision {
  uint8_t kind;            /* enum stratc_decision_kind */
  uint8_t reserved[3];
  int32_t instrument;      /* index into stratc_strategy.instruments */
  double quantity;
  double price;
} stratc_decision;

/* A parameter value: 8 bytes, read according to the parameter's kind. */
typedef union stratc_value {
  int64_t i;               /* STRATC_INT, and STRATC_BOOL as 0 or 1 */
  double f;                /* STRATC_FLOAT */
} stratc_value;

enum stratc_value_kind { STRATC_INT = 0, STRATC_FLOAT = 1, STRATC_BOOL = 2 };

/* One entry of the parameter table; `value` is what the object was built with. A host may pass
 * other values to step: parameters are read at run time, never folded into the code. (A
 * parameter that sizes a window is part of the state layout; changing it needs a new build.) */
typedef struct stratc_param {
  const char *name;
  uint32_t kind;           /* enum stratc_value_kind */
  uint32_t reserved;
  stratc_value value;
} stratc_param;

typedef struct stratc_instrument {
  const char *name;        /* as the strategy names it */
  const char *symbol;      /* the market symbol it binds to unless the host rebinds it */
} stratc_instrument;

/* The state record is a sequence of slots, back to back, each a multiple of 8 bytes. The
 * layout of each kind is specified in the stratc repository (Sources/StratIR/WindowSemantics.md);
 * a host never needs it to run a strategy, only to inspect one. */
enum stratc_slot_kind {
  STRATC_SLOT_SCALAR = 0, STRATC_SLOT_RING = 1, STRATC_SLOT_WINDOW = 2,
  STRATC_SLOT_PAIR_WINDOW = 3, STRATC_SLOT_EMA = 4
};

typedef struct stratc_slot {
  const char *name;
  uint32_t kind;           /* enum stratc_slot_kind */
  uint32_t capacity;       /* window length; 0 for a scalar */
  uint64_t offset;         /* bytes from the start of the state record */
  uint64_t size;           /* bytes */
} stratc_slot;

/* Limits the host checks before every order. NaN (or 0 for the counts) means no limit. */
typedef struct stratc_risk {
  const double *max_position;   /* per instrument, in units */
  double max_order_quantity;
  double max_order_notional;
  double max_daily_loss;        /* marked-to-market loss within one UTC day */
  double price_band;            /* relative distance from the last price: 0.05 = 5 % */
  int64_t max_orders;           /* at most this many orders ... */
  int64_t order_rate_window_ns; /* ... in any window of this many nanoseconds */
} stratc_risk;

/* Writes the initial state: every scalar at its declared initial value, every buffer empty. */
typedef void (*stratc_init_fn)(void *state);

/* One evaluation step at `time_ns` (UTC nanoseconds since the epoch). `params` has
 * param_count entries, `inputs` instrument_count * STRATC_INPUT_FIELDS, `seen` instrument_count
 * (non-zero once the instrument has delivered data), `out` room for max_decisions; the five
 * buffers must not overlap. Returns the number of decisions written to `out`. Every double the
 * step writes (state, decisions) is either a number or the one NaN 0x7ff8000000000000. */
typedef int64_t (*stratc_step_fn)(void *state, const stratc_value *params, const double *inputs,
                                  const uint64_t *seen, int64_t time_ns, stratc_decision *out);

typedef struct stratc_strategy {
  uint32_t abi_version;         /* STRATC_ABI_VERSION of the compiler that built it */
  uint32_t descriptor_size;     /* sizeof(stratc_strategy) of that compiler */
  const char *name;             /* the strategy's declared name */
  const char *compiler_version; /* "stratc 0.2.0 (language 1, IR 1, LLVM 19.1.7)" */
  const char *source_hash;      /* SHA-256 of the .strat source bytes, lowercase hex */
  const char *code_hash;        /* SHA-256 of the optimised IR with parameter values, symbols
                                   and risk limits left out: what the code computes */
  const char *target_cpu;       /* the CPU the code was compiled for ("x86-64" = generic) */
  uint64_t state_size;          /* bytes of one instance's state record */
  uint64_t state_align;         /* its alignment */
  uint32_t instrument_count;
  uint32_t param_count;
  uint32_t slot_count;
  uint32_t input_count;         /* how many input fields the strategy reads */
  uint32_t max_decisions;       /* most decisions one step can write */
  uint32_t warmup_steps;        /* steps, once every instrument is seen, before all values are defined */
  const stratc_instrument *instruments;
  const stratc_param *params;
  const stratc_slot *slots;
  const uint32_t *inputs_read;  /* the input fields read (enum stratc_input_field), ascending */
  const stratc_risk *risk;
  stratc_init_fn init;
  stratc_step_fn step;
} stratc_strategy;

typedef const stratc_strategy *(*stratc_entry_fn)(void);

/* Every stratc object also carries its metadata as text in an ELF section named ".stratc"
 * ("key=value" lines: abi, name, compiler, source_hash, code_hash, cpu), so a loader can check
 * an object before running any of its code. */
#define STRATC_METADATA_SECTION ".stratc"

#ifdef __cplusplus
}
#endif

#endif /* STRATC_H */
