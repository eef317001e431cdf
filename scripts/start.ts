import { startFromCommandLine } from "./platform";

// `npm start`: the whole platform in one process; `npm start -- --repl` also opens the Moleculer REPL in it.
startFromCommandLine({ groups: [], repl: process.argv.slice(2).includes("--repl") });
