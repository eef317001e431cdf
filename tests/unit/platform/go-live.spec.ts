import { ConfigError, loadConfig } from "../../../config";

const live = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://platform@db.internal:5432/therapieplatz",
  ENCRYPTION_KEY: "production-key-0123456789abcdef",
  ANSWER_LINK_SECRET: "production-link-secret-0123456789",
  AUDIT_CHAIN_SECRET: "production-audit-secret-0123456789",
  ADMIN_EMAIL: "it@praxisvermittlung-rhein.de",
  ADMIN_PASSWORD: "a long and uncommon passphrase",
  PUBLIC_BASE_URL: "https://vermittlung.praxisvermittlung-rhein.de",
  COMPANY_NAME: "Praxisvermittlung Rhein GmbH",
  COMPANY_STREET: "Domstraße 12",
  COMPANY_PLZ: "50667",
  COMPANY_CITY: "Köln",
  COMPANY_EMAIL: "kontakt@praxisvermittlung-rhein.de",
  COMPANY_SENDER_NAME: "Praxisvermittlung Rhein",
  COMPANY_CEO: "Dr. Jana Beispielfrei",
  COMPANY_REGISTER_COURT: "Amtsgericht Köln",
  COMPANY_REGISTER_NUMBER: "HRB 123456",
  COMPANY_IBAN: "DE89 3704 0044 0532 0130 00",
  COMPANY_CONTRACT_URL: "https://praxisvermittlung-rhein.de/vertrag.pdf",
  COMPANY_PRIVACY_URL: "https://praxisvermittlung-rhein.de/datenschutz",
  SYSTEM_NOTIFICATION_EMAIL: "betrieb@praxisvermittlung-rhein.de",
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
};

describe("go-live check (NODE_ENV=production)", () => {
  it("accepts a complete production configuration", () => {
    expect(problemsOf(live)).toEqual([]);
  });

  it("refuses the placeholder configuration, listing every problem at once", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    for (const k of [
      "COMPANY_NAME is not set",
      "COMPANY_IBAN is not set",
      "COMPANY_CONTRACT_URL is not set",
      "SYSTEM_NOTIFICATION_EMAIL is not set",
      "'admin@localhost' is a placeholder address",
      "'https://example.invalid/vertrag.pdf' is a placeholder address",
      "PUBLIC_BASE_URL is not set",
      "ADMIN_PASSWORD is not set",
      "ENCRYPTION_KEY is not set",
      "ANSWER_LINK_SECRET is not set",
      "AUDIT_CHAIN_SECRET is not set",
    ])
      expect(problems.some((p) => p.startsWith(k))).toBe(true);
  });

  it("refuses a zero IBAN, example.invalid URLs, admin@localhost and http answer links even when set", () => {
    const problems = problemsOf({
      ...live,
      COMPANY_IBAN: "DE00 0000 0000 0000 0000 00",
      COMPANY_PRIVACY_URL: "https://example.invalid/datenschutz",
      ADMIN_EMAIL: "admin@localhost",
      PUBLIC_BASE_URL: "http://vermittlung.praxisvermittlung-rhein.de",
    });
    expect(problems.sort()).toEqual(
      [
        "COMPANY_IBAN 'DE00 0000 0000 0000 0000 00' is a placeholder (all zeros)",
        "'https://example.invalid/datenschutz' is a placeholder address (example/invalid/localhost)",
        "'admin@localhost' is a placeholder address (example/invalid/localhost)",
        "PUBLIC_BASE_URL 'http://vermittlung.praxisvermittlung-rhein.de' is not https",
      ].sort(),
    );
  });

  it("does not apply outside production", () => {
    expect(
      problemsOf({ ENCRYPTION_KEY: "dev-key-0123456789abc", ANSWER_LINK_SECRET: "dev-link-0123456789" }),
    ).toEqual([]);
  });
});
