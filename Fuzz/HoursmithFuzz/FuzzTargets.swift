import JSONCore
import MCPCore

/// The fuzz targets: each takes arbitrary bytes, must not crash, hang or grow without bound, and
/// checks what it can about the result against a second way of getting it.
enum FuzzTarget: String, CaseIterable {
    /// The line framer, fed in chunks of varying size, against a plain split of the whole input.
    case framer
    /// The JSON reader and indexer: tree and document agree, what is written reads back the same,
    /// copied text (plain, leaving members out) reads back as the tree does, and the output
    /// filter's sanitizing of JSON text equals sanitizing the tree's strings, once for all.
    case json
    /// Argument validation of whatever JSON the bytes hold against a schema like a tool's.
    case validate
    /// The sanitizer on whatever UTF-8 the bytes hold: keeps only input characters, in order, and
    /// a second pass changes nothing.
    case sanitize

    func run(_ data: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .framer: FuzzTarget.framer(data)
        case .json: FuzzTarget.json(data)
        case .validate: FuzzTarget.validate(data)
        case .sanitize: FuzzTarget.sanitize(data)
        }
    }

    /// A failed check: a crash that libFuzzer records with its input.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz check failed: \(message())") }
    }

    // MARK: framer

    private enum Event: Equatable {
        case line([UInt8])
        case oversized(Int)
    }

    static func framer(_ data: UnsafeBufferPointer<UInt8>) {
        guard let first = data.first else { return }
        let maxLineLength = Int(first % 64) + 1
        let input = Array(data.dropFirst())
        var framer = LineFramer(maxLineLength: maxLineLength)
        var events: [Event] = []
        let record: (LineFramer.Event) -> Void = { event in
            switch event {
            case .line(let line): events.append(.line(Array(line)))
            case .oversized(let length): events.append(.oversized(length))
            }
        }
        // Chunk sizes from the input itself, so that the fuzzer explores the boundaries.
        var position = 0, chunk = 0
        while position < input.count {
            let size = min(input.count - position, Int(input[chunk % input.count] % 17) + 1)
            input[position..<position + size].withUnsafeBytes { framer.push($0, record) }
            position += size
            chunk += 1
        }
        framer.finish(record)

        // The reference: split on line feeds; drop one trailing carriage return; longer than the
        // limit is oversized (with that length); lines of white space only are skipped.
        var expected: [Event] = []
        var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for var line in lines {
            if line.last == 0x0D { line.removeLast() }
            if line.count > maxLineLength {
                expected.append(.oversized(line.count))
            } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                expected.append(.line(line))
            }
        }
        require(events == expected, "framer \(events) != \(expected) (limit \(maxLineLength))")
    }

    // MARK: json

    static func json(_ data: UnsafeBufferPointer<UInt8>) {
        let bytes = Array(data)
        let tree: JSON
        do {
            tree = try JSON.parse(bytes)
        } catch {
            var documentError: JSONParseError?
            do { _ = try JSONDocument(bytes: bytes) } catch let caught { documentError = caught }
            require(documentError == error, "the document refused \(String(describing: documentError)), the reader \(error)")
            return
        }
        let document: JSONDocument
        do { document = try JSONDocument(bytes: bytes) } catch {
            return require(false, "the document refused what the reader read: \(error)")
        }
        require(document.root.json == tree, "the document's tree differs from the reader's")
        require((try? JSON.parse(tree.serialized())) == tree, "what is written does not read back the same")

        var copied = JSONWriter()
        copied.write(document.root)
        require((try? JSON.parse(copied.bytes)) == tree, "copied text does not read back as the tree")

        var omitting = JSONWriter()
        omitting.write(document.root, omitting: ["a", "id"])
        let expectedOmitting: JSON = tree.objectValue.map { .object($0.removing(["a", "id"])) } ?? tree
        require((try? JSON.parse(omitting.bytes)) == expectedOmitting, "leaving members out went wrong")

        let expected = sanitizedStrings(tree)
        for text in [tree.serialized(), copied.bytes] {
            let filtered = text.withUnsafeBufferPointer(TextSanitizer.sanitized(jsonText:)) ?? text
            require((try? JSON.parse(filtered)) == expected, "the output filter's sanitizing differs from the tree's strings sanitized")
            require(filtered.withUnsafeBufferPointer(TextSanitizer.sanitized(jsonText:)) == nil, "sanitizing JSON text twice changes it")
        }
        _ = try? JSONDocument(bytes: bytes, finiteNumbers: true)
    }

    /// The tree with every string value sanitized and every member name too, its invisible
    /// characters replaced by U+FFFD (as the output filter does).
    static func sanitizedStrings(_ value: JSON) -> JSON {
        switch value {
        case .string(let text): return .string(TextSanitizer.sanitized(text))
        case .array(let elements): return .array(elements.map(sanitizedStrings))
        case .object(let object):
            var result: JSONObject = [:]
            for (key, member) in object {
                var key = key
                let name = key.withUTF8 { TextSanitizer.sanitized(utf8: $0, replacement: [0xEF, 0xBF, 0xBD]) }
                    .map { String(decoding: $0, as: UTF8.self) } ?? key
                result[name] = sanitizedStrings(member)
            }
            return .object(result)
        case .null, .bool, .number: return value
        }
    }

    // MARK: validate

    static let schema = JSONSchema.object([
        "id": .integer("An id.", minimum: 1),
        "hours": .number("Hours.", maximum: 24, exclusiveMinimum: 0),
        "name": .string("A name.", minLength: 1, maxLength: 20),
        "day": .string("A day.", pattern: #"^\d{4}-\d{2}-\d{2}$"#, patternHint: "a date", maxLength: 10),
        "kind": .string("A kind.", enum: ["a", "b"]),
        "ids": .array(of: .integer(minimum: 1), maxItems: 50, uniqueItems: true),
        "any": .array(of: .any(), maxItems: 50, uniqueItems: true),
        "lines": .array(of: .object(["q": .number(), "d": .string(maxLength: 5).nullable()], required: ["q"]), maxItems: 5),
    ], required: ["id"])

    static func validate(_ data: UnsafeBufferPointer<UInt8>) {
        guard let arguments = try? JSON.parse(Array(data)) else { return }
        let problems = SchemaValidator(schema).problems(in: arguments)
        require(problems.count <= SchemaValidator.problemLimit, "\(problems.count) problems")
        for problem in problems {
            require(problem.unicodeScalars.count < 600, "a problem of \(problem.unicodeScalars.count) characters")
        }
        if problems.isEmpty, case .object(let object) = arguments {
            require(object["id"]?.intValue != nil, "a valid call without a usable id")
            if let hours = object["hours"] { require(hours.numberValue?.fits(significantDigits: 38, exponents: -128...127) == true, "unusable hours") }
        }
    }

    // MARK: sanitize

    static func sanitize(_ data: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: data, as: UTF8.self)
        guard text.utf8.elementsEqual(data) else { return } // not valid UTF-8
        let once = TextSanitizer.sanitized(text)
        require(TextSanitizer.sanitized(once) == once, "sanitizing twice changes the text")
        // The output is the input with some characters left out, in order.
        var input = text.unicodeScalars.makeIterator()
        for scalar in once.unicodeScalars {
            var found = false
            while let next = input.next() {
                if next == scalar { found = true; break }
            }
            require(found, "U+\(String(scalar.value, radix: 16)) was not in the input at that place")
        }
    }
}
