import { startFromCommandLine } from "./platform";

// `npm run start:node -- api matching` runs those service groups; `--repl` opens the Moleculer REPL.
const args = process.argv.slice(2);
const repl = args.includes("--repl");
startFromCommandLine({ groups: args.filter((a) => !a.startsWith("--")), repl });
