import {
  inquiryLinks,
  linkKey,
  signAnswer,
  verifyAnswer,
} from "../../../services/communication/domain/links";

const key = linkKey(Buffer.alloc(32, 7));
const now = 1_800_000_000;
const claim = { a: 12, p: 3, o: "angenommen", e: now + 60 };
const token = signAnswer(claim, key);

describe("signed answer links (decisions.md 15)", () => {
  it("accepts a valid token and returns what it answers", () => {
    expect(verifyAnswer(token, key, now)).toEqual({ ok: true, claim });
  });

  it("refuses a token signed with another key (forged)", () => {
    expect(verifyAnswer(token, linkKey(Buffer.alloc(32, 8)), now)).toEqual({
      ok: false,
      reason: "signature",
    });
  });

  it("refuses a token whose content was changed to another inquiry", () => {
    const [, sig] = token.split(".");
    const other = Buffer.from(JSON.stringify({ ...claim, a: 13 })).toString("base64url");
    expect(verifyAnswer(`${other}.${sig}`, key, now)).toEqual({ ok: false, reason: "signature" });
  });

  it("refuses an expired token, and accepts it up to the expiry second", () => {
    expect(verifyAnswer(token, key, now + 60).ok).toBe(true);
    expect(verifyAnswer(token, key, now + 61)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses malformed tokens", () => {
    for (const t of ["", "garbage", "a.b.c", `${token}.x`, "e30.AAAA"])
      expect(verifyAnswer(t, key, now).ok).toBe(false);
    const noInquiry = signAnswer({ a: "x" as unknown as number, p: null, o: null, e: now + 5 }, key);
    expect(verifyAnswer(noInquiry, key, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("derives different keys from different material", () => {
    expect(linkKey("secret-one-0123456789").equals(linkKey("secret-two-0123456789"))).toBe(false);
  });

  it("builds one link for the whole inquiry and three per patient, each naming its answer", () => {
    const links = inquiryLinks("https://vermittlung.example/", 5, [7, 9], now + 100, key);
    expect(links.all).toMatch(/^https:\/\/vermittlung\.example\/api\/antwort\/[\w-]+\.[\w-]+$/);
    expect([...links.perPatient.keys()]).toEqual([7, 9]);
    const answerOf = (url: string) => {
      const v = verifyAnswer(url.split("/api/antwort/")[1], key, now);
      return v.ok ? v.claim : null;
    };
    expect(answerOf(links.all)).toEqual({ a: 5, p: null, o: null, e: now + 100 });
    expect(answerOf(links.perPatient.get(9)!.abgelehnt_nicht_geeignet)).toEqual({
      a: 5,
      p: 9,
      o: "abgelehnt_nicht_geeignet",
      e: now + 100,
    });
  });
});
