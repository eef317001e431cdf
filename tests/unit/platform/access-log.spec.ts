import { redactPath } from "../../../services/api/gateway/access-log";

describe("redactPath (access log)", () => {
  it("replaces a path parameter named token and drops the query string", () => {
    expect(redactPath("/api/antwort/abc.def?x=1", { fullPath: "/api/antwort/:token" })).toBe(
      "/api/antwort/[redacted]",
    );
  });

  it("replaces any long opaque segment even without a matching route", () => {
    const token = "eyJhIjoxLCJwIjpudWxsLCJvIjpudWxsLCJlIjoxfQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    expect(redactPath(`/api/antwort/${token}/extra`)).toBe("/api/antwort/[redacted]/extra");
  });

  it("keeps ordinary paths and ids readable", () => {
    expect(redactPath("/api/patients/123", { fullPath: "/api/patients/:id" })).toBe("/api/patients/123");
    expect(redactPath("/api/therapeuten-zur-auswahl")).toBe("/api/therapeuten-zur-auswahl");
  });
});
