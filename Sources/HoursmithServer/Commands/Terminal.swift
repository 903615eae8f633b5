import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The person at the terminal, for `setup`: a token typed without echo, and where this binary is.
enum Terminal {
    /// Shows `prompt` on the controlling terminal and reads one line typed there without echoing
    /// it (termios `ECHO` off, put back afterwards, and on Ctrl-C too). Nil when the process has
    /// no terminal.
    static func readSecretLine(prompt: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }

        // Echo goes off before the prompt shows, so nothing typed after it can appear.
        var saved = termios()
        let hides = tcgetattr(tty, &saved) == 0
        let original = saved
        if hides {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        write(prompt, to: tty)
        // Ctrl-C while typing: echo back on, then stop as Ctrl-C would have.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            var restored = original
            if hides { _ = tcsetattr(tty, TCSAFLUSH, &restored) }
            write("\n", to: tty)
            ProcessEnd.now(130)
        }
        interrupt.resume()
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
            var restored = original
            if hides { _ = tcsetattr(tty, TCSAFLUSH, &restored) }
            write("\n", to: tty)
        }
        return readLine(from: tty)
    }

    /// One line from standard input (a token piped in: `pass show hoursmith | hoursmith-mcp setup …`).
    static func readLineFromStandardInput() -> String? {
        readLine(from: STDIN_FILENO)
    }

    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Reads up to a newline or the end, at most 4 KiB (no token is longer).
    private static func readLine(from descriptor: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 4096 {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1, byte != UInt8(ascii: "\n") else { break }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { buffer in
            #if canImport(Glibc)
            Glibc.write(descriptor, buffer.baseAddress, buffer.count)
            #else
            Darwin.write(descriptor, buffer.baseAddress, buffer.count)
            #endif
        }
    }
}
