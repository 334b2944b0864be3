// The Multiboot2 header, so GRUB can boot the same image (the ISO form).
// GRUB enters at the ELF entry point, multiboot2_start, in 32-bit protected
// mode with %eax = MULTIBOOT2_BOOTLOADER_MAGIC and %ebx = the information
// structure. Multiboot v1 is deliberately absent: QEMU tries v1 before PVH
// and refuses an ELF64 image that carries it. The linker script puts this
// section first, well inside the 32 KiB GRUB searches.
#define MULTIBOOT2_HEADER_MAGIC 0xe85250d6
#define MULTIBOOT2_ARCH_I386 0

        .section .multiboot2, "a"
        .balign 8
        .globl multiboot2_header
multiboot2_header:
        .long MULTIBOOT2_HEADER_MAGIC
        .long MULTIBOOT2_ARCH_I386
        .long multiboot2_header_end - multiboot2_header
        .long -(MULTIBOOT2_HEADER_MAGIC + MULTIBOOT2_ARCH_I386 + (multiboot2_header_end - multiboot2_header))
        // The end tag: GRUB's defaults (memory map, command line) are all we need.
        .short 0                        // type
        .short 0                        // flags
        .long 8                         // size
multiboot2_header_end:
