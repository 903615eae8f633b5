import JSONCore

/// One message read from the client, classified.
package enum JSONRPCMessage: Sendable, Equatable {
    /// A request: it has an id and expects exactly one response.
    case request(JSONRPCRequest)
    /// A notification: no id, no response.
    case notification(method: String, params: JSONObject)
    /// A response to a request of ours. This server sends none, so these are ignored.
    case response
    /// Not a valid message: answered with this error and this id (`nil` is written as `null`).
    case invalid(id: RequestID?, error: JSONRPCError)

    /// Classifies one parsed JSON-RPC 2.0 message (not a batch).
    package init(_ json: JSON) {
        guard case .object(let object) = json else {
            self = .invalid(id: nil, error: .invalidRequest("a message must be a JSON object"))
            return
        }
        let idMember = object["id"]
        let id = idMember.flatMap(RequestID.init)
        guard object["jsonrpc"] == "2.0" else {
            self = .invalid(id: id, error: .invalidRequest("\"jsonrpc\" must be \"2.0\""))
            return
        }
        guard let methodMember = object["method"] else {
            if object["result"] != nil || object["error"] != nil {
                self = .response
            } else {
                self = .invalid(id: id, error: .invalidRequest("a request needs a \"method\""))
            }
            return
        }
        guard case .string(let method) = methodMember else {
            self = .invalid(id: id, error: .invalidRequest("\"method\" must be a string"))
            return
        }
        var params = JSONObject()
        switch object["params"] {
        case nil: break
        case .object(let value)?: params = value
        case .array?:
            self = .invalid(id: id, error: .invalidParams("\"params\" must be an object"))
            return
        case .some:
            self = .invalid(id: id, error: .invalidRequest("\"params\" must be an object"))
            return
        }
        guard let idMember else {
            self = .notification(method: method, params: params)
            return
        }
        guard let id else {
            let found = idMember.isNull ? "null" : "\(idMember.typeName) \(idMember)"
            self = .invalid(id: nil, error: .invalidRequest("\"id\" must be a string or an integer, not \(found)"))
            return
        }
        self = .request(JSONRPCRequest(id: id, method: method, params: params))
    }
}

/// A JSON-RPC request.
package struct JSONRPCRequest: Sendable, Equatable {
    package let id: RequestID
    package let method: String
    package let params: JSONObject

    package init(id: RequestID, method: String, params: JSONObject = [:]) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// `params._meta`, or an empty object.
    package var meta: JSONObject { params["_meta"]?.objectValue ?? [:] }
}

/// Builds the JSON of the notifications this server writes (replies: `ReplyWriter`).
package enum JSONRPCOutgoing {
    package static func notification(method: String, params: JSONObject) -> JSON {
        ["jsonrpc": "2.0", "method": .string(method), "params": .object(params)]
    }
}
