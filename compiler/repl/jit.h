// The REPL's JIT: LLVM's ORC LLJIT running phrase modules in this process
// against the host runtime.
//
// The runtime is build/lib/fl/libfl_rts_host.a, linked into the JIT on
// demand (StaticLibraryDefinitionGenerator); what it needs from the system
// (libc, Boehm's libgc) comes from the process. Each phrase is its own
// module with its own ResourceTracker. Top-level values live in 8-byte
// slots allocated here from the collected heap (uncollectable, so scanned)
// and given to the JIT as absolute symbols; the writable data of the
// runtime's objects is registered with the collector as roots when it is
// linked.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/Module.h>

namespace fl::repl {

class Jit {
 public:
  static std::unique_ptr<Jit> create(const std::string& runtime_archive, std::string& error);

  llvm::LLVMContext& context() { return *context_.getContext(); }

  // Zeroed 8-byte slots for the named top-level values.
  bool define_slots(const std::vector<std::string>& names, std::string& error);
  // Optimises (-O`opt_level`) and adds a module (a ResourceTracker of its
  // own); at -O0 the back end is the fast one too.
  bool add(std::unique_ptr<llvm::Module> module, int opt_level, std::string& error);
  // The address of a symbol, linking what it needs; null on failure.
  void* lookup(const std::string& name, std::string& error);
  // The same, ignoring the REPL's own definitions: the runtime's, if any.
  void* lookup_runtime(const std::string& name);
  // Whether the runtime archive defines `name` (without linking anything).
  bool runtime_defines(const std::string& name) const { return runtime_symbols_.count(name) > 0; }
  // Symbols the REPL defines itself, ahead of the runtime's for generated
  // code (its own fl_safepoint: Ctrl-C); before any phrase is added.
  bool define_host(const std::vector<std::pair<std::string, void*>>& symbols, std::string& error);

 private:
  Jit() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  llvm::orc::JITDylib* host_ = nullptr;
  std::set<std::string> runtime_symbols_;
  llvm::orc::ThreadSafeContext context_{std::make_unique<llvm::LLVMContext>()};
  std::vector<llvm::orc::ResourceTrackerSP> trackers_;
  char* slots_ = nullptr;  // the current block of slots
  size_t slots_left_ = 0;
};

}  // namespace fl::repl
