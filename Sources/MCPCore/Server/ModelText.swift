import JSONCore

/// The one way the texts a model reads from prompts, resources and completions — made from what
/// the API and people wrote (names, notes) — are made ready to send: prompt messages and their
/// description, resource contents, completion values. (Tool results are written by
/// ``ToolResult``.) Whatever must be done to such text before it leaves the server is done here.
enum ModelText {
    /// `text`, ready to send.
    static func text(_ text: String) -> String {
        text
    }

    /// The compact JSON text of `value`, ready to send.
    static func json(_ value: JSON) -> String {
        text(value.serializedString())
    }
}
