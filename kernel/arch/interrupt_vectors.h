// The vectors of device interrupts, shared by interrupt_stubs.S and
// interrupts.cpp. 0x20 is the timer, 0x30-0x3f the masked 8259 PICs, 0xff
// the local APIC's spurious vector.
#pragma once

#define DEVICE_VECTOR_FIRST 0x40
#define DEVICE_VECTOR_COUNT 0xb0  // 0x40-0xef
// Each stub is aligned to 16 bytes (pushq imm32 + jmp rel32 fit).
#define DEVICE_STUB_BYTES 16
