import * as crypto from "node:crypto";
import { isRegistrationOf } from "../../../services/patient/domain/erasure";

const hash = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

describe("which kept registration file belongs to a patient", () => {
  const who = { email: "Lea.Import@example.org", tokenHash: hash("t".repeat(64)) };

  it("recognises the person's e-mail address, also in a file that is not valid JSON", () => {
    expect(isRegistrationOf('{"patient_data": {"email": "lea.import@example.org"}}', who, hash)).toBe(true);
    expect(isRegistrationOf('{"patient_data": {"email": "lea.import@example.org",', who, hash)).toBe(true);
  });

  it("recognises the registration token", () => {
    expect(isRegistrationOf(JSON.stringify({ registration_token: "t".repeat(64) }), who, hash)).toBe(true);
  });

  it("does not take another person's file with a longer address or another token", () => {
    expect(isRegistrationOf('{"email": "xlea.import@example.org"}', who, hash)).toBe(false);
    expect(isRegistrationOf(JSON.stringify({ registration_token: "u".repeat(64) }), who, hash)).toBe(false);
    expect(isRegistrationOf("not json", { email: null, tokenHash: null }, hash)).toBe(false);
  });
});
