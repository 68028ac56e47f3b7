// Loaded by `node --require` before Prism (tests/src/contract/prism.rs): Prism exits when its
// standard input closes, which happens however the test process that holds the other end ends,
// killed included, so that no Prism outlives the tests that started it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
