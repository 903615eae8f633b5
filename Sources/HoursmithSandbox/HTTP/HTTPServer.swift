import Foundation

/// A small HTTP/1.1 server on 127.0.0.1: one thread accepts, one thread serves each connection
/// (keep-alive, pipelined requests, Content-Length bodies). Stopping closes the listener and
/// every open connection.
final class HTTPServer: Sendable {
    private let listener: ConnectionListener

    var port: UInt16 { listener.port }

    /// Binds and starts serving.
    init(port: UInt16, handler: any HTTPHandler) throws {
        listener = try ConnectionListener(port: port, name: "hoursmith-sandbox") { fd, listener in
            HTTPServer.serve(fd, handler: handler, listener: listener)
        }
    }

    /// Stops accepting, closes every connection and returns once the port is closed. Idempotent.
    func stop() {
        listener.stop()
    }

    /// Reads and answers requests on one connection until either side closes.
    private static func serve(_ fd: Int32, handler: any HTTPHandler, listener: ConnectionListener) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        func readMore() -> Bool {
            let count = Socket.receive(fd, into: &chunk)
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        func reject(_ failure: HTTPRequestHead.Failure) {
            let response = handler.malformed(failure.partial, status: failure.status, problem: failure.problem)
            _ = Socket.send(fd, response.serialized(close: true))
        }

        while true {
            // The head.
            var searched = 0
            var headEnd = HTTPRequestHead.end(in: buffer, from: 0)
            while headEnd == nil {
                if let failure = HTTPRequestHead.checkRequestLine(in: buffer) { return reject(failure) }
                if buffer.count > HTTPRequestHead.maxHeadLength {
                    return reject(.init(status: 431, problem: "The request head is longer than 64 KiB.",
                                        partial: HTTPRequest(method: "", target: "", version: "", headers: [:], body: [])))
                }
                searched = max(0, buffer.count - 3)
                guard readMore() else {
                    if !buffer.isEmpty {
                        let partial = HTTPRequest(method: "", target: String(decoding: buffer.prefix(200), as: UTF8.self),
                                                  version: "", headers: [:], body: [])
                        _ = handler.malformed(partial, status: nil, problem: "The client closed the connection mid-request.")
                    }
                    return
                }
                headEnd = HTTPRequestHead.end(in: buffer, from: searched)
            }
            guard let end = headEnd else { return }
            var request: HTTPRequest
            let length: Int
            do {
                (request, length) = try HTTPRequestHead.parse(buffer, end: end)
            } catch {
                return reject(error)
            }

            // The body.
            if buffer.count < end + length, request.headers["expect"]?.lowercased() == "100-continue" {
                guard Socket.send(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
            }
            while buffer.count < end + length {
                guard readMore() else {
                    _ = handler.malformed(request, status: nil, problem: "The client closed the connection mid-body.")
                    return
                }
            }
            request.body = Array(buffer[end..<(end + length)])
            buffer.removeFirst(end + length)

            switch handler.handle(request) {
            case .respond(let response):
                let close = request.wantsClose || listener.isStopped
                guard Socket.send(fd, response.serialized(close: close)), !close else { return }
            case .truncated(let response):
                _ = Socket.send(fd, response.serialized(close: true, declaredLength: response.body.count + 64))
                return
            case .drip(let response, let interval):
                for byte in response.serialized(close: true) {
                    guard !listener.isStopped, Socket.send(fd, [byte]) else { return }
                    Thread.sleep(forTimeInterval: interval)
                }
                return
            case .drop:
                return
            }
        }
    }
}
