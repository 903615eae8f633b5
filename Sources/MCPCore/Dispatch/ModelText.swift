import JSONCore

/// The one way the texts a model reads from prompts, resources and completions — made from what
/// the API and people wrote (names, notes) — are made ready to send: prompt messages and their
/// description, resource contents, completion values. (Tool results are written by
/// ``ToolResult``.) Whatever must be done to such text before it leaves the server is done here:
/// invisible and bidirectional controls are removed (``TextSanitizer``). Secrets are hidden later,
/// from every message as it is written (``LineWriter``).
enum ModelText {
    /// `text`, ready to send.
    static func text(_ text: String) -> String {
        TextSanitizer.sanitized(text)
    }

    /// The compact JSON text of `value`, ready to send: its strings sanitized as it is written.
    static func json(_ value: JSON) -> String {
        var writer = JSONWriter(sanitizing: true)
        writer.write(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
