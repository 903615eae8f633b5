import Foundation
import Testing

/// docs/ARCHITECTURE.md is true to the code: every file and folder it names exists, and every
/// type (and `Type.member`) it names is declared.
@Suite struct ArchitectureDocTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Words in backticks that are neither code of this package nor paths in it.
    static let notOurs: Set<String> = ["Authorization", "Clock", "Duration", "ContinuousClock", "URLSession", "Foundation"]

    static func files(under folders: [String]) -> [String] {
        var found: [String] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker {
                found.append(String(url.path.dropFirst(root.path.count + 1)))
            }
        }
        return found
    }

    @Test func everyFileAndTypeItNamesExists() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        let folders = ["Sources", "Tests", "Benchmarks", "Fuzz", "scripts", "docs", ".ci"]
        let paths = folders + Self.files(under: folders)
        let code = try paths.filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: Self.root.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        // The word after each declaring keyword: the declared types and members.
        let words = code.utf8.split { !(($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F) }
            .map { String(decoding: $0, as: UTF8.self) }
        var types: Set<String> = [], members: Set<String> = []
        for (keyword, name) in zip(words, words.dropFirst()) {
            if ["struct", "class", "enum", "protocol", "typealias", "actor", "extension"].contains(keyword) { types.insert(name) }
            if ["func", "var", "let", "case"].contains(keyword) { members.insert(name) }
        }
        let package = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = Set(package.matches(of: #/name: "([A-Za-z]+)"/#).map { String($0.1) })
        var checked = 0
        for match in doc.matches(of: #/`([^`\n]+)`/#) {
            let token = String(match.1)
            if token.contains("<") || token.contains("…") || token.contains(" ") || token.contains("*") || targets.contains(token)
                || Self.notOurs.contains(token) {
                continue
            }
            if token.wholeMatch(of: #/.*\.(swift|c|h|py|md)/#) != nil || (token.hasSuffix("/") && token.first?.isUppercase == true) {
                let path = token.hasSuffix("/") ? String(token.dropLast()) : token
                #expect(paths.contains { $0 == path || $0.hasSuffix("/" + path) }, "no file or folder \(token)")
                checked += 1
            } else if let name = token.wholeMatch(of: #/([A-Z][A-Za-z0-9]+)(?:\.([a-z][A-Za-z0-9]*))?(?:\(.*\))?/#) {
                #expect(types.contains(String(name.1)), "no type \(name.1)")
                if let member = name.2 { #expect(members.contains(String(member)), "no member \(token)") }
                checked += 1
            }
        }
        #expect(checked > 100, "the doc names files and types (\(checked) checked)")
    }
}
