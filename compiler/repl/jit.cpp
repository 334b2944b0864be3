#include "repl/jit.h"

#include <gc.h>

#include <llvm/AsmParser/Parser.h>
#include <llvm/ExecutionEngine/JITLink/JITLink.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Metadata.h>
#include <llvm/Object/Archive.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>

#include "codegen/emit.h"

namespace fl::repl {

namespace orc = llvm::orc;
namespace jitlink = llvm::jitlink;

namespace {

std::string message(llvm::Error error) { return llvm::toString(std::move(error)); }

// The collector scans the static data of the program and its shared
// libraries, not the JIT's memory: the writable data of what the JIT links
// (the runtime's free lists, its current exception...) becomes roots.
// Phrase modules have none of their own: their values are in slots.
class GcRootsPlugin : public orc::ObjectLinkingLayer::Plugin {
 public:
  void modifyPassConfig(orc::MaterializationResponsibility&, jitlink::LinkGraph&,
                        jitlink::PassConfiguration& config) override {
    config.PostFixupPasses.push_back([](jitlink::LinkGraph& graph) {
      for (jitlink::Section& section : graph.sections()) {
        auto prot = static_cast<unsigned>(section.getMemProt());
        if ((prot & static_cast<unsigned>(orc::MemProt::Write)) == 0) continue;
        llvm::StringRef name = section.getName();
        bool data = (name.starts_with(".data") && !name.starts_with(".data.rel.ro")) || name.starts_with(".bss");
        if (!data) continue;
        jitlink::SectionRange range(section);
        if (range.empty()) continue;
        GC_add_roots(range.getStart().toPtr<char*>(), range.getEnd().toPtr<char*>());
      }
      return llvm::Error::success();
    });
  }
  llvm::Error notifyFailed(orc::MaterializationResponsibility&) override { return llvm::Error::success(); }
  llvm::Error notifyRemovingResources(orc::JITDylib&, orc::ResourceKey) override { return llvm::Error::success(); }
  void notifyTransferringResources(orc::JITDylib&, orc::ResourceKey, orc::ResourceKey) override {}
};

// Compiles each module with the back end's level for the module's
// "fl.opt" flag (Jit::add): -O0 uses the fast instruction selector, which
// matters for big modules (:load), -O1 and up the full one.
class LeveledCompiler : public orc::IRCompileLayer::IRCompiler {
 public:
  static llvm::Expected<std::unique_ptr<orc::IRCompileLayer::IRCompiler>> create(orc::JITTargetMachineBuilder builder) {
    auto fast = builder.setCodeGenOptLevel(llvm::CodeGenOptLevel::None).createTargetMachine();
    if (!fast) return fast.takeError();
    auto full = builder.setCodeGenOptLevel(llvm::CodeGenOptLevel::Less).createTargetMachine();
    if (!full) return full.takeError();
    return std::unique_ptr<orc::IRCompileLayer::IRCompiler>(new LeveledCompiler(std::move(*fast), std::move(*full)));
  }

  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> operator()(llvm::Module& module) override {
    auto* flag = llvm::mdconst::extract_or_null<llvm::ConstantInt>(module.getModuleFlag("fl.opt"));
    bool optimise = flag && flag->getZExtValue() > 0;
    return orc::SimpleCompiler(optimise ? *full_ : *fast_)(module);
  }

 private:
  LeveledCompiler(std::unique_ptr<llvm::TargetMachine> fast, std::unique_ptr<llvm::TargetMachine> full)
      : IRCompiler(orc::irManglingOptionsFromTargetOptions(full->Options)),
        fast_(std::move(fast)),
        full_(std::move(full)) {}
  std::unique_ptr<llvm::TargetMachine> fast_, full_;
};

// Runs `entry(arg)` inside a handler of the runtime's chain, as a `try`
// does (codegen/matching.cpp, lower_try): returns null, or the exception
// that reached the handler.
constexpr const char* kProtectIr = R"(
@fl_current_handler = external global ptr
@fl_current_exception = external global ptr
declare i64 @fl_try_enter(ptr, ptr) returns_twice

define ptr @fl_repl_protect(ptr %entry, ptr %arg) "frame-pointer"="all" {
start:
  %handler = alloca { [8 x i64], ptr }, align 16
  %previous = load ptr, ptr @fl_current_handler
  %link = getelementptr { [8 x i64], ptr }, ptr %handler, i32 0, i32 1
  store ptr %previous, ptr %link
  %entered = call i64 @fl_try_enter(ptr %handler, ptr null) returns_twice
  %first = icmp eq i64 %entered, 0
  br i1 %first, label %run, label %caught
run:
  store ptr %handler, ptr @fl_current_handler
  call void %entry(ptr %arg)
  store ptr %previous, ptr @fl_current_handler
  ret ptr null
caught:
  %exn = load ptr, ptr @fl_current_exception
  ret ptr %exn
}
)";

}  // namespace

std::unique_ptr<Jit> Jit::create(const std::string& runtime_archive, std::string& error) {
  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    return true;
  }();
  (void)initialized;
  std::unique_ptr<Jit> self(new Jit());
  auto machine = orc::JITTargetMachineBuilder::detectHost();
  if (!machine) {
    error = message(machine.takeError());
    return nullptr;
  }
  auto jit = orc::LLJITBuilder()
                 .setJITTargetMachineBuilder(std::move(*machine))
                 .setCompileFunctionCreator(LeveledCompiler::create)
                 .setObjectLinkingLayerCreator([](orc::ExecutionSession& session, const llvm::Triple&) {
                   auto layer = std::make_unique<orc::ObjectLinkingLayer>(session);
                   layer->addPlugin(std::make_unique<GcRootsPlugin>());
                   return llvm::Expected<std::unique_ptr<orc::ObjectLayer>>(std::move(layer));
                 })
                 .create();
  if (!jit) {
    error = message(jit.takeError());
    return nullptr;
  }
  self->jit_ = std::move(*jit);
  orc::JITDylib& main = self->jit_->getMainJITDylib();
  auto runtime = orc::StaticLibraryDefinitionGenerator::Load(self->jit_->getObjLinkingLayer(), runtime_archive.c_str());
  if (!runtime) {
    error = "cannot load the runtime " + runtime_archive + ": " + message(runtime.takeError());
    return nullptr;
  }
  main.addGenerator(std::move(*runtime));
  if (auto buffer = llvm::MemoryBuffer::getFile(runtime_archive)) {
    auto archive = llvm::object::Archive::create((*buffer)->getMemBufferRef());
    if (archive) {
      for (const llvm::object::Archive::Symbol& symbol : (*archive)->symbols())
        self->runtime_symbols_.insert(symbol.getName().str());
    } else {
      llvm::consumeError(archive.takeError());
    }
  }
  auto process = orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(self->jit_->getDataLayout().getGlobalPrefix());
  if (!process) {
    error = message(process.takeError());
    return nullptr;
  }
  main.addGenerator(std::move(*process));
  // The REPL's own symbols come first in what generated code links
  // against.
  auto host = self->jit_->createJITDylib("fl-repl-host");
  if (!host) {
    error = message(host.takeError());
    return nullptr;
  }
  self->host_ = &*host;
  orc::JITDylibSearchOrder order{{self->host_, orc::JITDylibLookupFlags::MatchAllSymbols}};
  main.withLinkOrderDo([&](const orc::JITDylibSearchOrder& current) {
    for (auto& entry : current)
      if (entry.first != self->host_) order.push_back(entry);
  });
  main.setLinkOrder(std::move(order), /*LinkAgainstThisJITDylibFirst=*/false);

  llvm::SMDiagnostic diagnostic;
  auto protect = llvm::parseAssemblyString(kProtectIr, diagnostic, self->context());
  if (!protect) {
    error = "internal error: " + diagnostic.getMessage().str();
    return nullptr;
  }
  if (!self->add(std::move(protect), 1, error)) return nullptr;
  return self;
}

bool Jit::define_slots(const std::vector<std::string>& names, std::string& error) {
  if (names.empty()) return true;
  orc::SymbolMap symbols;
  for (const std::string& name : names) {
    if (slots_left_ == 0) {
      constexpr size_t kSlotsPerBlock = 512;
      // Uncollectable: never freed, and scanned for the values it holds.
      slots_ = static_cast<char*>(GC_MALLOC_UNCOLLECTABLE(kSlotsPerBlock * 8));
      if (!slots_) {
        error = "out of memory";
        return false;
      }
      slots_left_ = kSlotsPerBlock;
    }
    symbols[jit_->mangleAndIntern(name)] = {orc::ExecutorAddr::fromPtr(slots_), llvm::JITSymbolFlags::Exported};
    slots_ += 8;
    --slots_left_;
  }
  if (auto err = jit_->getMainJITDylib().define(orc::absoluteSymbols(std::move(symbols)))) {
    error = message(std::move(err));
    return false;
  }
  return true;
}

bool Jit::add(std::unique_ptr<llvm::Module> module, int opt_level, std::string& error) {
  if (opt_level > 0) codegen::optimize(*module, opt_level);
  module->addModuleFlag(llvm::Module::Warning, "fl.opt", opt_level);
  module->setDataLayout(jit_->getDataLayout());
  auto tracker = jit_->getMainJITDylib().createResourceTracker();
  if (auto err = jit_->addIRModule(tracker, orc::ThreadSafeModule(std::move(module), context_))) {
    error = message(std::move(err));
    return false;
  }
  trackers_.push_back(tracker);
  return true;
}

bool Jit::define_host(const std::vector<std::pair<std::string, void*>>& symbols, std::string& error) {
  orc::SymbolMap map;
  for (auto& [name, address] : symbols)
    map[jit_->mangleAndIntern(name)] = {orc::ExecutorAddr::fromPtr(address), llvm::JITSymbolFlags::Exported};
  if (auto err = host_->define(orc::absoluteSymbols(std::move(map)))) {
    error = message(std::move(err));
    return false;
  }
  return true;
}

void* Jit::lookup_runtime(const std::string& name) {
  orc::JITDylib& main = jit_->getMainJITDylib();
  auto symbol = jit_->getExecutionSession().lookup({&main}, jit_->mangleAndIntern(name));
  if (!symbol) {
    llvm::consumeError(symbol.takeError());
    return nullptr;
  }
  return symbol->getAddress().toPtr<void*>();
}

void* Jit::lookup(const std::string& name, std::string& error) {
  auto address = jit_->lookup(name);
  if (!address) {
    error = message(address.takeError());
    return nullptr;
  }
  return address->toPtr<void*>();
}

}  // namespace fl::repl
