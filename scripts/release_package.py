#!/usr/bin/env python3
"""Packs a built, stripped hoursmith-mcp into dist/ (scripts/release runs this; Python 3.8+,
standard library only).

- The .mcpb bundle's manifest lists the tools and prompts the binary itself reports over MCP
  (tools/list without a token lists every tool, as an owner sees them; prompts/list when the
  server offers prompts), so the manifest cannot drift from the server.
- The archives are reproducible: sorted entries, fixed owners and times (SOURCE_DATE_EPOCH,
  else the last commit's time).
- Sizes are checked against their budgets: the binary within 5 MB of hoursmith-floor (the least
  a program on this stack can be), each download within 25 MB.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import time
import zipfile

MB = 1_000_000
BINARY_BUDGET_ABOVE_FLOOR = 5 * MB
DOWNLOAD_BUDGET = 25 * MB
REGISTRY_NAME = "app.hoursmith/hoursmith-mcp"
SERVER_SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
DEFAULT_API_URL = "https://hoursmith.app/api/v1"

# Claude Desktop has been seen to unpack bundles without the execute bit
# (modelcontextprotocol/mcpb#294). The manifest therefore runs this launcher with /bin/sh, which
# needs no execute bit to read it; it restores the bit on the binary and becomes the server.
LAUNCHER = """#!/bin/sh
# Starts the hoursmith-mcp of this bundle. Some hosts unpack bundles without the execute bit
# (modelcontextprotocol/mcpb#294), so it is restored first; the server then replaces this shell.
binary="$(dirname "$0")/hoursmith-mcp"
if [ ! -x "$binary" ] && ! chmod u+x "$binary"; then
    echo "hoursmith-mcp: $binary is not executable and could not be made so" >&2
    exit 126
fi
exec "$binary" "$@"
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--floor", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--platform", required=True, choices=["linux", "darwin"])
    parser.add_argument("--arch", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()

    base = f"hoursmith-mcp-{options.version}-{options.platform}-{options.arch}"
    epoch = source_date_epoch()
    readme = read("README.md")
    license_text = read("LICENSE")
    binary = read(options.binary)

    tools, prompts = ask_server(options.binary)
    manifest = make_manifest(options, tools, prompts)

    archive = os.path.join(options.out, base + ".tar.gz")
    write(archive, tar_gz(base, [("hoursmith-mcp", binary, 0o755), ("README.md", readme, 0o644),
                                 ("LICENSE", license_text, 0o644)], epoch))
    bundle = os.path.join(options.out, base + ".mcpb")
    write(bundle, zip_bundle([
        ("manifest.json", (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode(), 0o644),
        ("server/hoursmith-mcp", binary, 0o755),
        ("server/launch.sh", LAUNCHER.encode(), 0o755),
        ("README.md", readme, 0o644),
        ("LICENSE", license_text, 0o644),
    ], epoch))
    bundle_sha = sha256(read(bundle))
    server = make_server_json(options, os.path.basename(bundle), bundle_sha)
    write(os.path.join(options.out, "server.json"), (json.dumps(server, indent=2) + "\n").encode())

    names = sorted(os.listdir(options.out))
    sums = "".join(f"{sha256(read(os.path.join(options.out, name)))}  {name}\n" for name in names)
    write(os.path.join(options.out, "SHA256SUMS"), sums.encode())

    ok = report(options, archive, bundle, len(tools), len(prompts))
    sys.exit(0 if ok else 1)


# MARK: Asking the server


def ask_server(binary):
    """The tools and prompts the server lists, over MCP, as a client sees them before it has a
    token (every tool: what an owner sees)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("HOURSMITH_")}
    environment["HOURSMITH_LOG_LEVEL"] = "error"
    process = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=environment)
    next_id = 0

    def request(method, params=None):
        nonlocal next_id
        next_id += 1
        message = {"jsonrpc": "2.0", "id": next_id, "method": method}
        if params is not None:
            message["params"] = params
        process.stdin.write((json.dumps(message) + "\n").encode())
        process.stdin.flush()
        while True:
            line = process.stdout.readline()
            if not line:
                sys.exit(f"release_package: the server closed its output during {method}")
            reply = json.loads(line)
            if reply.get("id") == next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply["result"]

    try:
        initialized = request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                             "clientInfo": {"name": "scripts/release", "version": "1"}})
        process.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
        tools = paged(request, "tools/list", "tools")
        prompts = []
        if "prompts" in initialized.get("capabilities", {}):
            for prompt in paged(request, "prompts/list", "prompts"):
                prompts.append(prompt_entry(request, prompt))
    finally:
        process.stdin.close()
        process.wait(timeout=10)
    return tools, prompts


def paged(request, method, key):
    items, cursor = [], None
    while True:
        result = request(method, {"cursor": cursor} if cursor else {})
        items += result.get(key, [])
        cursor = result.get("nextCursor")
        if not cursor:
            return items


def prompt_entry(request, prompt):
    """A manifest prompt: its text is the server's own, got with each argument standing as the
    manifest's placeholder ${arguments.NAME}."""
    names = [argument["name"] for argument in prompt.get("arguments", [])]
    entry = {"name": prompt["name"]}
    if prompt.get("description"):
        entry["description"] = prompt["description"]
    if names:
        entry["arguments"] = names
    try:
        got = request("prompts/get", {"name": prompt["name"], "arguments": {name: "${arguments.%s}" % name for name in names}})
        texts = [message["content"]["text"] for message in got.get("messages", [])
                 if isinstance(message.get("content"), dict) and message["content"].get("type") == "text"]
        entry["text"] = "\n\n".join(texts) or prompt.get("description", prompt["name"])
    except RuntimeError:
        entry["text"] = prompt.get("description", prompt["name"])
    return entry


def first_sentence(text):
    """A tool's description up to its first full stop: the manifest is read by people."""
    for index in range(len(text) - 1):
        if text[index] == "." and text[index + 1] in " \n":
            return text[:index + 1]
    return text


# MARK: The manifest and the registry entry


def make_manifest(options, tools, prompts):
    return {
        "manifest_version": "0.3",
        "name": "hoursmith-mcp",
        "display_name": "Hoursmith",
        "version": options.version,
        "description": "Log hours, run timers and review time, expenses, invoices and reports in Hoursmith.",
        "long_description": (
            "Connects Claude to your Hoursmith workspace through Hoursmith's REST API, with exactly the powers of "
            "your role (owner, admin, manager or member). Ask it to log 2 hours on a project yesterday, start or stop "
            "a timer, or total last month's billable time. Needs an API token from Settings → API; the API is "
            "available on the Studio and Agency plans. No account yet? Turn on \"Demo workspace\" instead: a seeded, "
            "writable workspace with made-up data, kept in memory inside the server, which reaches no network."),
        "author": {"name": "Hoursmith", "url": "https://hoursmith.app"},
        "repository": {"type": "git", "url": options.repository},
        "homepage": "https://hoursmith.app",
        "documentation": options.repository + "#readme",
        "support": options.repository + "/issues",
        "license": "Apache-2.0",
        "keywords": ["time tracking", "timesheets", "timers", "invoices", "expenses", "hoursmith"],
        "privacy_policies": ["https://hoursmith.app/privacy"],
        "server": {
            "type": "binary",
            "entry_point": "server/hoursmith-mcp",
            "mcp_config": {
                # /bin/sh reads the launcher whatever its mode; the launcher restores the binary's.
                "command": "/bin/sh",
                "args": ["${__dirname}/server/launch.sh"],
                # Hosts write a boolean setting as "true" or "false" (mcpb src/shared/config.ts), which the
                # server reads; an optional setting left empty, with no default, stays as the placeholder,
                # which the server recognises and explains.
                "env": {
                    "HOURSMITH_API_TOKEN": "${user_config.api_token}",
                    "HOURSMITH_DEMO": "${user_config.demo}",
                    "HOURSMITH_API_URL": "${user_config.api_url}",
                    "HOURSMITH_READ_ONLY": "${user_config.read_only}",
                },
            },
        },
        "tools": [{"name": tool["name"], "description": first_sentence(tool.get("description", ""))} for tool in tools],
        "tools_generated": False,
        "prompts": prompts,
        "prompts_generated": False,
        "compatibility": {"platforms": [options.platform]},
        "user_config": {
            # Not required: a host does not start an extension while a required setting is empty
            # (mcpb's hasRequiredConfigMissing), and the demo needs no token.
            "api_token": {
                "type": "string",
                "title": "API token",
                "description": "Your Hoursmith API token (hsk_live_…), from Settings → API. It acts with your role. "
                               "Not needed for the demo workspace.",
                "sensitive": True,
                "required": False,
            },
            "demo": {
                "type": "boolean",
                "title": "Demo workspace (no account needed)",
                "description": "Try it on a demo workspace with made-up data, kept in memory in the server and fresh at "
                               "each start; nothing reaches Hoursmith, and the API token is not used.",
                "default": False,
                "required": False,
            },
            "api_url": {
                "type": "string",
                "title": "API URL",
                "description": "Leave as it is for Hoursmith itself; another URL only for a local sandbox.",
                "default": DEFAULT_API_URL,
                "required": False,
            },
            "read_only": {
                "type": "boolean",
                "title": "Read-only",
                "description": "Offer only the tools that change nothing.",
                "default": False,
                "required": False,
            },
        },
    }


def make_server_json(options, bundle_name, bundle_sha):
    return {
        "$schema": SERVER_SCHEMA,
        "name": REGISTRY_NAME,
        "description": "Hoursmith time tracking: log hours, timers, expenses, invoices and reports.",
        "version": options.version,
        "repository": {"url": options.repository, "source": "github"},
        "websiteUrl": "https://hoursmith.app",
        "packages": [{
            "registryType": "mcpb",
            "identifier": f"{options.repository}/releases/download/v{options.version}/{bundle_name}",
            "version": options.version,
            "fileSha256": bundle_sha,
            "transport": {"type": "stdio"},
            "environmentVariables": [
                {"name": "HOURSMITH_API_TOKEN", "description": "Your Hoursmith API token, from Settings → API (not needed "
                 "for the demo).", "isRequired": False, "isSecret": True, "format": "string"},
                {"name": "HOURSMITH_DEMO", "description": "1 for the demo workspace: made-up data in memory, no account, "
                 "no network.", "isRequired": False, "format": "boolean", "default": "false"},
                {"name": "HOURSMITH_API_URL", "description": "The API base URL.", "isRequired": False,
                 "format": "string", "default": DEFAULT_API_URL},
                {"name": "HOURSMITH_READ_ONLY", "description": "1 to offer only the tools that change nothing.",
                 "isRequired": False, "format": "boolean", "default": "false"},
            ],
        }],
    }


# MARK: Archives


def tar_gz(base, files, epoch):
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, content, mode in sorted(files):
            info = tarfile.TarInfo(f"{base}/{name}")
            info.size, info.mode, info.mtime = len(content), mode, epoch
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(content))
    compressed = io.BytesIO()
    with gzip.GzipFile(fileobj=compressed, mode="wb", compresslevel=9, mtime=epoch) as stream:
        stream.write(data.getvalue())
    return compressed.getvalue()


def zip_bundle(files, epoch):
    data = io.BytesIO()
    stamp = zip_time(epoch)
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content, mode in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, so that the mode below means something
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return data.getvalue()


def zip_time(epoch):
    stamp = time.gmtime(max(epoch, 315532800))  # zip times start in 1980
    return stamp[:6]


def source_date_epoch():
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int(subprocess.check_output(["git", "log", "-1", "--format=%ct"], stderr=subprocess.DEVNULL).strip())
    except (subprocess.CalledProcessError, OSError, ValueError):
        return 315532800


# MARK: Report


def report(options, archive, bundle, tool_count, prompt_count):
    binary, floor = os.path.getsize(options.binary), os.path.getsize(options.floor)
    rows = [
        ("binary, stripped", binary, f"floor {mb(floor)} (+{mb(binary - floor)}; at most +{mb(BINARY_BUDGET_ABOVE_FLOOR)})",
         binary - floor <= BINARY_BUDGET_ABOVE_FLOOR),
        (os.path.basename(archive), os.path.getsize(archive), f"at most {mb(DOWNLOAD_BUDGET)}",
         os.path.getsize(archive) <= DOWNLOAD_BUDGET),
        (os.path.basename(bundle), os.path.getsize(bundle), f"at most {mb(DOWNLOAD_BUDGET)}",
         os.path.getsize(bundle) <= DOWNLOAD_BUDGET),
    ]
    print(f"== {options.out}/: hoursmith-mcp {options.version} for {options.platform}-{options.arch}, "
          f"{tool_count} tools and {prompt_count} prompts in the manifest")
    for name, size, budget, met in rows:
        print(f"  {name:<44} {mb(size):>9}   {budget}   {'ok' if met else 'OVER BUDGET'}")
    for name in sorted(os.listdir(options.out)):
        print(f"  {options.out}/{name}")
    return all(met for *_, met in rows)


def mb(size):
    return f"{size / MB:.1f} MB"


def read(path):
    with open(path, "rb") as file:
        return file.read()


def write(path, content):
    with open(path, "wb") as file:
        file.write(content)


def sha256(content):
    return hashlib.sha256(content).hexdigest()


if __name__ == "__main__":
    main()
