; stratc strategy @pairs
; state record, 200 bytes (slots back to back; layouts in WindowSemantics.md):
;   @0  spread.window20: window<20>, 200 bytes

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
@stratc_constants = internal global [1 x i64] [i64 0]

define internal i64 @stratc_step(ptr noalias %state, ptr noalias %params, ptr noalias %inputs, ptr noalias %seen, i64 %time, ptr noalias %out) {
entry:
  %count = alloca i64
  store i64 0, ptr %count
  %p0 = getelementptr i64, ptr %seen, i64 0
  %s0 = load i64, ptr %p0
  %v0 = icmp ne i64 %s0, 0
  %p1 = getelementptr double, ptr %inputs, i64 3
  %v1 = load double, ptr %p1
  %v2 = call double @log(double %v1)
  %p3 = getelementptr i64, ptr %seen, i64 1
  %s3 = load i64, ptr %p3
  %v3 = icmp ne i64 %s3, 0
  %p4 = getelementptr double, ptr %inputs, i64 57
  %v4 = load double, ptr %p4
  %v5 = call double @log(double %v4)
  %v6 = and i1 %v0, %v3
  %v7 = fsub double %v2, %v5
  br i1 %v6, label %do8, label %skip8
do8:
  %b8 = getelementptr i8, ptr %state, i64 0
  call void @window_push(ptr %b8, i64 20, double %v7)
  br label %skip8
skip8:
  %b9 = getelementptr i8, ptr %state, i64 0
  %c9 = getelementptr i8, ptr %b9, i64 168
  %v9 = load i64, ptr %c9
  %v10 = add i64 0, 20
  %v11 = icmp sge i64 %v9, %v10
  %b12 = getelementptr i8, ptr %state, i64 0
  %v12 = call double @window_mean(ptr %b12, i64 20)
  %b13 = getelementptr i8, ptr %state, i64 0
  %v13 = call double @window_vars(ptr %b13, i64 20)
  %v14 = call double @llvm.sqrt.f64(double %v13)
  %v15 = fsub double %v7, %v12
  %v16 = fdiv double %v15, %v14
  %k17 = getelementptr i64, ptr @stratc_constants, i64 0
  %v17 = load volatile double, ptr %k17  ; 0x0000000000000000
  %v18 = fcmp ogt double %v13, %v17
  %v19 = and i1 %v11, %v18
  %p20 = getelementptr i64, ptr %params, i64 1
  %v20 = load double, ptr %p20
  %v21 = fcmp ogt double %v16, %v20
  %p22 = getelementptr i64, ptr %params, i64 3
  %v22 = load double, ptr %p22
  %v23 = fneg double %v22
  %v24 = and i1 %v19, %v21
  br i1 %v24, label %do25, label %skip25
do25:
  %nan25 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 0, i32 0, double %v23, double %nan25)
  br label %skip25
skip25:
  br i1 %v24, label %do26, label %skip26
do26:
  %nan26 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 0, i32 1, double %v22, double %nan26)
  br label %skip26
skip26:
  %v27 = fneg double %v20
  %v28 = fcmp olt double %v16, %v27
  %v29 = and i1 %v19, %v28
  br i1 %v29, label %do30, label %skip30
do30:
  %nan30 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 0, i32 0, double %v22, double %nan30)
  br label %skip30
skip30:
  br i1 %v29, label %do31, label %skip31
do31:
  %nan31 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 0, i32 1, double %v23, double %nan31)
  br label %skip31
skip31:
  %v32 = call double @llvm.fabs.f64(double %v16)
  %p33 = getelementptr i64, ptr %params, i64 2
  %v33 = load double, ptr %p33
  %v34 = fcmp olt double %v32, %v33
  %v35 = and i1 %v19, %v34
  br i1 %v35, label %do36, label %skip36
do36:
  %nan36 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 0, i32 0, double %v17, double %nan36)
  br label %skip36
skip36:
  br i1 %v35, label %do37, label %skip37
do37:
  %nan37 = bitcast i64 9221120237041090560 to double
  call void @decide(ptr %out, ptr %count, i8 0, i32 1, double %v17, double %nan37)
  br label %skip37
skip37:
  %decided = load i64, ptr %count
  ret i64 %decided
}

define internal void @stratc_init(ptr %state) {
  call void @llvm.memset.p0.i64(ptr align 8 %state, i8 0, i64 200, i1 false)
  ret void
}
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

@str1 = private unnamed_addr constant [6 x i8] c"pairs\00"
@str2 = private unnamed_addr constant [16 x i8] c"stratc (golden)\00"
@str3 = private unnamed_addr constant [1 x i8] c"\00"
@str4 = private unnamed_addr constant [65 x i8] c"e8ae4e093ca6b6f96b94e9082559ce8cddc01e7c349062c1d174bdb71344b86f\00"
@str5 = private unnamed_addr constant [8 x i8] c"generic\00"
@str6 = private unnamed_addr constant [2 x i8] c"a\00"
@str7 = private unnamed_addr constant [4 x i8] c"GLD\00"
@str8 = private unnamed_addr constant [2 x i8] c"b\00"
@str9 = private unnamed_addr constant [4 x i8] c"GDX\00"
@stratc_instruments = internal constant [2 x { ptr, ptr }] [{ ptr, ptr } { ptr @str6, ptr @str7 }, { ptr, ptr } { ptr @str8, ptr @str9 }]
@str10 = private unnamed_addr constant [9 x i8] c"lookback\00"
@str11 = private unnamed_addr constant [6 x i8] c"entry\00"
@str12 = private unnamed_addr constant [5 x i8] c"exit\00"
@str13 = private unnamed_addr constant [5 x i8] c"unit\00"
@stratc_params = internal constant [4 x { ptr, i32, i32, i64 }] [{ ptr, i32, i32, i64 } { ptr @str10, i32 0, i32 0, i64 20 }, { ptr, i32, i32, i64 } { ptr @str11, i32 1, i32 0, i64 4611686018427387904 }, { ptr, i32, i32, i64 } { ptr @str12, i32 1, i32 0, i64 4602678819172646912 }, { ptr, i32, i32, i64 } { ptr @str13, i32 1, i32 0, i64 4636737291354636288 }]
@str14 = private unnamed_addr constant [16 x i8] c"spread.window20\00"
@stratc_slots = internal constant [1 x { ptr, i32, i32, i64, i64 }] [{ ptr, i32, i32, i64, i64 } { ptr @str14, i32 2, i32 20, i64 0, i64 200 }]
@stratc_inputs_read = internal constant [1 x i32] [i32 3]
@stratc_max_position = internal constant [2 x double] [double 0x7FF8000000000000, double 0x7FF8000000000000]
@stratc_risk = internal constant { ptr, double, double, double, double, i64, i64 } { ptr @stratc_max_position, double 0x7FF8000000000000, double 0x7FF8000000000000, double 0x7FF8000000000000, double 0x7FF8000000000000, i64 0, i64 0 }
@stratc_descriptor = internal constant { i32, i32, ptr, ptr, ptr, ptr, ptr, i64, i64, i32, i32, i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr, ptr, ptr } { i32 1, i32 144, ptr @str1, ptr @str2, ptr @str3, ptr @str4, ptr @str5, i64 200, i64 8, i32 2, i32 4, i32 1, i32 1, i32 6, i32 19, ptr @stratc_instruments, ptr @stratc_params, ptr @stratc_slots, ptr @stratc_inputs_read, ptr @stratc_risk, ptr @stratc_init, ptr @stratc_step }
define ptr @stratc_strategy_v1() {
  ret ptr @stratc_descriptor
}
@stratc_metadata = internal constant [157 x i8] c"stratc object\0Aabi=1\0Aname=pairs\0Acompiler=stratc (golden)\0Asource_hash=\0Acode_hash=e8ae4e093ca6b6f96b94e9082559ce8cddc01e7c349062c1d174bdb71344b86f\0Acpu=generic\0A\00", section ".stratc", align 1
@llvm.used = appending global [1 x ptr] [ptr @stratc_metadata], section "llvm.metadata"
