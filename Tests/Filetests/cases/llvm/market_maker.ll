; stratc strategy @market_maker
; state record, 0 bytes (slots back to back; layouts in WindowSemantics.md):

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
  %hd = call ptr @header(ptr %b, i64 %cap, i64 8)
  %h = load i64, ptr %hd
  %vp = getelementptr double, ptr %b, i64 %h
  call void @store_f64(double %v, ptr %vp)
  %h1 = add i64 %h, 1
  %wrap = icmp eq i64 %h1, %cap
  %h2 = select i1 %wrap, i64 0, i64 %h1
  store i64 %h2, ptr %hd
  %cp = getelementptr i8, ptr %hd, i64 8
  %n = load i64, ptr %cp
  %lt = icmp slt i64 %n, %cap
  %n1 = add i64 %n, 1
  %n2 = select i1 %lt, i64 %n1, i64 %n
  store i64 %n2, ptr %cp
  ret void
}

define internal double @ring_lag(ptr %b, i64 %cap, i64 %k) alwaysinline {
  %hd = call ptr @header(ptr %b, i64 %cap, i64 8)
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
  %hd = call ptr @header(ptr %b, i64 %cap, i64 8)
  %h = load i64, ptr %hd
  %cp = getelementptr i8, ptr %hd, i64 8
  %n = load i64, ptr %cp
  %shp = getelementptr i8, ptr %hd, i64 16
  %sump = getelementptr i8, ptr %hd, i64 24
  %sqp = getelementptr i8, ptr %hd, i64 32
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
  %hd = call ptr @header(ptr %b, i64 %cap, i64 8)
  %p = getelementptr i8, ptr %hd, i64 %offset
  %v = load double, ptr %p
  ret double %v
}

define internal double @window_n(ptr %b, i64 %cap) alwaysinline {
  %hd = call ptr @header(ptr %b, i64 %cap, i64 8)
  %cp = getelementptr i8, ptr %hd, i64 8
  %n = load i64, ptr %cp
  %nf = sitofp i64 %n to double
  ret double %nf
}

define internal double @window_sum(ptr %b, i64 %cap) alwaysinline {
  %n = call double @window_n(ptr %b, i64 %cap)
  %shift = call double @window_field(ptr %b, i64 %cap, i64 16)
  %sum = call double @window_field(ptr %b, i64 %cap, i64 24)
  %t = fmul double %n, %shift
  %r = fadd double %sum, %t
  ret double %r
}

define internal double @window_mean(ptr %b, i64 %cap) alwaysinline {
  %n = call double @window_n(ptr %b, i64 %cap)
  %shift = call double @window_field(ptr %b, i64 %cap, i64 16)
  %sum = call double @window_field(ptr %b, i64 %cap, i64 24)
  %m = fdiv double %sum, %n
  %r = fadd double %m, %shift
  ret double %r
}

define internal double @window_varp(ptr %b, i64 %cap) alwaysinline {
  %n = call double @window_n(ptr %b, i64 %cap)
  %sum = call double @window_field(ptr %b, i64 %cap, i64 24)
  %sq = call double @window_field(ptr %b, i64 %cap, i64 32)
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
  %hd = call ptr @header(ptr %b, i64 %cap, i64 8)
  %h = load i64, ptr %hd
  %cp = getelementptr i8, ptr %hd, i64 8
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
  %hd = call ptr @header(ptr %b, i64 %cap, i64 16)
  %h = load i64, ptr %hd
  %cp = getelementptr i8, ptr %hd, i64 8
  %n = load i64, ptr %cp
  %shxp = getelementptr i8, ptr %hd, i64 16
  %shyp = getelementptr i8, ptr %hd, i64 24
  %sxp = getelementptr i8, ptr %hd, i64 32
  %syp = getelementptr i8, ptr %hd, i64 40
  %sxxp = getelementptr i8, ptr %hd, i64 48
  %syyp = getelementptr i8, ptr %hd, i64 56
  %sxyp = getelementptr i8, ptr %hd, i64 64
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
  %hd = call ptr @header(ptr %b, i64 %cap, i64 16)
  %p = getelementptr i8, ptr %hd, i64 %offset
  %v = load double, ptr %p
  ret double %v
}

define internal double @pair_n(ptr %b, i64 %cap) alwaysinline {
  %hd = call ptr @header(ptr %b, i64 %cap, i64 16)
  %cp = getelementptr i8, ptr %hd, i64 8
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
  %cxy = call double @pair_c(ptr %b, i64 %cap, i64 64, i64 32, i64 40)
  %n1 = fsub double %n, 1.0
  %r = fdiv double %cxy, %n1
  ret double %r
}

define internal double @pair_corr(ptr %b, i64 %cap) alwaysinline {
  %cxy = call double @pair_c(ptr %b, i64 %cap, i64 64, i64 32, i64 40)
  %cxx = call double @pair_c(ptr %b, i64 %cap, i64 48, i64 32, i64 32)
  %cyy = call double @pair_c(ptr %b, i64 %cap, i64 56, i64 40, i64 40)
  %pr = fmul double %cxx, %cyy
  %sq = call double @llvm.sqrt.f64(double %pr)
  %r = fdiv double %cxy, %sq
  ret double %r
}

define internal double @pair_slope(ptr %b, i64 %cap) alwaysinline {
  %cxy = call double @pair_c(ptr %b, i64 %cap, i64 64, i64 32, i64 40)
  %cxx = call double @pair_c(ptr %b, i64 %cap, i64 48, i64 32, i64 32)
  %r = fdiv double %cxy, %cxx
  ret double %r
}

define internal double @pair_intercept(ptr %b, i64 %cap) alwaysinline {
  %n = call double @pair_n(ptr %b, i64 %cap)
  %sy = call double @pair_field(ptr %b, i64 %cap, i64 40)
  %shy = call double @pair_field(ptr %b, i64 %cap, i64 24)
  %sx = call double @pair_field(ptr %b, i64 %cap, i64 32)
  %shx = call double @pair_field(ptr %b, i64 %cap, i64 16)
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
  %cp = getelementptr i8, ptr %b, i64 8
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
  %bytes = mul i64 %k, 24
  %rec = getelementptr i8, ptr %out, i64 %bytes
  store i8 %kind, ptr %rec
  %ip = getelementptr i8, ptr %rec, i64 4
  store i32 %instrument, ptr %ip
  %qp = getelementptr i8, ptr %rec, i64 8
  call void @store_f64(double %q, ptr %qp)
  %pp = getelementptr i8, ptr %rec, i64 16
  call void @store_f64(double %p, ptr %pp)
  %k1 = add i64 %k, 1
  store i64 %k1, ptr %count
  ret void
}
@stratc_constants = internal global [3 x i64] [i64 0, i64 4607182418800017408, i64 -4616189618054758400]

define internal i64 @stratc_step(ptr noalias %state, ptr noalias %params, ptr noalias %inputs, ptr noalias %seen, i64 %time, ptr noalias %out) {
entry:
  %count = alloca i64
  store i64 0, ptr %count
  %p0 = getelementptr double, ptr %inputs, i64 16
  %v0 = load double, ptr %p0
  %v1 = fcmp oeq double %v0, %v0
  %p2 = getelementptr double, ptr %inputs, i64 14
  %v2 = load double, ptr %p2
  %v3 = fcmp oeq double %v2, %v2
  %v4 = and i1 %v1, %v3
  %v5 = fsub double %v0, %v2
  %p6 = getelementptr i64, ptr %params, i64 2
  %v6 = load double, ptr %p6
  %v7 = fcmp oge double %v5, %v6
  %p8 = getelementptr double, ptr %inputs, i64 8
  %v8 = load double, ptr %p8
  %p9 = getelementptr i64, ptr %params, i64 1
  %v9 = load double, ptr %p9
  %v10 = fcmp olt double %v8, %v9
  %v11 = and i1 %v7, %v10
  %p12 = getelementptr i64, ptr %params, i64 0
  %v12 = load double, ptr %p12
  %v13 = and i1 %v4, %v3
  %v14 = and i1 %v13, %v11
  br i1 %v14, label %do15, label %skip15
do15:
  call void @decide(ptr %out, ptr %count, i8 5, i32 0, double %v12, double %v2)
  br label %skip15
skip15:
  %v16 = fneg double %v9
  %v17 = fcmp ogt double %v8, %v16
  %v18 = and i1 %v7, %v17
  %v19 = fneg double %v12
  %v20 = and i1 %v4, %v1
  %v21 = and i1 %v20, %v18
  br i1 %v21, label %do22, label %skip22
do22:
  call void @decide(ptr %out, ptr %count, i8 5, i32 0, double %v19, double %v0)
  br label %skip22
skip22:
  %v23 = xor i1 %v7, true
  %k24 = getelementptr i64, ptr @stratc_constants, i64 0
  %v24 = load volatile double, ptr %k24  ; 0x0000000000000000
  %v25 = and i1 %v4, %v23
  br i1 %v25, label %do26, label %skip26
do26:
  %nan26 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 4, i32 0, double %v24, double %nan26)
  br label %skip26
skip26:
  %v27 = fcmp oge double %v8, %v9
  %k28 = getelementptr i64, ptr @stratc_constants, i64 1
  %v28 = load volatile double, ptr %k28  ; 0x3FF0000000000000
  br i1 %v27, label %do29, label %skip29
do29:
  %nan29 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 4, i32 0, double %v28, double %nan29)
  br label %skip29
skip29:
  %v30 = fcmp ole double %v8, %v16
  %k31 = getelementptr i64, ptr @stratc_constants, i64 2
  %v31 = load volatile double, ptr %k31  ; 0xBFF0000000000000
  br i1 %v30, label %do32, label %skip32
do32:
  %nan32 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 4, i32 0, double %v31, double %nan32)
  br label %skip32
skip32:
  %decided = load i64, ptr %count
  ret i64 %decided
}

define internal void @stratc_init(ptr %state) {
  ret void
}
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

@str1 = private unnamed_addr constant [13 x i8] c"market_maker\00"
@str2 = private unnamed_addr constant [16 x i8] c"stratc (golden)\00"
@str3 = private unnamed_addr constant [1 x i8] c"\00"
@str4 = private unnamed_addr constant [65 x i8] c"8af91d27fa28bdea3c6479658fb84134c552e1832e78bfc18fe5fad5e93abe57\00"
@str5 = private unnamed_addr constant [8 x i8] c"generic\00"
@str6 = private unnamed_addr constant [2 x i8] c"s\00"
@str7 = private unnamed_addr constant [5 x i8] c"GOOG\00"
@stratc_instruments = internal constant [1 x { ptr, ptr }] [{ ptr, ptr } { ptr @str6, ptr @str7 }]
@str8 = private unnamed_addr constant [4 x i8] c"lot\00"
@str9 = private unnamed_addr constant [14 x i8] c"max_inventory\00"
@str10 = private unnamed_addr constant [11 x i8] c"min_spread\00"
@stratc_params = internal constant [3 x { ptr, i32, i32, i64 }] [{ ptr, i32, i32, i64 } { ptr @str8, i32 1, i32 0, i64 4636737291354636288 }, { ptr, i32, i32, i64 } { ptr @str9, i32 1, i32 0, i64 4643985272004935680 }, { ptr, i32, i32, i64 } { ptr @str10, i32 1, i32 0, i64 4587366580439587226 }]
@stratc_inputs_read = internal constant [3 x i32] [i32 8, i32 14, i32 16]
@stratc_max_position = internal constant [1 x double] [double 0x407F400000000000]
@stratc_risk = internal constant { ptr, double, double, double, double, i64, i64 } { ptr @stratc_max_position, double 0x408F400000000000, double 0x7FF8000000000000, double 0x7FF8000000000000, double 0x7FF8000000000000, i64 2000, i64 1000000000 }
@stratc_descriptor = internal constant { i32, i32, ptr, ptr, ptr, ptr, ptr, i64, i64, i32, i32, i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr, ptr, ptr } { i32 1, i32 144, ptr @str1, ptr @str2, ptr @str3, ptr @str4, ptr @str5, i64 0, i64 8, i32 1, i32 3, i32 0, i32 3, i32 5, i32 0, ptr @stratc_instruments, ptr @stratc_params, ptr null, ptr @stratc_inputs_read, ptr @stratc_risk, ptr @stratc_init, ptr @stratc_step }
define ptr @stratc_strategy_v1() {
  ret ptr @stratc_descriptor
}
@stratc_metadata = internal constant [164 x i8] c"stratc object\0Aabi=1\0Aname=market_maker\0Acompiler=stratc (golden)\0Asource_hash=\0Acode_hash=8af91d27fa28bdea3c6479658fb84134c552e1832e78bfc18fe5fad5e93abe57\0Acpu=generic\0A\00", section ".stratc", align 1
@llvm.used = appending global [1 x ptr] [ptr @stratc_metadata], section "llvm.metadata"
