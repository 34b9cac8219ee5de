// The parts of LLVM 19's C API that stratc uses (Debian: llvm-19-dev, headers in
// /usr/lib/llvm-19/include, library libLLVM-19.so on the default linker path).
#if !__has_include(<llvm-c/LLJIT.h>)
#error "stratc needs LLVM 19's C API: apt-get install -y --no-install-recommends llvm-19-dev"
#endif
#include <llvm-c/Core.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Error.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
