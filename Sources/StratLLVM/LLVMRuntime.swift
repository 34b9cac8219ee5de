import StratABI

/// The buffer arithmetic of `StratIR/WindowSemantics.md` in LLVM IR, operation for operation as
/// the interpreter performs it (plain `fadd`/`fmul`, no fast-math flags, so no contraction), and
/// the decision writer. Every generated module starts with this text; the functions are internal
/// and always inlined, so each compiled strategy is self-contained.
///
/// Slot layout (StratABI's `StateLayout`): ring/window `values[N] | head | count | shift sum sumsq`;
/// pair window `xs[N] ys[N] | head | count | shiftx shifty sx sy sxx syy sxy`; ema `value | count`.
/// Decision records are 24 bytes: kind u8 @0, instrument i32 @4, quantity f64 @8, price f64 @16.
///
/// Every f64 written to the state record or a decision goes through `@store_f64`, which writes
/// any NaN as the one canonical NaN (0x7FF8000000000000), on the integer bits so that no
/// floating-point rule can undo it: LLVM does not fix which NaN an operation returns (it may
/// commute an `fadd` of two NaNs), so only canonical NaNs keep the backends bit-identical.
enum LLVMRuntime {
  // The layout's field offsets, from StratABI; the text must print the same numbers.
  private typealias R = RingFields
  private typealias P = PairFields
  private typealias E = EMAFields

  static let text = """
    declare double @log(double)
    declare double @exp(double)
    declare float @expf(float)
    declare double @pow(double, double)
    declare double @fmod(double, double)
    declare double @llvm.floor.f64(double)
    declare double @llvm.ceil.f64(double)
    declare double @llvm.sqrt.f64(double)
    declare double @llvm.fabs.f64(double)
    declare double @llvm.round.f64(double)
    declare i64 @llvm.fptosi.sat.i64.f64(double)

    define internal void @store_f64(double %x, ptr %p) alwaysinline {
      %nan = fcmp uno double %x, %x
      %c = select i1 %nan, double 0x7FF8000000000000, double %x
      store double %c, ptr %p
      ret void
    }

    define internal ptr @header(ptr %b, i64 %cap, i64 %width) alwaysinline {
      %bytes = mul i64 %cap, %width
      %h = getelementptr i8, ptr %b, i64 %bytes
      ret ptr %h
    }

    define internal void @ring_push(ptr %b, i64 %cap, double %v) alwaysinline {
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(R.valueStride))
      %h = load i64, ptr %hd
      %vp = getelementptr double, ptr %b, i64 %h
      call void @store_f64(double %v, ptr %vp)
      %h1 = add i64 %h, 1
      %wrap = icmp eq i64 %h1, %cap
      %h2 = select i1 %wrap, i64 0, i64 %h1
      store i64 %h2, ptr %hd
      %cp = getelementptr i8, ptr %hd, i64 \(R.count)
      %n = load i64, ptr %cp
      %lt = icmp slt i64 %n, %cap
      %n1 = add i64 %n, 1
      %n2 = select i1 %lt, i64 %n1, i64 %n
      store i64 %n2, ptr %cp
      ret void
    }

    define internal double @ring_lag(ptr %b, i64 %cap, i64 %k) alwaysinline {
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(R.valueStride))
      %h = load i64, ptr %hd
      %i0 = sub i64 %h, 1
      %i1 = sub i64 %i0, %k
      %neg = icmp slt i64 %i1, 0
      %i2 = add i64 %i1, %cap
      %i = select i1 %neg, i64 %i2, i64 %i1
      %vp = getelementptr double, ptr %b, i64 %i
      %v = load double, ptr %vp
      ret double %v
    }

    define internal void @window_push(ptr %b, i64 %cap, double %v) alwaysinline {
    entry:
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(R.valueStride))
      %h = load i64, ptr %hd
      %cp = getelementptr i8, ptr %hd, i64 \(R.count)
      %n = load i64, ptr %cp
      %shp = getelementptr i8, ptr %hd, i64 \(R.shift)
      %sump = getelementptr i8, ptr %hd, i64 \(R.sum)
      %sqp = getelementptr i8, ptr %hd, i64 \(R.sumsq)
      %first = icmp eq i64 %n, 0
      br i1 %first, label %init, label %go
    init:
      call void @store_f64(double %v, ptr %shp)
      br label %go
    go:
      %shift = load double, ptr %shp
      %d = fsub double %v, %shift
      %s0 = load double, ptr %sump
      %s1 = fadd double %s0, %d
      %q0 = load double, ptr %sqp
      %dd = fmul double %d, %d
      %q1 = fadd double %q0, %dd
      %full = icmp eq i64 %n, %cap
      br i1 %full, label %evict, label %grow
    evict:
      %op = getelementptr double, ptr %b, i64 %h
      %ov = load double, ptr %op
      %o = fsub double %ov, %shift
      %s2 = fsub double %s1, %o
      %oo = fmul double %o, %o
      %q2 = fsub double %q1, %oo
      br label %done
    grow:
      %n1 = add i64 %n, 1
      store i64 %n1, ptr %cp
      br label %done
    done:
      %s = phi double [ %s2, %evict ], [ %s1, %grow ]
      %q = phi double [ %q2, %evict ], [ %q1, %grow ]
      ; The value first, then the sums: the step's reads of the sums that follow can then take
      ; them from these stores (a store at a variable index in between would force reloads).
      %vp = getelementptr double, ptr %b, i64 %h
      call void @store_f64(double %v, ptr %vp)
      call void @store_f64(double %s, ptr %sump)
      call void @store_f64(double %q, ptr %sqp)
      %h1 = add i64 %h, 1
      %wrap = icmp eq i64 %h1, %cap
      %h2 = select i1 %wrap, i64 0, i64 %h1
      store i64 %h2, ptr %hd
      ret void
    }

    define internal double @window_field(ptr %b, i64 %cap, i64 %offset) alwaysinline {
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(R.valueStride))
      %p = getelementptr i8, ptr %hd, i64 %offset
      %v = load double, ptr %p
      ret double %v
    }

    define internal double @window_n(ptr %b, i64 %cap) alwaysinline {
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(R.valueStride))
      %cp = getelementptr i8, ptr %hd, i64 \(R.count)
      %n = load i64, ptr %cp
      %nf = sitofp i64 %n to double
      ret double %nf
    }

    define internal double @window_sum(ptr %b, i64 %cap) alwaysinline {
      %n = call double @window_n(ptr %b, i64 %cap)
      %shift = call double @window_field(ptr %b, i64 %cap, i64 \(R.shift))
      %sum = call double @window_field(ptr %b, i64 %cap, i64 \(R.sum))
      %t = fmul double %n, %shift
      %r = fadd double %sum, %t
      ret double %r
    }

    define internal double @window_mean(ptr %b, i64 %cap) alwaysinline {
      %n = call double @window_n(ptr %b, i64 %cap)
      %shift = call double @window_field(ptr %b, i64 %cap, i64 \(R.shift))
      %sum = call double @window_field(ptr %b, i64 %cap, i64 \(R.sum))
      %m = fdiv double %sum, %n
      %r = fadd double %m, %shift
      ret double %r
    }

    define internal double @window_varp(ptr %b, i64 %cap) alwaysinline {
      %n = call double @window_n(ptr %b, i64 %cap)
      %sum = call double @window_field(ptr %b, i64 %cap, i64 \(R.sum))
      %sq = call double @window_field(ptr %b, i64 %cap, i64 \(R.sumsq))
      %m = fdiv double %sum, %n
      %q = fdiv double %sq, %n
      %mm = fmul double %m, %m
      %v = fsub double %q, %mm
      %neg = fcmp olt double %v, 0.0
      %r = select i1 %neg, double 0.0, double %v
      ret double %r
    }

    define internal double @window_vars(ptr %b, i64 %cap) alwaysinline {
      %n = call double @window_n(ptr %b, i64 %cap)
      %vp = call double @window_varp(ptr %b, i64 %cap)
      %n1 = fsub double %n, 1.0
      %k = fdiv double %n, %n1
      %r = fmul double %vp, %k
      ret double %r
    }

    define internal double @window_fold(ptr %b, i64 %cap, i1 %isMin) alwaysinline {
    entry:
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(R.valueStride))
      %h = load i64, ptr %hd
      %cp = getelementptr i8, ptr %hd, i64 \(R.count)
      %n = load i64, ptr %cp
      %empty = icmp eq i64 %n, 0
      br i1 %empty, label %none, label %start
    none:
      ret double 0x7FF8000000000000
    start:
      %partial = icmp slt i64 %n, %cap
      %oldest = select i1 %partial, i64 0, i64 %h
      %ap = getelementptr double, ptr %b, i64 %oldest
      %a0 = load double, ptr %ap
      %i0 = add i64 %oldest, 1
      br label %loop
    loop:
      %k = phi i64 [ 1, %start ], [ %k1, %body ]
      %acc = phi double [ %a0, %start ], [ %acc1, %body ]
      %i = phi i64 [ %i0, %start ], [ %i2, %body ]
      %more = icmp slt i64 %k, %n
      br i1 %more, label %body, label %exit
    body:
      %atEnd = icmp eq i64 %i, %cap
      %ii = select i1 %atEnd, i64 0, i64 %i
      %xp = getelementptr double, ptr %b, i64 %ii
      %x = load double, ptr %xp
      %lt = fcmp olt double %acc, %x
      %gt = fcmp ogt double %acc, %x
      %better = select i1 %isMin, i1 %lt, i1 %gt
      %xnan = fcmp uno double %x, %x
      %keep = or i1 %better, %xnan
      %acc1 = select i1 %keep, double %acc, double %x
      %i2 = add i64 %ii, 1
      %k1 = add i64 %k, 1
      br label %loop
    exit:
      ret double %acc
    }

    define internal void @pair_push(ptr %b, i64 %cap, double %x, double %y) alwaysinline {
    entry:
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(P.pairStride))
      %h = load i64, ptr %hd
      %cp = getelementptr i8, ptr %hd, i64 \(P.count)
      %n = load i64, ptr %cp
      %shxp = getelementptr i8, ptr %hd, i64 \(P.shiftx)
      %shyp = getelementptr i8, ptr %hd, i64 \(P.shifty)
      %sxp = getelementptr i8, ptr %hd, i64 \(P.sx)
      %syp = getelementptr i8, ptr %hd, i64 \(P.sy)
      %sxxp = getelementptr i8, ptr %hd, i64 \(P.sxx)
      %syyp = getelementptr i8, ptr %hd, i64 \(P.syy)
      %sxyp = getelementptr i8, ptr %hd, i64 \(P.sxy)
      %first = icmp eq i64 %n, 0
      br i1 %first, label %init, label %go
    init:
      call void @store_f64(double %x, ptr %shxp)
      call void @store_f64(double %y, ptr %shyp)
      br label %go
    go:
      %shx = load double, ptr %shxp
      %shy = load double, ptr %shyp
      %dx = fsub double %x, %shx
      %dy = fsub double %y, %shy
      %sx0 = load double, ptr %sxp
      %sx1 = fadd double %sx0, %dx
      %sy0 = load double, ptr %syp
      %sy1 = fadd double %sy0, %dy
      %sxx0 = load double, ptr %sxxp
      %dxx = fmul double %dx, %dx
      %sxx1 = fadd double %sxx0, %dxx
      %syy0 = load double, ptr %syyp
      %dyy = fmul double %dy, %dy
      %syy1 = fadd double %syy0, %dyy
      %sxy0 = load double, ptr %sxyp
      %dxy = fmul double %dx, %dy
      %sxy1 = fadd double %sxy0, %dxy
      %full = icmp eq i64 %n, %cap
      br i1 %full, label %evict, label %grow
    evict:
      %oxp = getelementptr double, ptr %b, i64 %h
      %oxv = load double, ptr %oxp
      %ox = fsub double %oxv, %shx
      %yi = add i64 %cap, %h
      %oyp = getelementptr double, ptr %b, i64 %yi
      %oyv = load double, ptr %oyp
      %oy = fsub double %oyv, %shy
      %sx2 = fsub double %sx1, %ox
      %sy2 = fsub double %sy1, %oy
      %oxx = fmul double %ox, %ox
      %sxx2 = fsub double %sxx1, %oxx
      %oyy = fmul double %oy, %oy
      %syy2 = fsub double %syy1, %oyy
      %oxy = fmul double %ox, %oy
      %sxy2 = fsub double %sxy1, %oxy
      br label %done
    grow:
      %n1 = add i64 %n, 1
      store i64 %n1, ptr %cp
      br label %done
    done:
      %sx = phi double [ %sx2, %evict ], [ %sx1, %grow ]
      %sy = phi double [ %sy2, %evict ], [ %sy1, %grow ]
      %sxx = phi double [ %sxx2, %evict ], [ %sxx1, %grow ]
      %syy = phi double [ %syy2, %evict ], [ %syy1, %grow ]
      %sxy = phi double [ %sxy2, %evict ], [ %sxy1, %grow ]
      ; The values first, then the sums (as in window_push).
      %xp = getelementptr double, ptr %b, i64 %h
      call void @store_f64(double %x, ptr %xp)
      %yh = add i64 %cap, %h
      %yp = getelementptr double, ptr %b, i64 %yh
      call void @store_f64(double %y, ptr %yp)
      call void @store_f64(double %sx, ptr %sxp)
      call void @store_f64(double %sy, ptr %syp)
      call void @store_f64(double %sxx, ptr %sxxp)
      call void @store_f64(double %syy, ptr %syyp)
      call void @store_f64(double %sxy, ptr %sxyp)
      %h1 = add i64 %h, 1
      %wrap = icmp eq i64 %h1, %cap
      %h2 = select i1 %wrap, i64 0, i64 %h1
      store i64 %h2, ptr %hd
      ret void
    }

    define internal double @pair_field(ptr %b, i64 %cap, i64 %offset) alwaysinline {
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(P.pairStride))
      %p = getelementptr i8, ptr %hd, i64 %offset
      %v = load double, ptr %p
      ret double %v
    }

    define internal double @pair_n(ptr %b, i64 %cap) alwaysinline {
      %hd = call ptr @header(ptr %b, i64 %cap, i64 \(P.pairStride))
      %cp = getelementptr i8, ptr %hd, i64 \(P.count)
      %n = load i64, ptr %cp
      %nf = sitofp i64 %n to double
      ret double %nf
    }

    ; c(a, b) = s(a·b) − s(a) × s(b) ÷ n, from the fields at the given offsets
    define internal double @pair_c(ptr %b, i64 %cap, i64 %oab, i64 %oa, i64 %ob) alwaysinline {
      %n = call double @pair_n(ptr %b, i64 %cap)
      %sab = call double @pair_field(ptr %b, i64 %cap, i64 %oab)
      %sa = call double @pair_field(ptr %b, i64 %cap, i64 %oa)
      %sb = call double @pair_field(ptr %b, i64 %cap, i64 %ob)
      %p = fmul double %sa, %sb
      %q = fdiv double %p, %n
      %r = fsub double %sab, %q
      ret double %r
    }

    define internal double @pair_cov(ptr %b, i64 %cap) alwaysinline {
      %n = call double @pair_n(ptr %b, i64 %cap)
      %cxy = call double @pair_c(ptr %b, i64 %cap, i64 \(P.sxy), i64 \(P.sx), i64 \(P.sy))
      %n1 = fsub double %n, 1.0
      %r = fdiv double %cxy, %n1
      ret double %r
    }

    define internal double @pair_corr(ptr %b, i64 %cap) alwaysinline {
      %cxy = call double @pair_c(ptr %b, i64 %cap, i64 \(P.sxy), i64 \(P.sx), i64 \(P.sy))
      %cxx = call double @pair_c(ptr %b, i64 %cap, i64 \(P.sxx), i64 \(P.sx), i64 \(P.sx))
      %cyy = call double @pair_c(ptr %b, i64 %cap, i64 \(P.syy), i64 \(P.sy), i64 \(P.sy))
      %pr = fmul double %cxx, %cyy
      %sq = call double @llvm.sqrt.f64(double %pr)
      %r = fdiv double %cxy, %sq
      ret double %r
    }

    define internal double @pair_slope(ptr %b, i64 %cap) alwaysinline {
      %cxy = call double @pair_c(ptr %b, i64 %cap, i64 \(P.sxy), i64 \(P.sx), i64 \(P.sy))
      %cxx = call double @pair_c(ptr %b, i64 %cap, i64 \(P.sxx), i64 \(P.sx), i64 \(P.sx))
      %r = fdiv double %cxy, %cxx
      ret double %r
    }

    define internal double @pair_intercept(ptr %b, i64 %cap) alwaysinline {
      %n = call double @pair_n(ptr %b, i64 %cap)
      %sy = call double @pair_field(ptr %b, i64 %cap, i64 \(P.sy))
      %shy = call double @pair_field(ptr %b, i64 %cap, i64 \(P.shifty))
      %sx = call double @pair_field(ptr %b, i64 %cap, i64 \(P.sx))
      %shx = call double @pair_field(ptr %b, i64 %cap, i64 \(P.shiftx))
      %my0 = fdiv double %sy, %n
      %my = fadd double %my0, %shy
      %slope = call double @pair_slope(ptr %b, i64 %cap)
      %mx0 = fdiv double %sx, %n
      %mx = fadd double %mx0, %shx
      %t = fmul double %slope, %mx
      %r = fsub double %my, %t
      ret double %r
    }

    define internal void @ema_push(ptr %b, i64 %period, double %alpha, double %v) alwaysinline {
      %cp = getelementptr i8, ptr %b, i64 \(E.count)
      %n = load i64, ptr %cp
      %value = load double, ptr %b
      %d = fsub double %v, %value
      %t = fmul double %alpha, %d
      %u = fadd double %value, %t
      %first = icmp eq i64 %n, 0
      %r = select i1 %first, double %v, double %u
      call void @store_f64(double %r, ptr %b)
      %lt = icmp slt i64 %n, %period
      %n1 = add i64 %n, 1
      %n2 = select i1 %lt, i64 %n1, i64 %n
      store i64 %n2, ptr %cp
      ret void
    }

    define internal void @decide(ptr %out, ptr %count, i8 %kind, i32 %instrument, double %q, double %p) alwaysinline {
      %k = load i64, ptr %count
      %bytes = mul i64 %k, \(ObjectABI.decisionBytes)
      %rec = getelementptr i8, ptr %out, i64 %bytes
      store i8 %kind, ptr %rec
      %ip = getelementptr i8, ptr %rec, i64 \(ObjectABI.decisionInstrumentOffset)
      store i32 %instrument, ptr %ip
      %qp = getelementptr i8, ptr %rec, i64 \(ObjectABI.decisionQuantityOffset)
      call void @store_f64(double %q, ptr %qp)
      %pp = getelementptr i8, ptr %rec, i64 \(ObjectABI.decisionPriceOffset)
      call void @store_f64(double %p, ptr %pp)
      %k1 = add i64 %k, 1
      store i64 %k1, ptr %count
      ret void
    }

    """
}
