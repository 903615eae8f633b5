// hoursmith-floor: the floor hoursmith-mcp's size, memory and start-up are measured against — the
// least a program on the same stack can be. A Swift program linked as the server is (static Swift
// runtime and Foundation on Linux, libcurl through FoundationNetworking):
//   hoursmith-floor URL     makes one URLSession GET, says "ready" on stdout, then idles until its
//                           stdin closes (the floor of memory, and of a first reply that waits for
//                           one request);
//   hoursmith-floor --echo  reads one line and answers it with one line (the floor of a cold start).
// `Benchmarks/run` measures it beside the server; `scripts/release` strips it beside the server and
// compares their sizes.
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

if CommandLine.arguments.dropFirst() == ["--echo"] {
    _ = readLine()
    FileHandle.standardOutput.write(Data(#"{"jsonrpc":"2.0","id":1,"result":{}}"#.utf8 + [0x0A]))
    exit(0)
}

guard CommandLine.arguments.count == 2, let url = URL(string: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: hoursmith-floor URL | --echo\n".utf8))
    exit(2)
}
let session = URLSession(configuration: .ephemeral)
let done = DispatchSemaphore(value: 0)
session.dataTask(with: url) { _, response, error in
    let status = (response as? HTTPURLResponse)?.statusCode
    FileHandle.standardOutput.write(Data((error == nil ? "ready \(status ?? 0)\n" : "failed \(String(describing: error))\n").utf8))
    done.signal()
}.resume()
done.wait()
// Idle, as a server between requests does: blocked in read(2) until stdin closes.
while FileHandle.standardInput.availableData.count > 0 {}
