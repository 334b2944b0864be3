// -g: DWARF line tables for the generated code, so that debuggers, perf,
// addr2line and the VM's panic backtraces can map machine code back to fl
// source lines. Every function gets a subprogram (generated helpers such as
// show or compare an artificial one) and every instruction a location in
// its own function, which is what the verifier and the inliner require.
#pragma once

#include <map>

#include <llvm/IR/DIBuilder.h>
#include <llvm/IR/Module.h>

#include "support/diagnostics.h"
#include "support/source.h"

namespace fl::codegen {

class DebugInfo {
 public:
  // `main`: the file of the program's main module (or of the phrase).
  DebugInfo(llvm::Module& module, const Diagnostics& diags, bool optimized, FileId main);

  // Where `loc` is, in function `f` (whose subprogram starts at the first
  // location asked for it).
  llvm::DebugLoc at(llvm::Function* f, Loc loc);

  // Before the module is verified: a subprogram for every function defined,
  // a location in it for every instruction without one of its own.
  void finish();

 private:
  llvm::DIFile* file(FileId id);
  llvm::DISubprogram* subprogram(llvm::Function* f, Loc loc);

  llvm::Module& module_;
  const Diagnostics& diags_;
  bool optimized_;
  llvm::DIBuilder builder_;
  llvm::DICompileUnit* unit_ = nullptr;
  std::map<FileId, llvm::DIFile*> files_;
  std::map<std::pair<llvm::DISubprogram*, llvm::DIFile*>, llvm::DILexicalBlockFile*> file_scopes_;
};

}  // namespace fl::codegen
