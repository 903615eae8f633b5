import JSONCore
import MCPCore

/// How large a tool result may be, in tokens of the model's context.
///
/// The estimate is one token per byte of the result's JSON text. No tokenizer can exceed it
/// (every token is at least one byte), so a result within budget by this count is within it by
/// any model's count; on typical results the real cl100k count is a third of it
/// (docs/PERFORMANCE.md). The text block and the structured content are the same JSON, so each
/// stays within the budget.
struct ResultBudget: Sendable, Equatable {
    static let defaultTokens = 20_000
    /// The most that keeps a whole result under Claude Desktop's 1 MB: the text block escaped (at
    /// most twice the JSON) plus the structured content, with room for the envelope.
    static let maximumTokens = 330_000
    static let minimumTokens = 1_000

    let tokens: Int

    init(tokens: Int = ResultBudget.defaultTokens) {
        self.tokens = min(max(tokens, ResultBudget.minimumTokens), ResultBudget.maximumTokens)
    }

    /// The conservative estimate of a JSON text's tokens: its bytes.
    static func estimate(bytes: Int) -> Int { bytes }

    func allows(bytes: Int) -> Bool { ResultBudget.estimate(bytes: bytes) <= tokens }

    /// The first of an answer's forms — `levels` in order, each smaller than the one before — that
    /// fits, else the last: for an answer that sizes itself, keeping what must not be lost (its
    /// note), where ``fit(_:hint:)`` would cut whatever is largest.
    func first<Level>(of levels: [Level], _ answer: (Level) -> JSON) -> JSON {
        var last: JSON = .null
        for level in levels {
            last = answer(level)
            if allows(bytes: last.serialized().count) { return last }
        }
        return last
    }

    /// `json` within the budget: unchanged when it fits; otherwise its largest array is cut to
    /// the items that fit (the result then says `truncated` and, in `note`, how to get the rest),
    /// and failing that its longest strings are shortened. Nil when nothing makes it fit.
    func fit(_ json: JSON, hint: String) -> JSON? {
        var json = json
        var size = json.serialized().count
        var cuts: [String] = []
        // A few rounds: each cuts the largest array anywhere in the result.
        for _ in 0..<4 where !allows(bytes: size) {
            guard let (path, elements) = Self.largestArray(in: json, path: []), elements.count > 0 else { break }
            let sizes = elements.map { $0.serialized().count + 1 }
            let arrayBytes = sizes.reduce(1, +)
            let room = tokens - (size - arrayBytes) - 400
            var kept = 0, used = 1
            while kept < sizes.count, used + sizes[kept] <= room {
                used += sizes[kept]
                kept += 1
            }
            json = Self.replacing(in: json, at: path, with: .array(Array(elements.prefix(kept))))
            cuts.append("`\(path.joined(separator: "."))` shows \(kept) of \(elements.count)")
            size = json.serialized().count
        }
        if !allows(bytes: size) {
            json = Self.shorteningStrings(json, to: 200)
            cuts.append("long texts are shortened (…)")
        }
        guard !cuts.isEmpty else { return json }
        if var object = json.objectValue {
            object["truncated"] = true
            object["note"] = .string("Cut to fit the result budget (\(tokens) tokens): \(cuts.joined(separator: "; ")). \(hint)")
            json = .object(object)
        }
        // (Not a ternary: JSON takes a nil literal, which would make this `.null`.)
        guard allows(bytes: json.serialized().count) else { return nil }
        return json
    }

    private static func largestArray(in json: JSON, path: [String]) -> (path: [String], elements: [JSON])? {
        var best: (path: [String], elements: [JSON], size: Int)?
        func visit(_ value: JSON, _ path: [String]) {
            switch value {
            case .array(let elements):
                let size = value.serialized().count
                if size > best?.size ?? 0 { best = (path, elements, size) }
            case .object(let object):
                for (key, member) in object { visit(member, path + [key]) }
            default:
                break
            }
        }
        visit(json, path)
        return best.map { ($0.path, $0.elements) }
    }

    private static func replacing(in json: JSON, at path: [String], with value: JSON) -> JSON {
        guard let first = path.first else { return value }
        guard var object = json.objectValue, let member = object[first] else { return json }
        object[first] = replacing(in: member, at: Array(path.dropFirst()), with: value)
        return .object(object)
    }

    /// The text, cut to `length` characters and "…" when it is longer.
    static func shortened(_ text: String, to length: Int) -> String {
        text.count > length ? String(text.prefix(length)) + "…" : text
    }

    private static func shorteningStrings(_ json: JSON, to length: Int) -> JSON {
        switch json {
        case .string(let text) where text.count > length: .string(shortened(text, to: length))
        case .array(let elements): .array(elements.map { shorteningStrings($0, to: length) })
        case .object(let object): .object(JSONObject(object.map { ($0.key, shorteningStrings($0.value, to: length)) }))
        default: json
        }
    }
}
