module.exports = {
  // Mocks and hostile tokens are test fixtures, not product code.
  skipFiles: ["test/"],
  configureYulOptimizer: true,
  istanbulReporter: ["text", "json-summary", "lcov"],
};
