// swift-tools-version:6.0
import PackageDescription

// Module graph (no package dependencies):
//
//   HoursmithMCP (executable hoursmith-mcp) ──► MCPCore ─────────► JSONCore, Locking
//                                           ├─► HoursmithClient ─► JSONCore, Locking
//                                           └─► CHoursmithMCP (C: malloc_trim, the release version)
//
// MCPCore knows nothing of Hoursmith; HoursmithClient knows nothing of MCP;
// JSONCore (a JSON value with a fast reader and writer) knows neither; Locking (a value behind
// a lock: the one way threads share state, in sources, tests and benchmark alike) depends on
// nothing of the package.
// Test-only code, the Hoursmith sandbox and the test harness's C spawn (CTestProcess) included,
// lives under Tests/.

let package = Package(
    name: "hoursmith-mcp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hoursmith-mcp", targets: ["HoursmithMCP"]),
        .executable(name: "hoursmith-sandbox", targets: ["HoursmithSandboxServer"]),
        .executable(name: "hoursmith-bench", targets: ["HoursmithBenchmark"]),
        .executable(name: "hoursmith-floor", targets: ["HoursmithFloor"]),
        .executable(name: "hoursmith-fuzz", targets: ["HoursmithFuzz"]),
    ],
    targets: [
        // JSONCore imports nothing; on Linux its Double conversions need libm linked explicitly.
        .target(name: "JSONCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "Locking"),
        .target(name: "MCPCore", dependencies: ["JSONCore", "Locking"]),
        .target(name: "HoursmithClient", dependencies: ["JSONCore", "Locking"]),
        // On Linux, `swift build -c release --static-swift-stdlib` links the Swift runtime and
        // Foundation into the binary, which halves the time from spawn to first reply
        // (docs/PERFORMANCE.md); the README's install uses it.
        .executableTarget(
            name: "HoursmithMCP", dependencies: ["MCPCore", "HoursmithClient", "JSONCore", "Locking", "CHoursmithMCP"]
        ),
        // The libc calls Swift cannot reach (malloc_trim), and the version `scripts/release` passes in.
        .target(name: "CHoursmithMCP"),

        // Test support: explicit gates and a seeded random generator for tests, and the Hoursmith
        // sandbox (the REST contract in memory, over loopback HTTP).
        .target(name: "TestSupport", dependencies: ["Locking"], path: "Tests/TestSupport"),
        // The spawn the end-to-end tests start servers with (a close-on-exec pipe, a posix_spawn
        // that closes every other descriptor in the child): libc calls Swift cannot reach on Linux.
        .target(name: "CTestProcess", path: "Tests/CTestProcess"),
        .target(name: "HoursmithSandbox", dependencies: ["JSONCore", "Locking", "TestSupport"], path: "Tests/HoursmithSandbox"),
        .executableTarget(
            name: "HoursmithSandboxServer",
            dependencies: ["HoursmithSandbox"],
            path: "Tests/HoursmithSandboxServer"
        ),
        .executableTarget(
            name: "HoursmithBenchmark",
            dependencies: ["HoursmithSandbox", "JSONCore", "Locking"],
            path: "Benchmarks/HoursmithBenchmark"
        ),
        // The floor the benchmark and the release script measure against: one URLSession GET, then idle.
        .executableTarget(name: "HoursmithFloor", path: "Benchmarks/HoursmithFloor"),

        // The fuzz targets (framer, JSON reader, validation, sanitizer): built normally, a replayer
        // of inputs; built by scripts/fuzz, a libFuzzer binary.
        .executableTarget(name: "HoursmithFuzz", dependencies: ["JSONCore", "MCPCore"], path: "Fuzz/HoursmithFuzz"),

        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore", "TestSupport"], exclude: ["JSONTestSuite"]),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore", "JSONCore", "Locking", "TestSupport"]),
        .testTarget(
            name: "HoursmithClientTests",
            dependencies: ["HoursmithClient", "HoursmithSandbox", "JSONCore", "Locking", "TestSupport"]
        ),
        .testTarget(name: "HoursmithSandboxTests", dependencies: ["HoursmithSandbox", "JSONCore", "Locking", "TestSupport"]),
        .testTarget(
            name: "HoursmithMCPTests",
            dependencies: [
                "HoursmithSandbox", "JSONCore", "Locking", "TestSupport", "CTestProcess", "HoursmithMCP", "HoursmithSandboxServer",
            ],
            exclude: ["__toolsnaps__", "__promptsnaps__", "__resourcesnaps__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
