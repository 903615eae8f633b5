import HoursmithServer

// hoursmith-mcp: everything it does is in HoursmithServer (App/HoursmithApp.swift); this is
// the process's entry point.
HoursmithApp.main(arguments: Array(CommandLine.arguments.dropFirst()))
