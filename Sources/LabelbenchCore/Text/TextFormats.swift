// Core's users (the server, the CLI) write JSON strings, numbers, hex and timestamps with the
// same rules Core does; re-exporting the module keeps those rules in one place without every
// file importing it.
@_exported import TextFormats
