import Foundation

// The fuzz driver. Built normally, it replays inputs (files or directories of them) through a
// target — to reproduce what the fuzzer found, and so that this code is compiled by every build.
// Built by `scripts/fuzz` (with -DFUZZING, coverage instrumentation and address sanitizer), it
// hands the target to libFuzzer. The target is named by HOURSMITH_FUZZ_TARGET.

/// The target named by `HOURSMITH_FUZZ_TARGET` (json, framer, validate, sanitize).
func selectedTarget() -> FuzzTarget {
    let name = ProcessInfo.processInfo.environment["HOURSMITH_FUZZ_TARGET"] ?? "json"
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("unknown HOURSMITH_FUZZ_TARGET \(name); one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    return target
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

nonisolated(unsafe) var fuzzTarget = FuzzTarget.json
#endif

@main
enum HoursmithFuzz {
    static func main() {
        let target = selectedTarget()
        #if FUZZING
        fuzzTarget = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
            return 0
        })
        #else
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                Array(data).withUnsafeBufferPointer { target.run($0) }
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs replayed, no failure")
        #endif
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
