// The 9P client's transport in the VM: the kernel's virtio-9p driver
// (kernel.h, kernel_9p_*), with the calling green thread parked while the
// server works.
#pragma once

#include "9p/client.h"

namespace vm {

// Fills in the transport and returns true when the VM has a virtio-9p
// device; false without one (`flc run` without --share).
bool ninep_transport(ninep::Transport* transport);

}  // namespace vm
