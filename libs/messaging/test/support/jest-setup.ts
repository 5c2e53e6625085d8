// Per-project test timeout (testTimeout is a global Jest option, so it is set here).
jest.setTimeout(90_000);
