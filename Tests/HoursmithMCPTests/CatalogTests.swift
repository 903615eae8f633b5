import Testing
@testable import HoursmithServer

/// The catalog's static list of names (what `--help` shows and the tool options are checked
/// against, without building a tool) is the built catalog's, toolset by toolset, in order.
@Suite struct CatalogTests {
    @Test func theStaticNamesAreTheBuiltCatalogs() {
        let built = Catalog.tools(ToolEnvironment(session: HoursmithSession(access: .unavailable(""))))
        #expect(Catalog.names.flatMap(\.tools) == built.map(\.name))
        for (toolset, names) in Catalog.names {
            #expect(names == built.filter { $0.toolset == toolset }.map(\.name), "toolset \(toolset)")
        }
        #expect(Catalog.names.map(\.toolset) == Toolset.allCases, "every toolset, in order")
    }

    @Test func aSelectionKeepsWhatTheOptionsAllowAndNothingTheyExclude() throws {
        let built = Catalog.tools(ToolEnvironment(session: HoursmithSession(access: .unavailable(""))))
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
