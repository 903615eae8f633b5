#ifndef C_HOURSMITH_MCP_H
#define C_HOURSMITH_MCP_H

#include <stddef.h>
#include <sys/types.h>

/// The version a release build was given (`-Xcc -DHOURSMITH_RELEASE_VERSION="1.2.3"`, which
/// `scripts/release` passes from the git tag), or NULL for any other build.
const char *_Nullable hoursmith_release_version(void);

/// Gives the heap's free memory back to the system: glibc's `malloc_trim` on Linux, the
/// malloc zones' pressure relief on Darwin. Returns whether anything was released.
int hoursmith_release_free_memory(void);

/// Makes every thread allocate from glibc's main heap (`M_ARENA_MAX` 1), the one heap whose free
/// top `malloc_trim` gives back (it leaves other arenas' tops mapped); nothing elsewhere.
void hoursmith_allocate_from_one_heap(void);

/// A pipe whose two ends are close-on-exec, so that no child spawned meanwhile inherits them
/// (`pipe2` is out of Swift's reach on Linux). Returns 0, or an errno value.
int hoursmith_pipe(int fds[_Nonnull 2]);

/// Spawns `path` with `argv` and `envp` (each NULL-terminated) and `stdin_fd`, `stdout_fd`,
/// `stderr_fd` as its standard descriptors. No other descriptor of this process is open in the
/// child (on Darwin and glibc 2.34 or later; elsewhere only close-on-exec ones are closed), and
/// it starts as an MCP client starts a server: its own process group, no blocked signals,
/// SIGPIPE at its default. Returns 0 and sets `*pid`, or an errno value.
int hoursmith_spawn(const char *_Nonnull path, char *_Nullable const argv[_Nonnull],
                    char *_Nullable const envp[_Nonnull], int stdin_fd, int stdout_fd, int stderr_fd,
                    pid_t *_Nonnull pid);

#endif
