import Testing
@testable import HoursmithServer

/// The catalog table: names unique, toolsets listed together and in order (what `--help` shows
/// and the tool options are checked against), and the selections the options make.
@Suite struct CatalogTests {
    @Test func namesAreUniqueAndToolsetsAreListedTogetherInOrder() {
        let names = Catalog.tools.map(\.name)
        #expect(Set(names).count == names.count, "a tool name is declared twice")
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(name) is not snake_case")
        }
        let runs = Catalog.tools.map(\.toolset).reduce(into: [Toolset]()) { runs, toolset in
            if runs.last != toolset { runs.append(toolset) }
        }
        #expect(runs == Toolset.allCases, "each toolset's tools stand together, toolsets in their declared order")
        #expect(Catalog.names.flatMap(\.tools) == names)
    }

    @Test func aSelectionKeepsWhatTheOptionsAllowAndNothingTheyExclude() throws {
        let built = Catalog.tools
        func selected(_ arguments: [String]) throws -> [String] {
            let selection = try ToolSelection.make(from: Options.parse(arguments, environment: [:]))
            return built.filter(selection.includes).map(\.name)
        }
        #expect(try selected([]).count == built.count)
        #expect(try selected(["--toolsets", "invoices,reports"]) == ["list_invoices", "get_invoice", "create_invoice", "get_time_report"])
        #expect(try selected(["--toolsets", "reports", "--tools", "get_client"]) == ["get_client", "get_time_report"])
        #expect(try selected(["--toolsets", "invoices", "--exclude-tools", "create_invoice"]) == ["list_invoices", "get_invoice"])
        #expect(try selected(["--toolsets", "clients", "--read-only"]) == ["list_clients", "get_client"])
        #expect(throws: OptionsError.self) { try ToolSelection.make(from: Options.parse(["--tools", "nope"], environment: [:])) }
    }

    @Test func theCallTimeoutComesFromTheFlagOrTheEnvironmentTheFlagWinning() throws {
        #expect(try Options.parse([], environment: [:]).callTimeout == .seconds(40))
        #expect(try Options.parse([], environment: ["HOURSMITH_CALL_TIMEOUT": " 25 "]).callTimeout == .seconds(25))
        #expect(try Options.parse(["--call-timeout=90"], environment: ["HOURSMITH_CALL_TIMEOUT": "25"]).callTimeout == .seconds(90))
        for value in ["0", "601", "1.5", "-3", "forever"] {
            #expect(throws: OptionsError.self, "\(value)") { try Options.parse(["--call-timeout", value], environment: [:]) }
        }
    }
}
