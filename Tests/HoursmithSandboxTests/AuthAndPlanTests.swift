import Foundation
import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox tokens and plans")
struct AuthAndPlanTests {
    @Test(arguments: [
        (Fixture.Token.owner, 200, "Olivia"),
        (Fixture.Token.admin, 200, "Arjun"),
        (Fixture.Token.manager, 200, "Maria"),
        (Fixture.Token.member, 200, "Sam"),
        (Fixture.Token.member2, 200, "Lena"),
        (Fixture.Token.agencyOwner, 200, "Ada"),
        (Fixture.Token.inactiveMember, 401, ""),
        (Fixture.Token.revoked, 401, ""),
        (Fixture.Token.soloPlan, 402, ""),
        (Fixture.Token.freePlan, 402, ""),
    ])
    func eachSeededTokenGetsItsAnswerFromMe(_ token: String, _ status: Int, _ firstName: String) throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox, token: token).get("/me")
        #expect(response.status == status)
        if status == 200 {
            #expect(response.json["user"]?["first_name"]?.stringValue == firstName)
        } else {
            #expect(response.errorCode == (status == 401 ? "invalid_token" : "plan_required"))
        }
    }

    @Test func meDescribesUserAndWorkspace() throws {
        let sandbox = try makeSandbox(SandboxConfiguration(timezone: "Asia/Tokyo", requestsPerWindow: 1000))
        let me = API(sandbox, token: Fixture.Token.manager).get("/me").json
        #expect(me["user"]?["id"]?.intValue == Fixture.User.manager)
        #expect(me["user"]?["email"]?.stringValue == "maria@northwind.example")
        #expect(me["user"]?["role"]?.stringValue == "manager")
        #expect(me["workspace"]?["id"]?.intValue == Fixture.Workspace.main)
        #expect(me["workspace"]?["name"]?.stringValue == "Northwind Studio")
        #expect(me["workspace"]?["plan"]?.stringValue == "studio")
        #expect(me["workspace"]?["currency"]?.stringValue == "USD")
        #expect(me["workspace"]?["timezone"]?.stringValue == "Asia/Tokyo")
        #expect(me["workspace"]?["week_start"]?.stringValue == "monday")
        let agency = API(sandbox, token: Fixture.Token.agencyOwner).get("/me").json
        #expect(agency["workspace"]?["id"]?.intValue == Fixture.Workspace.agency)
        #expect(agency["workspace"]?["plan"]?.stringValue == "agency")
    }

    @Test(arguments: [
        nil,
        "Bearer",
        "Bearer ",
        "Basic b2xpdmlhOnNlY3JldA==",
        "Bearer hsk_live_4f8a2c1bdedf_9X3kQp7vT2nM5wRzL8sJyB6FhA1uC0gE",
        "Bearer hsk_live_A4C123B1612D_SBXOwnerAepfJBd0Kh8oOOL8dKLzdocJ",
        "Bearer hsk_test_a4c123b1612d_SBXOwnerAepfJBd0Kh8oOOL8dKLzdocJ",
        "Bearer \(Fixture.Token.owner)x",
        "\(Fixture.Token.owner)",
    ] as [String?])
    func missingMalformedOrUnknownTokensAre401(_ authorization: String?) throws {
        let sandbox = try makeSandbox()
        var api = API(sandbox, token: nil)
        api.token = nil
        let response = api.get("/me", headers: authorization.map { ["Authorization": $0] } ?? [:])
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_token")
    }

    @Test func theSchemeIsCaseInsensitive() throws {
        let sandbox = try makeSandbox()
        var api = API(sandbox, token: nil)
        api.token = nil
        #expect(api.get("/me", headers: ["Authorization": "bearer \(Fixture.Token.owner)"]).status == 200)
    }

    @Test func planRequiredOnEveryCallWithThePlanNamed() throws {
        let sandbox = try makeSandbox()
        for (token, plan) in [(Fixture.Token.soloPlan, "solo"), (Fixture.Token.freePlan, "free")] {
            let api = API(sandbox, token: token)
            for response in [api.get("/me"), api.get("/clients"), api.get("/time_entries"), api.post("/clients", ["name": "X"]),
                             api.get("/reports/time?from=2026-01-01&to=2026-01-31"), api.get("/nowhere")] {
                #expect(response.status == 402)
                #expect(response.errorCode == "plan_required")
                #expect(response.json["plan"]?.stringValue == plan)
                let message = response.json["message"]?.stringValue ?? ""
                #expect(message.contains("Studio") && message.contains("Agency") && message.lowercased().contains(plan))
            }
        }
    }

    @Test func setPlanTakesEffectOnTheNextRequest() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        sandbox.setPlan("solo", workspace: Fixture.Workspace.main)
        #expect(api.get("/me").json["plan"]?.stringValue == "solo")
        sandbox.setPlan("agency", workspace: Fixture.Workspace.main)
        #expect(api.get("/me").json["workspace"]?["plan"]?.stringValue == "agency")
        sandbox.setPlan("studio", workspace: Fixture.Workspace.solo)
        #expect(API(sandbox, token: Fixture.Token.soloPlan).get("/me").status == 200)
    }

    @Test func revocationTakesEffectOnTheNextRequest() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox, token: Fixture.Token.admin)
        #expect(api.get("/me").status == 200)
        sandbox.revoke(token: Fixture.Token.admin)
        #expect(api.get("/me").status == 401)
        #expect(sandbox.snapshot().tokens[Fixture.Token.admin]?.isRevoked == true)
    }

    @Test func mintedTokensWorkAndCarryTheGivenSecret() throws {
        let sandbox = try makeSandbox()
        let secret = "TESTSECRETabcdefghij0123456789AB"
        let token = sandbox.mintToken(user: Fixture.User.member2, secret: secret)
        let pattern = try NSRegularExpression(pattern: "^hsk_live_[0-9a-f]{12}_[A-Za-z0-9]{32}$")
        #expect(pattern.firstMatch(in: token, range: NSRange(token.startIndex..., in: token)) != nil)
        #expect(token.hasSuffix("_" + secret))
        #expect(API(sandbox, token: token).get("/me").json["user"]?["id"]?.intValue == Fixture.User.member2)
        let random = sandbox.mintToken(user: Fixture.User.agencyMember)
        #expect(random != token)
        #expect(API(sandbox, token: random).get("/me").json["workspace"]?["id"]?.intValue == Fixture.Workspace.agency)
    }

    @Test func removingAMemberInvalidatesTheirTokensAndUnlistsThem() throws {
        let sandbox = try makeSandbox()
        sandbox.removeMember(user: Fixture.User.member2)
        #expect(API(sandbox, token: Fixture.Token.member2).get("/me").status == 401)
        let users = API(sandbox).get("/users")
        #expect(!ids(users, "users").contains(Fixture.User.member2))
        #expect(API(sandbox).get("/users/\(Fixture.User.member2)").status == 404)
        // Their time stays, with their name.
        #expect(API(sandbox).get("/time_entries/\(Fixture.TimeEntry.lenaMobile)").json["user"]?["name"]?.stringValue == "Lena Novak")
    }

    @Test func setRoleChangesWhatTheTokenMayDo() throws {
        let sandbox = try makeSandbox()
        let sam = API(sandbox, token: Fixture.Token.member)
        #expect(sam.get("/clients").status == 403)
        sandbox.setRole("manager", user: Fixture.User.member)
        #expect(sam.get("/clients").status == 200)
        #expect(sam.get("/me").json["user"]?["role"]?.stringValue == "manager")
    }

    @Test func anUnknownTimezoneRefusesToStart() {
        #expect(throws: SandboxError.self) { try Sandbox(SandboxConfiguration(timezone: "Mars/Olympus_Mons")) }
    }
}
