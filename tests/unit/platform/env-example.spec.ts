import * as fs from "node:fs";
import * as path from "node:path";
import { renderEnvExample } from "../../../config/env-example";

describe(".env.example", () => {
  it("lists every configuration key with its description (regenerate with npm run env:example)", () => {
    const file = fs.readFileSync(path.resolve(__dirname, "../../../.env.example"), "utf8");
    expect(file).toBe(renderEnvExample());
  });

  it("contains the operations contract's variable names", () => {
    const text = renderEnvExample();
    for (const name of [
      "PORT",
      "DATABASE_URL",
      "DATA_DIR",
      "TRANSPORTER",
      "ADMIN_EMAIL",
      "ADMIN_PASSWORD",
      "ENCRYPTION_KEY",
      "LOG_LEVEL",
    ]) {
      expect(text).toMatch(new RegExp(`^${name}=`, "m"));
    }
  });
});
