#ifndef C_HOURSMITH_MCP_H
#define C_HOURSMITH_MCP_H

#include <stddef.h>

/// The version a release build was given (`-Xcc -DHOURSMITH_RELEASE_VERSION="1.2.3"`, which
/// `scripts/release` passes from the git tag), or NULL for any other build.
const char *_Nullable hoursmith_release_version(void);

/// Gives the heap's free memory back to the system: glibc's `malloc_trim` on Linux, the
/// malloc zones' pressure relief on Darwin. Returns whether anything was released.
int hoursmith_release_free_memory(void);

/// Makes every thread allocate from glibc's main heap (`M_ARENA_MAX` 1), the one heap whose free
/// top `malloc_trim` gives back (it leaves other arenas' tops mapped); nothing elsewhere.
void hoursmith_allocate_from_one_heap(void);

#endif
