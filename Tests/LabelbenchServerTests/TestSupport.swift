// The shared helpers (TestServer, TestClient, LabelbenchBinary) are seen by every file of this target, as when they
// lived here, so a new test file needs no extra import.
@_exported import LabelbenchTestSupport
