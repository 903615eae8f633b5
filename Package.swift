// swift-tools-version:6.0
import PackageDescription

// Module graph (no package dependencies):
//
//   HoursmithMCP (executable hoursmith-mcp) ──► MCPCore ─────────► JSONCore
//                                           └─► HoursmithClient ─► JSONCore
//
// MCPCore knows nothing of Hoursmith; HoursmithClient knows nothing of MCP;
// JSONCore (a JSON value with a fast reader and writer) knows neither.
// Test-only code, the Hoursmith sandbox included, lives under Tests/.

let package = Package(
    name: "hoursmith-mcp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hoursmith-mcp", targets: ["HoursmithMCP"]),
        .executable(name: "hoursmith-sandbox", targets: ["HoursmithSandboxServer"]),
        .executable(name: "hoursmith-bench", targets: ["HoursmithBenchmark"]),
        .executable(name: "hoursmith-fuzz", targets: ["HoursmithFuzz"]),
    ],
    targets: [
        // JSONCore imports nothing; on Linux its Double conversions need libm linked explicitly.
        .target(name: "JSONCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "MCPCore", dependencies: ["JSONCore"]),
        .target(name: "HoursmithClient", dependencies: ["JSONCore"]),
        // On Linux, `swift build -c release --static-swift-stdlib` links the Swift runtime and
        // Foundation into the binary, which halves the time from spawn to first reply
        // (docs/PERFORMANCE.md); the README's install uses it.
        .executableTarget(name: "HoursmithMCP", dependencies: ["MCPCore", "HoursmithClient", "JSONCore"]),

        // Test support: the Hoursmith sandbox (the REST contract in memory, over loopback HTTP).
        .target(name: "HoursmithSandbox", dependencies: ["JSONCore"], path: "Tests/HoursmithSandbox"),
        .executableTarget(
            name: "HoursmithSandboxServer",
            dependencies: ["HoursmithSandbox"],
            path: "Tests/HoursmithSandboxServer"
        ),
        .executableTarget(
            name: "HoursmithBenchmark",
            dependencies: ["HoursmithSandbox", "JSONCore"],
            path: "Benchmarks/HoursmithBenchmark"
        ),

        // The fuzz targets (framer, JSON reader, validation, sanitizer): built normally, a replayer
        // of inputs; built by scripts/fuzz, a libFuzzer binary.
        .executableTarget(name: "HoursmithFuzz", dependencies: ["JSONCore", "MCPCore"], path: "Fuzz/HoursmithFuzz"),

        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"], exclude: ["JSONTestSuite"]),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore", "JSONCore"]),
        .testTarget(name: "HoursmithClientTests", dependencies: ["HoursmithClient", "HoursmithSandbox", "JSONCore"]),
        .testTarget(name: "HoursmithSandboxTests", dependencies: ["HoursmithSandbox", "JSONCore"]),
        .testTarget(
            name: "HoursmithMCPTests",
            dependencies: ["HoursmithSandbox", "JSONCore", "HoursmithMCP", "HoursmithSandboxServer"],
            exclude: ["__toolsnaps__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
