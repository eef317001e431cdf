import * as fc from "fast-check";
import {
  evaluateFlag,
  flagOnForSystem,
  rolloutBucket,
  type FeatureFlag,
  type FlagUser,
} from "../../../services/api/domain/feature-flags";

const flag = (o: Partial<FeatureFlag> = {}): FeatureFlag => ({
  name: "bundle_matching",
  enabled: true,
  rollout_percentage: 50,
  override_users: [],
  override_roles: [],
  ...o,
});
const staff = (id: number, email = `user${id}@example.org`): FlagUser => ({ id, email, rolle: "staff" });

describe("feature flag evaluation (issue 12 point 10)", () => {
  it("gives the same user the same answer every time, whatever else changes about the account", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 100 }), (id, pct) => {
        const f = flag({ rollout_percentage: pct });
        const first = evaluateFlag(f, staff(id));
        expect(evaluateFlag(f, staff(id))).toEqual(first);
        // A changed e-mail address keeps the bucket: it hangs on the id.
        expect(evaluateFlag(f, staff(id, `renamed${id}@example.org`))).toEqual(first);
      }),
    );
  });

  it("puts about rollout_percentage of users in (10,000 users, within 2 points)", () => {
    for (const pct of [0, 1, 10, 25, 50, 75, 99, 100]) {
      const f = flag({ rollout_percentage: pct });
      let on = 0;
      for (let id = 1; id <= 10_000; id++) if (evaluateFlag(f, staff(id)).on) on++;
      const share = on / 100;
      if (pct === 0 || pct === 100) expect(share).toBe(pct);
      else expect(Math.abs(share - pct)).toBeLessThan(2);
    }
  });

  it("spreads buckets evenly over 0..99 (chi-square, 99 degrees of freedom, p > 0.001)", () => {
    const counts = new Array(100).fill(0);
    const n = 20_000;
    for (let id = 1; id <= n; id++) counts[rolloutBucket("bundle_matching", id)]++;
    const expected = n / 100;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(148.2);
  });

  it("only adds users when the percentage rises (nobody loses the feature)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (id, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          if (evaluateFlag(flag({ rollout_percentage: lo }), staff(id)).on)
            expect(evaluateFlag(flag({ rollout_percentage: hi }), staff(id)).on).toBe(true);
        },
      ),
    );
  });

  it("draws a different half for each flag (the flag name is hashed with the user)", () => {
    let same = 0;
    for (let id = 1; id <= 2000; id++)
      if (
        evaluateFlag(flag({ name: "a_flag" }), staff(id)).on ===
        evaluateFlag(flag({ name: "b_flag" }), staff(id)).on
      )
        same++;
    // Independent halves agree for about half of the users; identical ones would agree for all.
    expect(same / 2000).toBeGreaterThan(0.4);
    expect(same / 2000).toBeLessThan(0.6);
  });

  it("lets overridden users and roles in regardless of the rollout", () => {
    const out = [...Array(200).keys()].map((i) => staff(i + 1)).find((u) => !evaluateFlag(flag(), u).on)!;
    expect(evaluateFlag(flag({ rollout_percentage: 0, override_users: [out.email] }), out)).toEqual({
      on: true,
      reason: "user_override",
    });
    expect(
      evaluateFlag(flag({ rollout_percentage: 0, override_users: [out.email] }), {
        ...out,
        email: out.email.toUpperCase(),
      }).on,
    ).toBe(true);
    expect(
      evaluateFlag(flag({ rollout_percentage: 0, override_roles: ["admin"] }), { ...out, rolle: "admin" }),
    ).toEqual({
      on: true,
      reason: "role_override",
    });
    expect(evaluateFlag(flag({ rollout_percentage: 0, override_roles: ["admin"] }), out)).toEqual({
      on: false,
      reason: "not_in_rollout",
    });
  });

  it("is off for everyone, overrides included, while the master switch is off", () => {
    const f = flag({
      enabled: false,
      rollout_percentage: 100,
      override_users: ["a@x.de"],
      override_roles: ["staff"],
    });
    expect(evaluateFlag(f, staff(1, "a@x.de"))).toEqual({ on: false, reason: "disabled" });
  });

  it("answers scheduled work by the master switch only; an unknown flag is off", () => {
    expect(flagOnForSystem(flag({ rollout_percentage: 0 }))).toBe(true);
    expect(flagOnForSystem(flag({ enabled: false, rollout_percentage: 100 }))).toBe(false);
    expect(flagOnForSystem(undefined)).toBe(false);
  });
});
