#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking reads and writes on a file descriptor that retry on `EINTR` and finish partial writes.
enum FileDescriptorIO {
    /// Writes every byte, or returns the `errno` that stopped it (e.g. `EPIPE` when the reader left).
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    /// On Linux, when `descriptor` is a pipe, asks for a pipe buffer of `bytes` (the kernel may
    /// grant less; failure is harmless): a multi-megabyte reply then crosses in a few large
    /// writes rather than many 64 KiB ones, each waiting for the reader.
    static func enlargePipeBuffer(_ descriptor: Int32, to bytes: Int32) {
        #if os(Linux)
        let setPipeSize: Int32 = 1031 // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7), not exported to Swift
        _ = fcntl(descriptor, setPipeSize, bytes)
        #endif
    }

    /// Reads what is available, up to the buffer's size: the count read, 0 at end of input, or -1.
    static func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }
}
