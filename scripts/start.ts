import { runPlatform } from "./platform";

// `npm start`: the whole platform in one process.
void runPlatform({ groups: [] });
