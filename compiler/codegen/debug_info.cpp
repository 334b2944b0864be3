#include "codegen/debug_info.h"

#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace fl::codegen {

DebugInfo::DebugInfo(llvm::Module& module, const Diagnostics& diags, bool optimized, FileId main)
    : module_(module), diags_(diags), optimized_(optimized), builder_(module) {
  module.addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
  module.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 5);
  unit_ = builder_.createCompileUnit(llvm::dwarf::DW_LANG_OCaml, file(main), "flc " FL_VERSION, optimized, "", 0, "",
                                     llvm::DICompileUnit::LineTablesOnly);
}

llvm::DIFile* DebugInfo::file(FileId id) {
  if (auto it = files_.find(id); it != files_.end()) return it->second;
  llvm::SmallString<256> path(diags_.file_name(Loc{id, 1, 1}));
  llvm::sys::fs::make_absolute(path);
  return files_[id] = builder_.createFile(llvm::sys::path::filename(path), llvm::sys::path::parent_path(path));
}

llvm::DISubprogram* DebugInfo::subprogram(llvm::Function* f, Loc loc) {
  if (llvm::DISubprogram* sp = f->getSubprogram()) return sp;
  bool artificial = !loc.valid();
  llvm::DIFile* where = file(artificial ? FileId{0} : loc.file);
  auto flags = llvm::DISubprogram::SPFlagDefinition;
  if (optimized_) flags |= llvm::DISubprogram::SPFlagOptimized;
  llvm::DISubprogram* sp = builder_.createFunction(
      where, f->getName(), f->getName(), where, loc.line, builder_.createSubroutineType(builder_.getOrCreateTypeArray({})),
      loc.line, artificial ? llvm::DINode::FlagArtificial : llvm::DINode::FlagZero, flags);
  f->setSubprogram(sp);
  return sp;
}

llvm::DebugLoc DebugInfo::at(llvm::Function* f, Loc loc) {
  llvm::DISubprogram* sp = subprogram(f, loc);
  llvm::DIScope* scope = sp;
  // Code of another file in this function (fl_main runs every module's
  // top level; an inline standard function): a scope that names the file.
  llvm::DIFile* where = file(loc.file);
  if (where != sp->getFile()) {
    llvm::DILexicalBlockFile*& block = file_scopes_[{sp, where}];
    if (!block) block = builder_.createLexicalBlockFile(sp, where);
    scope = block;
  }
  return llvm::DILocation::get(module_.getContext(), loc.line, loc.col, scope);
}

void DebugInfo::finish() {
  for (llvm::Function& f : module_) {
    if (f.isDeclaration()) continue;
    llvm::DISubprogram* sp = subprogram(&f, Loc{});
    auto* generated = llvm::DILocation::get(module_.getContext(), 0, 0, sp);
    for (llvm::BasicBlock& block : f)
      for (llvm::Instruction& inst : block) {
        const llvm::DebugLoc& dl = inst.getDebugLoc();
        if (!dl || dl->getScope()->getSubprogram() != sp) inst.setDebugLoc(generated);
      }
  }
  builder_.finalize();
}

}  // namespace fl::codegen
