import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where this binary is, as MCP clients must be told (an absolute path; they search no `PATH`).
enum ExecutablePath {
    /// The path this process was started by, made absolute — through a symlink if that is how it
    /// was started (a `~/.local/bin` link or a package manager's stays valid across upgrades) —
    /// else the executable's own path.
    static func current(environment: [String: String]) -> String? {
        let invoked = CommandLine.arguments.first ?? ""
        if let path = resolve(invoked, searchPath: environment["PATH"] ?? "", currentDirectory: FileManager.default.currentDirectoryPath) {
            return path
        }
        return executableFile()
    }

    /// `argv[0]` as an absolute path: joined to the current directory when it has a slash,
    /// else found in `searchPath`; nil when that finds no executable file.
    static func resolve(_ invoked: String, searchPath: String, currentDirectory: String) -> String? {
        guard !invoked.isEmpty else { return nil }
        if invoked.contains("/") {
            let path = normalized(invoked.hasPrefix("/") ? invoked : currentDirectory + "/" + invoked)
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        for directory in searchPath.split(separator: ":") where directory.hasPrefix("/") {
            let path = "\(directory)/\(invoked)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// An absolute path without `.`, `..` or doubled slashes, its symlinks left as they are.
    static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == ".." { _ = components.popLast() } else { components.append(component) }
        }
        return "/" + components.joined(separator: "/")
    }

    private static func executableFile() -> String? {
        #if os(Linux)
        return try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #elseif canImport(Darwin)
        var size: UInt32 = 0
        _ = _NSGetExecutablePath(nil, &size)
        var buffer = [CChar](repeating: 0, count: Int(size) + 1)
        guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
        return normalized(String(cString: buffer))
        #else
        return nil
        #endif
    }

    /// A note when `path` is somewhere that tends to be cleaned up or rebuilt.
    static func placementWarning(_ path: String) -> String? {
        let temporary = ["/tmp/", "/private/tmp/", "/var/folders/", "/Downloads/", "/.build/"]
        guard temporary.contains(where: { path.contains($0) }) else { return nil }
        return "Note: \(path) is in a folder that gets cleaned up or rebuilt. Copy the binary somewhere stable first "
            + "(e.g. ~/.local/bin) and run setup from there, so the client keeps finding it."
    }
}
