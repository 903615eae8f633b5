// swift-tools-version:6.0
import PackageDescription

// Module graph (no package dependencies):
//
//   HoursmithMCP (executable hoursmith-mcp: main.swift only)
//     └─► HoursmithServer (the server as a library: options, session, surfaces, catalog, domain, commands)
//           ├─► MCPCore ───────────► JSONCore, ConcurrencyHelpers
//           ├─► HoursmithClient ───► JSONCore, ConcurrencyHelpers
//           ├─► HoursmithSandbox ──► JSONCore, ConcurrencyHelpers   (the REST contract in memory: --demo)
//           └─► CHoursmithMCP (C: malloc_trim, pipe2 and posix_spawn, the release version)
//
// MCPCore knows nothing of Hoursmith; HoursmithClient knows nothing of MCP; the sandbox knows
// neither; JSONCore (a JSON value with a fast reader and writer) knows none of them;
// ConcurrencyHelpers (locks, waiting, deadlines: the one way threads and tasks share state, in
// sources, tests and benchmark alike) depends on nothing of the package.
// Test-only code (the end-to-end harness) lives under Tests/.
// (Tests draw seeded random values from the sandbox's SplitMix64, the generator its seed uses.)

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
        .target(name: "ConcurrencyHelpers"),
        .target(name: "MCPCore", dependencies: ["JSONCore", "ConcurrencyHelpers"]),
        .target(name: "HoursmithClient", dependencies: ["JSONCore", "ConcurrencyHelpers"]),
        // The Hoursmith sandbox: the REST contract in memory, served over loopback HTTP
        // (`hoursmith-sandbox`, the tests) or in the process (`hoursmith-mcp --demo`).
        .target(name: "HoursmithSandbox", dependencies: ["JSONCore", "ConcurrencyHelpers"]),
        .executableTarget(name: "HoursmithSandboxServer", dependencies: ["HoursmithSandbox"]),
        .target(
            name: "HoursmithServer",
            dependencies: ["MCPCore", "HoursmithClient", "HoursmithSandbox", "JSONCore", "ConcurrencyHelpers", "CHoursmithMCP"]
        ),
        // On Linux, `swift build -c release --static-swift-stdlib` links the Swift runtime and
        // Foundation into the binary, which halves the time from spawn to first reply
        // (docs/PERFORMANCE.md); the README's install uses it.
        .executableTarget(name: "HoursmithMCP", dependencies: ["HoursmithServer"]),
        // The libc calls Swift cannot reach (malloc_trim, pipe2, posix_spawn's closefrom), and the
        // version `scripts/release` passes in.
        .target(name: "CHoursmithMCP"),

        .executableTarget(
            name: "HoursmithBenchmark",
            dependencies: ["HoursmithSandbox", "JSONCore", "ConcurrencyHelpers"],
            path: "Benchmarks/HoursmithBenchmark"
        ),
        // The floor the benchmark and the release script measure against: one URLSession GET, then idle.
        .executableTarget(name: "HoursmithFloor", path: "Benchmarks/HoursmithFloor"),

        // The fuzz targets (framer, JSON reader, validation, sanitizer): built normally, a replayer
        // of inputs; built by scripts/fuzz, a libFuzzer binary.
        .executableTarget(name: "HoursmithFuzz", dependencies: ["JSONCore", "MCPCore"], path: "Fuzz/HoursmithFuzz"),

        .testTarget(name: "ConcurrencyHelpersTests", dependencies: ["ConcurrencyHelpers"]),
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore", "HoursmithSandbox"], exclude: ["JSONTestSuite"]),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore", "JSONCore", "ConcurrencyHelpers"]),
        .testTarget(
            name: "HoursmithClientTests",
            dependencies: ["HoursmithClient", "HoursmithSandbox", "JSONCore", "ConcurrencyHelpers"]
        ),
        .testTarget(name: "HoursmithSandboxTests", dependencies: ["HoursmithSandbox", "JSONCore", "ConcurrencyHelpers"]),
        // Unit tests of the server's library: the catalog, domain arithmetic, options, commands.
        .testTarget(
            name: "HoursmithServerTests",
            dependencies: ["HoursmithServer", "HoursmithClient", "MCPCore", "JSONCore", "ConcurrencyHelpers", "HoursmithSandbox"]
        ),
        // End to end: the built hoursmith-mcp over stdio against the sandbox over loopback HTTP.
        .testTarget(
            name: "HoursmithMCPTests",
            dependencies: [
                "HoursmithSandbox", "JSONCore", "ConcurrencyHelpers", "HoursmithServer", "HoursmithMCP", "HoursmithSandboxServer",
            ],
            exclude: ["__toolsnaps__", "__promptsnaps__", "__resourcesnaps__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
