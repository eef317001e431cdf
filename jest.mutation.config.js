// The jest setup StrykerJS runs for every mutant: the unit project only (service/api tests need
// PostgreSQL and take minutes), without the slow reference comparison of the bundle engine
// (bundle-reference.spec.ts runs a naive engine over generated data; the engine's own unit tests
// pin its parts instead).
const base = require("./jest.config.js");

const unit = base.projects.find((p) => p.displayName === "unit");

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  displayName: undefined,
  rootDir: __dirname,
  testPathIgnorePatterns: ["/node_modules/", "bundle-reference\\.spec\\.ts$"],
  testTimeout: base.testTimeout,
  cacheDirectory: "<rootDir>/.jest-cache/mutation",
};
