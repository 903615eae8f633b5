#ifndef C_TEST_PROCESS_H
#define C_TEST_PROCESS_H

#include <sys/types.h>

/// A pipe whose two ends are close-on-exec, so that no child spawned meanwhile inherits them
/// (`pipe2` is out of Swift's reach on Linux). Returns 0, or an errno value.
int test_process_pipe(int fds[_Nonnull 2]);

/// Spawns `path` with `argv` and `envp` (each NULL-terminated) and `stdin_fd`, `stdout_fd`,
/// `stderr_fd` as its standard descriptors. No other descriptor of this process is open in the
/// child (on Darwin and glibc 2.34 or later; elsewhere only close-on-exec ones are closed), and
/// it starts as an MCP client starts a server: its own process group, no blocked
/// signals, SIGPIPE at its default. Returns 0 and sets `*pid`, or an errno value.
int test_process_spawn(const char *_Nonnull path, char *_Nullable const argv[_Nonnull],
                       char *_Nullable const envp[_Nonnull], int stdin_fd, int stdout_fd, int stderr_fd,
                       pid_t *_Nonnull pid);

#endif
