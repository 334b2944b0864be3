/* What bdwgc uses of <errno.h>. */
#pragma once
extern int errno;
#define EAGAIN 11
#define ENOMEM 12
#define EINVAL 22
