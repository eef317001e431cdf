import * as fc from "fast-check";

// Property tests draw the same cases on every run, so a failure is reproducible and mutation testing
// (npm run test:mutation) gives the same result twice; each property sets numRuns high enough to matter.
fc.configureGlobal({ seed: 20261204 });
