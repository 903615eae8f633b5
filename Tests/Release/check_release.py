#!/usr/bin/env python3
"""Checks what scripts/release left in dist/, as the people who download it will use it.

    python3 Tests/Release/check_release.py --dist dist --sandbox .build/debug/hoursmith-sandbox

- the four artifacts are there, and SHA256SUMS and server.json's fileSha256 match them;
- server.json has the registry's required fields (schema 2025-12-11) for an mcpb package;
- the binary from the tar.gz prints its version and serves an MCP session against the sandbox,
  run from another directory;
- the same binary with `--demo`, with no HOURSMITH_* variable and no network (a network namespace
  of its own, `unshare -rn`, where available): the owner's tools, lists, an entry created and
  deleted, a refused guarded delete, a report, a second launch from the seed, a member's tools;
- the .mcpb unpacks to a manifest whose fields check out against the MCPB 0.3 spec, listing the
  tools the server lists to an owner; unpacked with every file's execute bit stripped (as Claude
  Desktop on macOS does, mcpb#294), the server starts as the manifest says to start it, with the
  settings substituted as hosts do (mcpb's src/shared/config.ts) — and with only the demo setting
  on, it serves the demo;
- `setup` asks for a token on a terminal without echoing it.

Standard library only; exits 1 with a list of what failed.
"""
import argparse
import hashlib
import json
import os
import pty
import queue
import re
import select
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile

failures = []


def check(condition, what):
    print(("  ok    " if condition else "  FAIL  ") + what)
    if not condition:
        failures.append(what)
    return condition


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", default="dist")
    parser.add_argument("--sandbox", required=True, help="the hoursmith-sandbox binary")
    options = parser.parse_args()
    dist = os.path.abspath(options.dist)

    names = sorted(os.listdir(dist))
    archives = [name for name in names if name.endswith(".tar.gz")]
    bundles = [name for name in names if name.endswith(".mcpb")]
    print("== the artifacts")
    check(len(archives) == 1 and len(bundles) == 1 and "server.json" in names and "SHA256SUMS" in names,
          f"dist/ holds a .tar.gz, a .mcpb, server.json and SHA256SUMS: {names}")
    if failures:
        return finish()
    archive, bundle = os.path.join(dist, archives[0]), os.path.join(dist, bundles[0])
    sums = dict(reversed(line.split("  ", 1)) for line in read_text(os.path.join(dist, "SHA256SUMS")).splitlines())
    for name in [archives[0], bundles[0], "server.json"]:
        check(sums.get(name) == sha256(os.path.join(dist, name)), f"SHA256SUMS has {name}'s hash")
    check_server_json(json.loads(read_text(os.path.join(dist, "server.json"))), bundles[0], sha256(bundle))

    check_prompts_are_picked_up()
    sandbox = Sandbox(options.sandbox)
    try:
        with tempfile.TemporaryDirectory() as work:
            version, owner_tools, member_tools = check_archive(archive, work, sandbox)
            check_demo(os.path.join(work, "archive", "hoursmith-mcp"), work, owner_tools, member_tools)
            check_bundle(bundle, work, sandbox, version, owner_tools)
            check_prompt(os.path.join(work, "archive"), work, sandbox)
    finally:
        sandbox.stop()
    return finish()


def finish():
    if failures:
        print(f"\n{len(failures)} check(s) failed:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("\nThe release checks out.")


# MARK: server.json


def check_server_json(server, bundle_name, bundle_sha):
    print("== server.json (MCP registry, schema 2025-12-11)")
    check(server.get("$schema", "").endswith("/2025-12-11/server.schema.json"), "$schema names the 2025-12-11 schema")
    check(re.fullmatch(r"[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+", server.get("name", "")) is not None, "name is namespace/name")
    check(1 <= len(server.get("description", "")) <= 100, "description is 1 to 100 characters")
    check(re.fullmatch(r"\d+\.\d+\.\d+([-+].+)?", server.get("version", "")) is not None, "version is an exact version")
    package = (server.get("packages") or [{}])[0]
    check(package.get("registryType") == "mcpb", "the package is registryType mcpb")
    check(package.get("identifier", "").startswith("https://") and package["identifier"].endswith("/" + bundle_name),
          "its identifier is an https URL of the bundle")
    check(package.get("fileSha256") == bundle_sha, "its fileSha256 is the bundle's")
    check(package.get("transport") == {"type": "stdio"}, "its transport is stdio")
    variables = {variable.get("name"): variable for variable in package.get("environmentVariables", [])}
    token = variables.get("HOURSMITH_API_TOKEN", {})
    check(token.get("isSecret") is True and token.get("isRequired") is False,
          "HOURSMITH_API_TOKEN is a secret, not required (the demo needs none)")
    demo = variables.get("HOURSMITH_DEMO", {})
    check(demo.get("format") == "boolean" and demo.get("isRequired") is False and demo.get("default") == "false",
          "HOURSMITH_DEMO is an optional boolean, off by default")


# MARK: The tar.gz


def check_archive(archive, work, sandbox):
    print("== the tar.gz, unpacked and run from another directory")
    target = os.path.join(work, "archive")
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        top = members[0].name.split("/")[0]
        check(sorted(member.name for member in members) == [f"{top}/LICENSE", f"{top}/README.md", f"{top}/hoursmith-mcp"],
              f"it holds {top}/ with hoursmith-mcp, README.md and LICENSE")
        check(all(member.uid == 0 and member.gid == 0 for member in members), "its entries belong to no one in particular")
        for member in members:
            member.name = os.path.basename(member.name)
            tar.extract(member, target)
    binary = os.path.join(target, "hoursmith-mcp")
    check(os.stat(binary).st_mode & 0o111 != 0, "the binary is executable")
    elsewhere = os.path.join(work, "elsewhere")
    os.makedirs(elsewhere)
    printed = subprocess.run([binary, "--version"], cwd=elsewhere, capture_output=True, text=True, timeout=30)
    version = printed.stdout.strip().removeprefix("hoursmith-mcp ")
    check(printed.returncode == 0 and re.fullmatch(r"\d+\.\d+\.\d+.*", version) is not None,
          f"--version prints hoursmith-mcp <version>: {printed.stdout.strip()!r}")
    check(version in os.path.basename(archive), "the archive's name carries that version")

    session = MCPSession([binary], {"HOURSMITH_API_TOKEN": sandbox.owner, "HOURSMITH_API_URL": sandbox.url}, cwd=elsewhere)
    try:
        info = session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                              "clientInfo": {"name": "check_release", "version": "1"}})
        check(info["serverInfo"] == {"name": "hoursmith-mcp", "title": "Hoursmith", "version": version},
              "it answers initialize with its name and version")
        session.notify("notifications/initialized")
        me = session.request("tools/call", {"name": "get_current_user", "arguments": {}})
        check(not me.get("isError") and me["structuredContent"]["user"]["role"] == "owner",
              "get_current_user answers from the sandbox: the owner")
        projects = session.request("tools/call", {"name": "list_projects", "arguments": {"per_page": 2}})
        check(not projects.get("isError") and len(projects["structuredContent"]["projects"]) == 2, "list_projects lists two projects")
        tools = [tool["name"] for tool in session.request("tools/list")["tools"]]
    finally:
        status = session.close()
    check(status == 0, "it exits 0 when its input ends")

    # What a member's token lists (the first list waits for the role): the demo's member must match.
    session = MCPSession([binary], {"HOURSMITH_API_TOKEN": sandbox.member, "HOURSMITH_API_URL": sandbox.url}, cwd=elsewhere)
    try:
        session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "check_release", "version": "1"}})
        session.notify("notifications/initialized")
        member_tools = [tool["name"] for tool in session.request("tools/list")["tools"]]
    finally:
        session.close()
    check(0 < len(member_tools) < len(tools), f"a member's token lists fewer tools: {len(member_tools)} of {len(tools)}")
    return version, tools, member_tools


# MARK: The demo


def no_network():
    """A command prefix that runs a program in a network namespace of its own (no interface but a
    loopback that is down), when this machine allows it; else nothing."""
    try:
        if subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0:
            return ["unshare", "-rn"]
    except (OSError, subprocess.TimeoutExpired):
        pass
    return []


def check_demo(binary, work, owner_tools, member_tools):
    isolation = no_network()
    print("== the binary from the tar.gz with --demo: no HOURSMITH_* variable, "
          + ("no network (unshare -rn)" if isolation else "network NOT isolated (unshare -rn is not available here)"))
    command = isolation + [binary, "--demo"]
    session = MCPSession(command, {}, cwd=work, hoursmith_log_level=False)
    try:
        info = session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                              "clientInfo": {"name": "check_release", "version": "1"}})
        check(info.get("instructions", "").startswith("DEMO:"), "its instructions say it is the demo")
        session.notify("notifications/initialized")
        check([tool["name"] for tool in session.request("tools/list")["tools"]] == owner_tools,
              f"it lists every tool an owner's token lists ({len(owner_tools)})")
        me = session.call("get_current_user", {})
        check(me.get("demo") is True and me["user"]["role"] == "owner" and me["workspace"]["name"] == "Northwind Studio",
              "get_current_user names the demo workspace and its owner")
        entries = session.call("list_time_entries", {"per_page": 3, "period": "last_month"})
        check(len(entries.get("time_entries", [])) == 3, "list_time_entries lists the seed's entries")
        kept = session.call("create_time_entry", {"project": "Acme Website", "task": "Design", "hours": 1.5})
        made = session.call("create_time_entry", {"project": "Acme Website", "task": "Development", "hours": 0.25,
                                                  "spent_date": "yesterday"})
        kept_id, made_id = kept.get("time_entry", {}).get("id"), made.get("time_entry", {}).get("id")
        check(isinstance(kept_id, int) and made_id == kept_id + 1, "create_time_entry logs time, twice")
        check(session.call("delete_time_entry", {"time_entry_id": made_id}).get("deleted") is True, "delete_time_entry deletes one")
        refused = session.request("tools/call", {"name": "delete_client", "arguments": {"client": "Acme Corp"}})
        check(refused.get("isError") is True and "active projects" in refused["content"][0]["text"],
              "delete_client refuses a client with active projects")
        report = session.call("get_time_report", {"group_by": "project", "period": "last_month"})
        check(len(report.get("report", {}).get("results", [])) > 0, "get_time_report totals last month by project")
    finally:
        status = session.close()
    check(status == 0, "it exits 0 when its input ends")

    session = MCPSession(command, {}, cwd=work, hoursmith_log_level=False)
    try:
        session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "check_release", "version": "1"}})
        session.notify("notifications/initialized")
        again = session.request("tools/call", {"name": "get_time_entry", "arguments": {"time_entry_id": kept_id}})
        check(again.get("isError") is True, "a second launch starts from the seed: the entry the first made is not there")
    finally:
        session.close()

    session = MCPSession(isolation + [binary, "--demo-role", "member"], {}, cwd=work, hoursmith_log_level=False)
    try:
        session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "check_release", "version": "1"}})
        session.notify("notifications/initialized")
        listed = [tool["name"] for tool in session.request("tools/list")["tools"]]
        check(listed == member_tools, f"--demo-role member lists what a member's token lists ({len(listed)})")
        check(session.call("get_current_user", {})["user"]["first_name"] == "Sam", "as Sam Carter, the demo's member")
    finally:
        session.close()


# MARK: The .mcpb


def check_bundle(bundle, work, sandbox, version, owner_tools):
    print("== the .mcpb")
    target = os.path.join(work, "bundle dir")  # a space, as in "Application Support"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(target)  # as a host may: without the modes stored in the zip
    for folder, _, files in os.walk(target):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o600)  # and as Claude Desktop on macOS does
    manifest = json.loads(read_text(os.path.join(target, "manifest.json")))
    check_manifest(manifest, target, version)
    check([tool["name"] for tool in manifest.get("tools", [])] == owner_tools,
          "the manifest lists the tools the server lists to an owner, in its order")

    binary = os.path.join(target, manifest["server"]["entry_point"])
    check(os.stat(binary).st_mode & 0o111 == 0, "the unpacked binary has no execute bit")
    command, environment = host_config(manifest, target, {"api_token": sandbox.owner, "api_url": sandbox.url, "read_only": True})
    session = MCPSession(command, environment, cwd=work)
    try:
        info = session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                              "clientInfo": {"name": "claude-desktop-like", "version": "1"}})
        check(info["serverInfo"]["version"] == version, "started as the manifest says, it answers initialize")
        session.notify("notifications/initialized")
        tools = session.request("tools/list")["tools"]
        listed = [tool["name"] for tool in tools]
        check(listed and all(name.startswith(("get_", "list_", "find_")) for name in listed)
              and all(tool.get("annotations", {}).get("readOnlyHint") is True for tool in tools),
              f"the read_only setting reaches it: {len(listed)} tools, all reading")
    finally:
        status = session.close()
    check(status == 0, "it exits 0 when its input ends")
    check(os.stat(binary).st_mode & 0o100 != 0, "the launcher gave the binary its execute bit back")

    # Only the demo setting on, no token: the demo, with no network.
    isolation = no_network()
    command, environment = host_config(manifest, target, {"demo": True})
    check(environment.get("HOURSMITH_DEMO") == "true" and environment.get("HOURSMITH_API_TOKEN") == "${user_config.api_token}",
          "with only the demo setting on, the host passes HOURSMITH_DEMO=true and the token's placeholder")
    session = MCPSession(isolation + command, environment, cwd=work)
    try:
        session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "claude-desktop-like", "version": "1"}})
        session.notify("notifications/initialized")
        listed = [tool["name"] for tool in session.request("tools/list")["tools"]]
        check(listed == owner_tools, f"the demo setting on: every tool, as its owner ({len(listed)})"
              + ("" if isolation else " (network not isolated here)"))
        me = session.call("get_current_user", {})
        check(me.get("demo") is True and me["user"]["first_name"] == "Olivia", "the demo setting on: get_current_user says demo")
    finally:
        session.close()

    # Nothing set: the server starts and says what to set, in the host's words.
    command, environment = host_config(manifest, target, {})
    session = MCPSession(command, environment, cwd=work)
    try:
        session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "claude-desktop-like", "version": "1"}})
        refused = session.request("tools/call", {"name": "get_current_user", "arguments": {}})
        text = refused["content"][0]["text"]
        check(refused.get("isError") is True and "No API token is set in this extension's settings" in text and "Demo workspace" in text,
              f"with no token and no demo, a tool call says to set the token or turn on the demo: {text[:80]!r}")
    finally:
        session.close()


def host_config(manifest, directory, user_values):
    """The command and environment a host starts the server with, as mcpb's reference implementation
    (src/shared/config.ts, getMcpConfigForManifest) makes them: the settings' defaults, overridden by
    the user's values; booleans as "true"/"false"; a placeholder with no value left as it is."""
    config = manifest["server"]["mcp_config"]
    values = {"__dirname": directory}
    merged = {key: setting["default"] for key, setting in manifest.get("user_config", {}).items() if "default" in setting}
    merged.update(user_values)
    for key, value in merged.items():
        values[f"user_config.{key}"] = ("true" if value else "false") if isinstance(value, bool) else str(value)

    def substitute(text):
        return re.sub(r"\$\{([^}]+)\}", lambda match: values.get(match.group(1), match.group(0)), text)

    command = [substitute(config["command"])] + [substitute(argument) for argument in config.get("args", [])]
    return command, {key: substitute(value) for key, value in config.get("env", {}).items()}


def check_manifest(manifest, root, version):
    """The MCPB 0.3 manifest's fields, as its spec (MANIFEST.md) and schema define them."""
    allowed = {"$schema", "dxt_version", "manifest_version", "name", "display_name", "version", "description",
               "long_description", "author", "repository", "homepage", "documentation", "support", "icon", "icons",
               "screenshots", "localization", "server", "tools", "tools_generated", "prompts", "prompts_generated",
               "keywords", "license", "privacy_policies", "compatibility", "user_config", "_meta"}
    check(set(manifest) <= allowed, f"no field the spec does not define: {sorted(set(manifest) - allowed)}")
    check(manifest.get("manifest_version") == "0.3", "manifest_version is 0.3")
    for field in ["name", "version", "description"]:
        check(isinstance(manifest.get(field), str) and manifest[field] != "", f"{field} is a non-empty string")
    check(manifest.get("version") == version, "version is the binary's")
    author = manifest.get("author", {})
    check(isinstance(author.get("name"), str) and set(author) <= {"name", "email", "url"}, "author has a name")
    server = manifest.get("server", {})
    check(server.get("type") == "binary" and set(server) == {"type", "entry_point", "mcp_config"},
          "server is type binary with entry_point and mcp_config")
    check(os.path.isfile(os.path.join(root, server.get("entry_point", "?"))), "entry_point is a file in the bundle")
    config = server.get("mcp_config", {})
    check(isinstance(config.get("command"), str) and set(config) <= {"command", "args", "env", "platform_overrides"},
          "mcp_config has a command (and only args, env, platform_overrides besides)")
    check(all(isinstance(argument, str) for argument in config.get("args", []))
          and all(isinstance(value, str) for value in config.get("env", {}).values()), "args and env are strings")
    check(any("${__dirname}" in argument for argument in config.get("args", [])), "args find the bundle by ${__dirname}")
    for argument in config.get("args", []):
        if argument.startswith("${__dirname}/"):
            check(os.path.isfile(os.path.join(root, argument[len("${__dirname}/"):])), f"{argument} is in the bundle")
    tools = manifest.get("tools", [])
    check(all(isinstance(tool.get("name"), str) and set(tool) <= {"name", "description"} for tool in tools),
          f"each of the {len(tools)} tools is a name and a description")
    for prompt in manifest.get("prompts", []):
        check(isinstance(prompt.get("name"), str) and isinstance(prompt.get("text"), str)
              and set(prompt) <= {"name", "description", "arguments", "text"}, f"prompt {prompt.get('name')} has a name and text")
    compatibility = manifest.get("compatibility", {})
    check(set(compatibility) <= {"claude_desktop", "platforms", "runtimes"}
          and set(compatibility.get("platforms", [])) <= {"darwin", "win32", "linux"}, "compatibility.platforms are known platforms")
    settings = manifest.get("user_config", {})
    for key, setting in settings.items():
        check({"type", "title", "description"} <= set(setting)
              and set(setting) <= {"type", "title", "description", "required", "default", "multiple", "sensitive", "min", "max"}
              and setting["type"] in {"string", "number", "boolean", "directory", "file"}, f"user_config.{key} is well formed")
    token = settings.get("api_token", {})
    check(token.get("sensitive") is True and token.get("required") is False,
          "the API token is sensitive and not required (a host starts nothing while a required setting is empty)")
    demo = settings.get("demo", {})
    check(demo.get("type") == "boolean" and demo.get("title") == "Demo workspace (no account needed)"
          and demo.get("default") is False and demo.get("required") is False, "the demo is an optional boolean setting, off")
    check(settings.get("api_url", {}).get("required") is False and settings.get("read_only", {}).get("type") == "boolean",
          "the API URL and read-only are optional settings")
    used = set(re.findall(r"\$\{user_config\.([^}]+)\}", json.dumps(config)))
    check(used == set(settings), "mcp_config uses every user_config setting, and no other")


# MARK: The packer, with a server that offers prompts


FAKE_SERVER = r"""#!/usr/bin/env python3
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if "id" not in message:
        continue
    method, params = message["method"], message.get("params", {})
    if method == "initialize":
        result = {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}, "prompts": {}},
                  "serverInfo": {"name": "fake", "version": "1"}}
    elif method == "tools/list":
        result = {"tools": [{"name": "t", "description": "Does t. More about t.", "inputSchema": {"type": "object"}}]}
    elif method == "prompts/list":
        result = {"prompts": [{"name": "week", "description": "Review a week.",
                               "arguments": [{"name": "person", "required": True}]}]}
    elif method == "prompts/get":
        text = "Summarise the week of " + params["arguments"]["person"] + "."
        result = {"messages": [{"role": "user", "content": {"type": "text", "text": text}}]}
    print(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}), flush=True)
"""


def check_prompts_are_picked_up():
    print("== scripts/release_package.py lists what a server offers, prompts included")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
    import release_package
    with tempfile.TemporaryDirectory() as work:
        server = os.path.join(work, "fake-server")
        with open(server, "w") as file:
            file.write(FAKE_SERVER.replace("/usr/bin/env python3", sys.executable))
        os.chmod(server, 0o755)
        tools, prompts = release_package.ask_server(server)
    check([tool["name"] for tool in tools] == ["t"], "it lists the server's tools")
    check(release_package.first_sentence(tools[0]["description"]) == "Does t.", "a tool's manifest description is its first sentence")
    check(prompts == [{"name": "week", "description": "Review a week.", "arguments": ["person"],
                       "text": "Summarise the week of ${arguments.person}."}],
          f"a prompt's text is the server's own, its arguments as ${{arguments.NAME}}: {prompts}")


# MARK: setup's prompt on a terminal


def check_prompt(directory, work, sandbox):
    print("== setup asks for the token on a terminal without echoing it")
    binary = os.path.join(directory, "hoursmith-mcp")
    home = os.path.join(work, "home")
    os.makedirs(home)
    environment = {"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOURSMITH_API_URL": sandbox.url}
    pid, terminal = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "setup", "cursor", "--print"], environment)
    output = b""
    deadline = time.time() + 30
    sent = False
    while time.time() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not sent and b"will not show" in output:
            # Echo is off before the prompt is written: what is typed now must not come back.
            os.write(terminal, sandbox.owner.encode() + b"\r")
            sent = True
    _, status = os.waitpid(pid, 0)
    text = output.decode(errors="replace")
    check(sent, "it asked for the token")
    check(os.waitstatus_to_exitcode(status) == 0 and "Olivia Hart (owner)" in text, "it checked the token it was given")
    check(sandbox.owner.split("_")[-1] not in text, "the token was not echoed or printed")


# MARK: Helpers


class Sandbox:
    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "--port", "0", "--relaxed"], stdout=subprocess.PIPE, text=True)
        self.url = self.owner = self.member = None
        for line in self.process.stdout:
            found = re.search(r"serving (http://\S+/api/v1)", line)
            if found:
                self.url = found.group(1)
            owner = re.match(r"\s+owner \(.*?\)\s+(hsk_live_\S+)", line)
            if owner:
                self.owner = owner.group(1)
            member = re.match(r"\s+member \(Sam Carter\)\s+(hsk_live_\S+)", line)
            if member:
                self.member = member.group(1)
                break
        if not (self.url and self.owner and self.member):
            sys.exit("check_release: the sandbox did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class MCPSession:
    """A stdio MCP server driven line by line, with a timeout on every answer."""

    def __init__(self, command, environment, cwd, hoursmith_log_level=True):
        environment = dict(environment, PATH=os.environ.get("PATH", "/usr/bin:/bin"))
        if hoursmith_log_level:
            environment["HOURSMITH_LOG_LEVEL"] = "error"
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=environment, cwd=cwd)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def notify(self, method):
        self._send({"jsonrpc": "2.0", "method": method})

    def request(self, method, params=None):
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        while True:
            line = self.lines.get(timeout=30)
            if line is None:
                raise RuntimeError(f"the server ended before answering {method}")
            message = json.loads(line)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def call(self, tool, arguments):
        """A tool's structured result; a tool error is a failed check and an empty result."""
        result = self.request("tools/call", {"name": tool, "arguments": arguments})
        if result.get("isError"):
            check(False, f"{tool} failed: {result['content'][0]['text'][:200]}")
            return {}
        return result.get("structuredContent", {})

    def _send(self, message):
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def close(self):
        self.process.stdin.close()
        return self.process.wait(timeout=15)


def read_text(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


def sha256(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


if __name__ == "__main__":
    main()
