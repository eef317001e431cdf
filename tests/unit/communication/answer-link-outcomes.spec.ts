import { inquiryLinks, linkKey, verifyAnswer } from "../../../services/communication/domain/links";

const key = linkKey(Buffer.alloc(32, 3));
const now = 1_800_000_000;

const claimOf = (url: string) => {
  const token = url.split("/api/antwort/")[1];
  const v = verifyAnswer(token, key, now);
  if (!v.ok) throw new Error(`link does not verify: ${v.reason}`);
  return v.claim;
};

describe("the answer each link of an inquiry e-mail gives (decisions.md 15)", () => {
  const links = inquiryLinks("https://vermittlung.example", 41, [3, 8], now + 3600, key);

  it("signs the patient and the outcome into each of the three links per patient", () => {
    for (const pid of [3, 8]) {
      const l = links.perPatient.get(pid)!;
      expect(claimOf(l.angenommen)).toEqual({ a: 41, p: pid, o: "angenommen", e: now + 3600 });
      expect(claimOf(l.abgelehnt_Kapazitaet)).toEqual({
        a: 41,
        p: pid,
        o: "abgelehnt_Kapazitaet",
        e: now + 3600,
      });
      expect(claimOf(l.abgelehnt_nicht_geeignet)).toEqual({
        a: 41,
        p: pid,
        o: "abgelehnt_nicht_geeignet",
        e: now + 3600,
      });
    }
  });

  it("gives one link per patient of the inquiry and a link for the whole inquiry that suggests nothing", () => {
    expect([...links.perPatient.keys()]).toEqual([3, 8]);
    expect(claimOf(links.all)).toEqual({ a: 41, p: null, o: null, e: now + 3600 });
  });

  it("builds the same links with or without a trailing slash on the base URL", () => {
    const slash = inquiryLinks("https://vermittlung.example/", 41, [3], now + 3600, key);
    const plain = inquiryLinks("https://vermittlung.example", 41, [3], now + 3600, key);
    expect(slash.all).toBe(plain.all);
    expect(slash.all.startsWith("https://vermittlung.example/api/antwort/")).toBe(true);
  });
});
