#include "codegen/emit.h"

#include <llvm/IR/LegacyPassManager.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>

#include <memory>

#include "codegen/recursion.h"

namespace fl::codegen {

namespace {

constexpr const char* kTriple = "x86_64-unknown-linux-gnu";

llvm::OptimizationLevel level_of(int level) {
  switch (level) {
    case 0: return llvm::OptimizationLevel::O0;
    case 1: return llvm::OptimizationLevel::O1;
    case 3: return llvm::OptimizationLevel::O3;
    default: return llvm::OptimizationLevel::O2;
  }
}

std::unique_ptr<llvm::TargetMachine> make_target_machine(int opt_level, std::string& error) {
  static bool initialized = [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeX86AsmParser();
    return true;
  }();
  (void)initialized;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(kTriple, error);
  if (!target) return nullptr;
  llvm::TargetOptions options;
  auto level = opt_level == 0 ? llvm::CodeGenOptLevel::None
               : opt_level == 1 ? llvm::CodeGenOptLevel::Less
               : opt_level == 3 ? llvm::CodeGenOptLevel::Aggressive
                                : llvm::CodeGenOptLevel::Default;
  // Generic x86-64 (SSE2): images must boot on any x86-64 CPU a VMM offers.
  return std::unique_ptr<llvm::TargetMachine>(
      target->createTargetMachine(kTriple, "x86-64", "", options, llvm::Reloc::PIC_, llvm::CodeModel::Small, level));
}

void configure(llvm::Module& module, llvm::TargetMachine& tm) {
  module.setTargetTriple(kTriple);
  module.setDataLayout(tm.createDataLayout());
  // Called before optimising and again before emitting: each flag once
  // (a module with two "PIC Level" flags is invalid IR for llc).
  if (!module.getModuleFlag("PIC Level")) module.setPICLevel(llvm::PICLevel::BigPIC);
  if (!module.getModuleFlag("PIE Level")) module.setPIELevel(llvm::PIELevel::Large);
}

}  // namespace

void optimize(llvm::Module& module, int level) {
  keep_recursion_on_stack(module);
  std::string error;
  auto tm = make_target_machine(level, error);
  if (!tm) return;
  configure(module, *tm);
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm.get());
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = level == 0 ? pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                                           : pb.buildPerModuleDefaultPipeline(level_of(level));
  mpm.run(module, mam);
}

bool emit(llvm::Module& module, OutputKind kind, const std::string& path, int opt_level, std::string& error) {
  auto tm = make_target_machine(opt_level, error);
  if (!tm) return false;
  configure(module, *tm);

  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, kind == OutputKind::Object ? llvm::sys::fs::OF_None : llvm::sys::fs::OF_Text);
  if (ec) {
    error = path + ": " + ec.message();
    return false;
  }
  if (kind == OutputKind::LlvmIr) {
    module.print(out, nullptr);
    return true;
  }
  llvm::legacy::PassManager pm;
  auto file_type = kind == OutputKind::Object ? llvm::CodeGenFileType::ObjectFile : llvm::CodeGenFileType::AssemblyFile;
  if (tm->addPassesToEmitFile(pm, out, nullptr, file_type)) {
    error = "the x86-64 back end cannot emit this file type";
    return false;
  }
  pm.run(module);
  return true;
}

}  // namespace fl::codegen
