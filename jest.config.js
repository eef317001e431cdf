/** @type {import('jest').Config} */
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  roots: [`<rootDir>/tests/${name}`],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleFileExtensions: ["ts", "js", "json"],
  ...extra,
});

const withDb = {
  globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
};

module.exports = {
  projects: [
    project("unit", { setupFiles: ["<rootDir>/tests/helpers/fast-check-seed.ts"] }),
    project("service", withDb),
    project("api", withDb),
    project("e2e", withDb),
    project("browser", withDb),
  ],
  // Starting a whole platform (brokers, migrations' template clone, embedded services) took over 30 s
  // on a loaded 2-core machine; a hook that times out hides every test of its file.
  testTimeout: 120000,
  maxWorkers: 2,
  cacheDirectory: "<rootDir>/.jest-cache",
};
