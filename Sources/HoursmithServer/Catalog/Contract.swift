import HoursmithClient
import JSONCore

/// The members the API contract defines for each object (docs/API.md, Resources), and only
/// those: what a tool forwards of an API object, in either view. A member the API adds later, or
/// a hostile API invents, never reaches the model (an allowlist, not a blocklist).
indirect enum ContractShape: Sendable {
    /// A scalar (string, number, boolean, null); anything else in its place becomes null.
    case value
    /// An array of one shape.
    case array(ContractShape)
    /// An object with these members, in this order.
    case object([(String, ContractShape)])

    /// `json` with only the members the shape names, nested shapes applied.
    func keep(_ json: JSON) -> JSON {
        switch (self, json) {
        case (.value, .array), (.value, .object):
            return .null
        case (.value, _):
            return json
        case (.array(let element), .array(let elements)):
            return .array(elements.map(element.keep))
        case (.object(let members), .object(let object)):
            var kept = JSONObject()
            for (name, shape) in members {
                if let value = object[name] { kept[name] = value.isNull ? .null : shape.keep(value) }
            }
            return .object(kept)
        default:
            return .null
        }
    }

    /// The member names of an object shape.
    var memberNames: [String] {
        if case .object(let members) = self { members.map(\.0) } else { [] }
    }
}

/// The contract's objects, as shapes.
enum Contract {
    static let reference = ContractShape.object([("id", .value), ("name", .value)])
    static let invoiceReference = ContractShape.object([("id", .value), ("number", .value)])
    private static let stamps: [(String, ContractShape)] = [("created_at", .value), ("updated_at", .value)]

    static let user = ContractShape.object([
        ("id", .value), ("first_name", .value), ("last_name", .value), ("email", .value), ("role", .value),
        ("is_active", .value), ("weekly_capacity_hours", .value),
    ] + stamps)

    static let workspace = ContractShape.object([
        ("id", .value), ("name", .value), ("plan", .value), ("currency", .value), ("timezone", .value), ("week_start", .value),
    ])

    static let client = ContractShape.object([
        ("id", .value), ("name", .value), ("currency", .value), ("address", .value), ("is_active", .value),
    ] + stamps)

    static let project = ContractShape.object([
        ("id", .value), ("name", .value), ("code", .value), ("client", reference), ("is_active", .value),
        ("is_billable", .value), ("hourly_rate", .value), ("budget_hours", .value), ("starts_on", .value),
        ("ends_on", .value), ("notes", .value), ("member_ids", .array(.value)),
    ] + stamps)

    static let task = ContractShape.object([
        ("id", .value), ("name", .value), ("project", reference), ("is_active", .value),
        ("billable_by_default", .value), ("hourly_rate", .value),
    ] + stamps)

    static let timeEntry = ContractShape.object([
        ("id", .value), ("spent_date", .value), ("hours", .value), ("notes", .value), ("billable", .value),
        ("is_running", .value), ("timer_started_at", .value), ("is_invoiced", .value), ("invoice", invoiceReference),
        ("user", reference), ("client", reference), ("project", reference), ("task", reference),
    ] + stamps)

    static let expense = ContractShape.object([
        ("id", .value), ("spent_date", .value), ("amount", .value), ("category", .value), ("notes", .value),
        ("billable", .value), ("is_invoiced", .value), ("invoice", invoiceReference), ("user", reference),
        ("client", reference), ("project", reference),
    ] + stamps)

    static let lineItem = ContractShape.object([
        ("kind", .value), ("description", .value), ("quantity", .value), ("unit_price", .value), ("amount", .value),
        ("project", reference),
    ])

    static let invoice = ContractShape.object([
        ("id", .value), ("number", .value), ("client", reference), ("state", .value), ("issue_date", .value),
        ("due_date", .value), ("subject", .value), ("notes", .value), ("currency", .value), ("amount", .value),
        ("line_items", .array(lineItem)),
    ] + stamps)

    static let reportRow = ContractShape.object([
        ("id", .value), ("name", .value), ("total_hours", .value), ("billable_hours", .value), ("billable_amount", .value),
    ])

    static let timeReport = ContractShape.object([
        ("from", .value), ("to", .value), ("group_by", .value), ("currency", .value), ("results", .array(reportRow)),
    ])
}

/// A model as a tool shows it: its API object, contract members only.
protocol ShownModel: HoursmithModel {
    static var contractShape: ContractShape { get }
}

extension ShownModel {
    var shown: JSON { Self.contractShape.keep(.object(json)) }
    /// The shown object's members.
    var shownObject: JSONObject { shown.objectValue ?? [:] }
}

extension User: ShownModel { static var contractShape: ContractShape { Contract.user } }
extension Workspace: ShownModel { static var contractShape: ContractShape { Contract.workspace } }
extension Client: ShownModel { static var contractShape: ContractShape { Contract.client } }
extension Project: ShownModel { static var contractShape: ContractShape { Contract.project } }
extension ProjectTask: ShownModel { static var contractShape: ContractShape { Contract.task } }
extension TimeEntry: ShownModel { static var contractShape: ContractShape { Contract.timeEntry } }
extension Expense: ShownModel { static var contractShape: ContractShape { Contract.expense } }
extension Invoice: ShownModel { static var contractShape: ContractShape { Contract.invoice } }
extension TimeReport: ShownModel { static var contractShape: ContractShape { Contract.timeReport } }
