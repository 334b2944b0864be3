#include "drivers/virtio/pci_transport.h"

#include "acpi/acpi.h"
#include "arch/apic.h"
#include "arch/interrupts.h"
#include "drivers/events.h"
#include "kernel.h"
#include "lib/align.h"
#include "lib/print.h"
#include "mem/page_alloc.h"

namespace virtio {
namespace {

constexpr uint16_t kVendor = 0x1af4;
constexpr uint16_t kModernDeviceBase = 0x1040;    // + the virtio type
constexpr uint16_t kTransitionalFirst = 0x1000;   // ... 0x103f: type in the subsystem id
constexpr uint16_t kTransitionalLast = 0x103f;
constexpr uint16_t kSubsystemId = 0x2e;

constexpr uint8_t kCapabilityVendor = 0x09;
constexpr uint8_t kCapabilityMsix = 0x11;

// virtio_pci_cap.cfg_type
constexpr uint8_t kCommonConfig = 1;
constexpr uint8_t kNotifyConfig = 2;
constexpr uint8_t kIsrConfig = 3;
constexpr uint8_t kDeviceConfig = 4;

// struct virtio_pci_common_cfg
constexpr uint32_t kDeviceFeatureSelect = 0x00;
constexpr uint32_t kDeviceFeature = 0x04;
constexpr uint32_t kDriverFeatureSelect = 0x08;
constexpr uint32_t kDriverFeature = 0x0c;
constexpr uint32_t kMsixConfig = 0x10;
constexpr uint32_t kNumQueues = 0x12;
constexpr uint32_t kDeviceStatus = 0x14;
constexpr uint32_t kConfigGeneration = 0x15;
constexpr uint32_t kQueueSelect = 0x16;
constexpr uint32_t kQueueSize = 0x18;
constexpr uint32_t kQueueMsixVector = 0x1a;
constexpr uint32_t kQueueEnable = 0x1c;
constexpr uint32_t kQueueNotifyOff = 0x1e;
constexpr uint32_t kQueueDesc = 0x20;
constexpr uint32_t kQueueDriver = 0x28;
constexpr uint32_t kQueueDevice = 0x30;

constexpr uint8_t kStatusAcknowledge = 1;
constexpr uint8_t kStatusDriver = 2;
constexpr uint8_t kStatusDriverOk = 4;
constexpr uint8_t kStatusFeaturesOk = 8;
constexpr uint8_t kStatusFailed = 128;
constexpr uint16_t kNoVector = 0xffff;

// MSI-X: message control in the capability, 16-byte table entries.
constexpr uint16_t kMsixEnable = 1 << 15;
constexpr uint16_t kMsixFunctionMask = 1 << 14;
constexpr uint32_t kMsixEntryMasked = 1;

// Handler contexts live as long as the kernel: a small pool.
constexpr int kMaxInterrupts = 32;
PciTransport::InterruptSlot interrupt_pool[kMaxInterrupts];
int interrupts_used = 0;

// INTx lines are shared: on pc, QEMU's PIIX wires four PCI pins to a few
// ISA IRQs, so the balloon (which has no MSI-X in QEMU) shares its line
// with whatever other device uses INTx. One vector per line, whose handler
// asks every device on it: reading a device's ISR acknowledges it, and a
// level-triggered line left asserted by an unread device would interrupt
// again at once, forever.
struct SharedLine {
  uint32_t gsi;
  int count;
  PciTransport::InterruptSlot* slots[kMaxInterrupts];
};
SharedLine lines[16];
int lines_used = 0;

void on_line_interrupt(void* context) {
  auto* line = static_cast<SharedLine*>(context);
  for (int i = 0; i < line->count; ++i) {
    PciTransport::InterruptSlot* slot = line->slots[i];
    if (*slot->isr != 0) drivers::post_event(slot->bits);
  }
}

template <typename T>
T read(volatile uint8_t* base, uint32_t offset) {
  return *reinterpret_cast<volatile T*>(base + offset);
}
template <typename T>
void write(volatile uint8_t* base, uint32_t offset, T value) {
  *reinterpret_cast<volatile T*>(base + offset) = value;
}

bool is_type(const pci::Device& d, uint16_t type) {
  if (d.vendor_id != kVendor) return false;
  if (d.device_id == kModernDeviceBase + type) return true;
  return d.device_id >= kTransitionalFirst && d.device_id <= kTransitionalLast &&
         pci::read16(d.address, kSubsystemId) == type;
}

}  // namespace

volatile uint8_t* PciTransport::bar_pointer(uint8_t bar, uint32_t offset, uint32_t length) const {
  if (bar > 5) return nullptr;
  const pci::Bar& b = pci_->bars[bar];
  if (b.io || b.size == 0 || b.address == 0 || uint64_t{offset} + length > b.size) return nullptr;
  return reinterpret_cast<volatile uint8_t*>(b.address + offset);
}

void PciTransport::fail(const char* why) {
  lib::kprintf("virtio: device %02x:%02x.%x: %s\n", pci_->address.bus, pci_->address.device, pci_->address.function,
               why);
  if (common_ != nullptr) write<uint8_t>(common_, kDeviceStatus, kStatusFailed);
  common_ = nullptr;
}

bool PciTransport::open(uint16_t device_type, uint64_t wanted, int index) {
  size_t count;
  pci::Device* all = pci::devices(&count);
  pci_ = nullptr;
  for (size_t i = 0; i < count && pci_ == nullptr; ++i)
    if (is_type(all[i], device_type) && index-- == 0) pci_ = &all[i];
  if (pci_ == nullptr) return false;
  if (!pci::enable(pci_)) {
    fail("its BARs do not fit in the address space");
    return false;
  }

  // The vendor capabilities; the first of each kind is the preferred one.
  volatile uint8_t* common = nullptr;
  for (uint8_t cap = pci::find_capability(*pci_, kCapabilityVendor); cap != 0;
       cap = pci::find_capability(*pci_, kCapabilityVendor, cap)) {
    pci::Address a = pci_->address;
    uint8_t type = pci::read8(a, cap + 3);
    uint8_t bar = pci::read8(a, cap + 4);
    uint32_t offset = pci::read32(a, cap + 8);
    uint32_t length = pci::read32(a, cap + 12);
    volatile uint8_t* p = bar_pointer(bar, offset, length);
    if (p == nullptr) continue;
    if (type == kCommonConfig && common == nullptr && length >= 0x38) common = p;
    if (type == kNotifyConfig && notify_base_ == nullptr) {
      notify_base_ = p;
      notify_multiplier_ = pci::read32(a, cap + 16);
    }
    if (type == kIsrConfig && isr_ == nullptr) isr_ = p;
    if (type == kDeviceConfig && device_config_ == nullptr) device_config_ = p;
  }
  if (common == nullptr || notify_base_ == nullptr || isr_ == nullptr) {
    fail("no virtio 1.0 (modern) interface");
    return false;
  }
  common_ = common;

  // MSI-X, every entry masked until a queue takes it.
  if (uint8_t cap = pci::find_capability(*pci_, kCapabilityMsix)) {
    pci::Address a = pci_->address;
    uint16_t control = pci::read16(a, cap + 2);
    uint32_t table = pci::read32(a, cap + 4);
    uint16_t entries = static_cast<uint16_t>((control & 0x7ff) + 1);
    volatile uint8_t* t = bar_pointer(table & 7, table & ~7u, entries * 16u);
    if (t != nullptr) {
      msix_table_ = reinterpret_cast<volatile uint32_t*>(t);
      msix_entries_ = entries;
      for (uint16_t e = 0; e < entries; ++e) msix_table_[e * 4 + 3] = kMsixEntryMasked;
      pci::write16(a, cap + 2, static_cast<uint16_t>((control & ~kMsixFunctionMask) | kMsixEnable));
    }
  }

  // Reset, then the initialisation sequence of spec 3.1.1.
  write<uint8_t>(common_, kDeviceStatus, 0);
  for (int polls = 0; read<uint8_t>(common_, kDeviceStatus) != 0; ++polls) {
    if (polls == 1'000'000) {  // QEMU resets at once; a broken device must not hang us
      fail("does not reset");
      return false;
    }
  }
  write<uint8_t>(common_, kDeviceStatus, kStatusAcknowledge);
  write<uint8_t>(common_, kDeviceStatus, kStatusAcknowledge | kStatusDriver);
  uint64_t offered = 0;
  for (uint32_t half = 0; half < 2; ++half) {
    write<uint32_t>(common_, kDeviceFeatureSelect, half);
    offered |= uint64_t{read<uint32_t>(common_, kDeviceFeature)} << (32 * half);
  }
  if (!(offered & kFeatureVersion1)) {
    fail("does not offer VIRTIO_F_VERSION_1");
    return false;
  }
  features_ = (offered & wanted) | kFeatureVersion1;
  for (uint32_t half = 0; half < 2; ++half) {
    write<uint32_t>(common_, kDriverFeatureSelect, half);
    write<uint32_t>(common_, kDriverFeature, static_cast<uint32_t>(features_ >> (32 * half)));
  }
  write<uint8_t>(common_, kDeviceStatus, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk);
  if (!(read<uint8_t>(common_, kDeviceStatus) & kStatusFeaturesOk)) {
    fail("refused our features");
    return false;
  }
  write<uint16_t>(common_, kMsixConfig, kNoVector);  // configuration changes: not watched (watch_config)
  return true;
}

uint16_t PciTransport::queue_count() const { return read<uint16_t>(common_, kNumQueues); }

uint8_t PciTransport::config8(uint32_t offset) const { return read<uint8_t>(device_config_, offset); }
uint16_t PciTransport::config16(uint32_t offset) const { return read<uint16_t>(device_config_, offset); }
uint32_t PciTransport::config32(uint32_t offset) const { return read<uint32_t>(device_config_, offset); }

void PciTransport::write_config32(uint32_t offset, uint32_t value) { write<uint32_t>(device_config_, offset, value); }

void PciTransport::read_config(uint32_t offset, void* out, uint32_t length) const {
  auto* bytes = static_cast<uint8_t*>(out);
  if (device_config_ == nullptr) {
    for (uint32_t i = 0; i < length; ++i) bytes[i] = 0;
    return;
  }
  uint8_t before, after;
  do {
    before = read<uint8_t>(common_, kConfigGeneration);
    for (uint32_t i = 0; i < length; ++i) bytes[i] = config8(offset + i);
    after = read<uint8_t>(common_, kConfigGeneration);
  } while (before != after);
}

// Interrupts off. MSI-X: one entry, one slot (INTx: on_line_interrupt).
void PciTransport::on_interrupt(void* context) {
  drivers::post_event(static_cast<InterruptSlot*>(context)->bits);
}

bool PciTransport::setup_interrupt(uint64_t event_bits, uint16_t* msix_entry) {
  *msix_entry = kNoVector;
  arch::interrupts_on();
  if (msix_table_ != nullptr) {
    if (msix_used_ == msix_entries_) {
      // Fewer entries than queues: the last entry serves the rest too.
      last_msix_->bits |= event_bits;
      *msix_entry = static_cast<uint16_t>(msix_used_ - 1);
      return true;
    }
    if (interrupts_used == kMaxInterrupts) return false;
    InterruptSlot* slot = &interrupt_pool[interrupts_used++];
    *slot = InterruptSlot{event_bits, nullptr};
    uint8_t vector = arch::allocate_vector(on_interrupt, slot);
    if (vector == 0) return false;
    uint16_t e = msix_used_++;
    uint64_t address = arch::msi_address();
    msix_table_[e * 4 + 0] = static_cast<uint32_t>(address);
    msix_table_[e * 4 + 1] = static_cast<uint32_t>(address >> 32);
    msix_table_[e * 4 + 2] = arch::msi_data(vector);
    msix_table_[e * 4 + 3] = 0;  // unmasked
    *msix_entry = e;
    last_msix_ = slot;
    return true;
  }
  if (intx_ != nullptr) {
    intx_->bits |= event_bits;
    return true;
  }
  // INTx: the line firmware programmed (an ISA IRQ on pc, where PCI lines
  // are level-triggered and active high at the I/O APIC).
  if (pci_->interrupt_pin == 0 || pci_->interrupt_line == 0 || pci_->interrupt_line >= 16) return false;
  if (interrupts_used == kMaxInterrupts) return false;
  acpi::IsaRoute route = acpi::isa_route(pci_->interrupt_line);
  SharedLine* line = nullptr;
  for (int i = 0; i < lines_used && line == nullptr; ++i)
    if (lines[i].gsi == route.gsi) line = &lines[i];
  if (line == nullptr) {
    if (lines_used == sizeof lines / sizeof lines[0]) return false;
    line = &lines[lines_used];
    *line = SharedLine{route.gsi, 0, {}};
    uint8_t vector = arch::allocate_vector(on_line_interrupt, line);
    if (vector == 0) return false;
    ++lines_used;
    arch::io_apic_route(route.gsi, vector, false, true);
  }
  InterruptSlot* slot = &interrupt_pool[interrupts_used++];
  *slot = InterruptSlot{event_bits, isr_};
  // The slot before the count: the line's handler may run at any moment.
  line->slots[line->count] = slot;  // (count < interrupts_used <= kMaxInterrupts)
  __atomic_store_n(&line->count, line->count + 1, __ATOMIC_RELEASE);
  intx_ = slot;
  return true;
}

bool PciTransport::setup_queue(uint16_t index, SplitQueue* queue, uint16_t max_size, uint64_t event_bits) {
  if (index >= queue_count() || index >= sizeof notify_offsets_ / sizeof notify_offsets_[0]) return false;
  write<uint16_t>(common_, kQueueSelect, index);
  uint16_t size = read<uint16_t>(common_, kQueueSize);
  if (size == 0) return false;
  if (size > max_size) size = max_size;
  while (size & (size - 1)) size &= static_cast<uint16_t>(size - 1);  // a power of two
  size_t bytes = lib::align_up(SplitQueue::memory_bytes(size), mem::kPageSize);
  void* memory = kernel_alloc_pages(bytes);
  if (memory == nullptr) return false;
  queue->init(size, memory);

  uint16_t entry;
  if (!setup_interrupt(event_bits, &entry)) {
    fail("no interrupt for a queue");
    return false;
  }
  write<uint16_t>(common_, kQueueSelect, index);
  write<uint16_t>(common_, kQueueSize, size);
  if (entry != kNoVector) {
    write<uint16_t>(common_, kQueueMsixVector, entry);
    if (read<uint16_t>(common_, kQueueMsixVector) != entry) {
      fail("refused an MSI-X vector");
      return false;
    }
  }
  write<uint64_t>(common_, kQueueDesc, queue->descriptor_address());
  write<uint64_t>(common_, kQueueDriver, queue->available_address());
  write<uint64_t>(common_, kQueueDevice, queue->used_address());
  notify_offsets_[index] = read<uint16_t>(common_, kQueueNotifyOff);
  write<uint16_t>(common_, kQueueEnable, 1);
  return true;
}

bool PciTransport::watch_config(uint64_t event_bits) {
  uint16_t entry;
  if (!setup_interrupt(event_bits, &entry)) {
    fail("no interrupt for configuration changes");
    return false;
  }
  if (entry != kNoVector) {
    write<uint16_t>(common_, kMsixConfig, entry);
    if (read<uint16_t>(common_, kMsixConfig) != entry) {
      fail("refused an MSI-X vector for configuration changes");
      return false;
    }
  }
  return true;
}

void PciTransport::start() {
  write<uint8_t>(common_, kDeviceStatus,
                 kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk | kStatusDriverOk);
}

void PciTransport::notify(uint16_t index) {
  write<uint16_t>(notify_base_, notify_offsets_[index] * notify_multiplier_, index);
}

}  // namespace virtio
