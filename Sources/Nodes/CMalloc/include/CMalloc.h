// glibc's allocator controls (mallopt and its M_* parameters), which Swift's Glibc module does not export.
#pragma once
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
