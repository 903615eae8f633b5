import JSONCore

/// The one exit: what everything the server writes passes through on its way out — each stdout
/// message (``FilteredSink``, in front of the ``LineWriter``), each log line (``Logger``), each
/// console line of the executable.
///
/// Two things happen there, in this order, to every message kind alike (results, errors,
/// progress and log notifications, prompt and resource text):
/// 1. characters a reader cannot see but a model still reads are removed (``TextSanitizer``:
///    tag characters, zero-width and bidirectional controls…), so that nothing hides in what
///    other people wrote;
/// 2. secrets are hidden (the installed ``Redacting``; MCPCore knows none), after the first step so
///    that an invisible character cannot split a secret out of the redaction's sight.
package struct OutputFilter: Sendable {
    package let redaction: any Redacting

    package init(redaction: any Redacting = NoRedaction()) {
        self.redaction = redaction
    }

    /// A line of text on its way out (a log record, a console line).
    package func text(_ text: String) -> String {
        redaction.redact(TextSanitizer.sanitized(text))
    }

    /// A serialized JSON message on its way out: its strings sanitized, its secrets hidden (a
    /// secret is letters, digits, underscores and hyphens; one that starts at an escape's letter
    /// goes with its backslash, and its mask has no quote or backslash: the JSON stays valid). The
    /// same message when neither finds anything; one piece otherwise.
    package func message(_ message: SerializedMessage) -> SerializedMessage {
        guard !message.filtered.isEmpty else {
            let text = message.pieces.count == 1 ? message.pieces[0] : message.bytes
            return filtered(text).map(SerializedMessage.init) ?? message
        }
        // Pieces filtered already are passed over; the others are read each whole.
        var changed = false
        let pieces = message.pieces.enumerated().map { index, piece in
            guard !message.filtered.contains(index), let clean = filtered(piece) else { return piece }
            changed = true
            return clean
        }
        return changed ? SerializedMessage(pieces: pieces) : message
    }

    /// JSON text through both steps; nil when neither changes anything.
    private func filtered(_ text: [UInt8]) -> [UInt8]? {
        let sanitized = text.withUnsafeBufferPointer(TextSanitizer.sanitized(jsonText:))
        let hidden = (sanitized ?? text).withUnsafeBufferPointer(redaction.redacted(utf8:))
        return hidden ?? sanitized
    }
}

extension JSON {
    /// The value as JSON text that goes into a message as a string — a tool result's text block, a
    /// resource's text. The output filter reads a message's own strings, not JSON inside them, so
    /// this text is sanitized as it is made, as the filter sanitizes a message: a control
    /// character that JSON would escape (`\u001b`) is removed here, where it is still one.
    package func embeddableText() -> [UInt8] {
        let text = serialized()
        return text.withUnsafeBufferPointer(TextSanitizer.sanitized(jsonText:)) ?? text
    }
}
