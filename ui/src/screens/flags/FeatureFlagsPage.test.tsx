import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import FeatureFlagsPage, { changedFields } from "./FeatureFlagsPage";

const flag = {
  name: "bundle_matching",
  beschreibung: "Automatischer Bündel-Lauf",
  enabled: true,
  rollout_percentage: 50,
  override_users: [] as string[],
  override_roles: ["admin"],
  updated_at: "2026-12-04T10:00:00.000Z",
  updated_by: null,
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function renderPage(fetchImpl: (url: string, init?: RequestInit) => Promise<Response>) {
  vi.stubGlobal("fetch", vi.fn(fetchImpl));
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={qc}>
        <FeatureFlagsPage />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return fetch as unknown as ReturnType<typeof vi.fn>;
}

afterEach(() => vi.unstubAllGlobals());

describe("Funktionsschalter", () => {
  it("lists the flags and saves only what the admin changed", async () => {
    const puts: { url: string; body: unknown }[] = [];
    renderPage(async (url, init) => {
      if (init?.method === "PUT") {
        const body = JSON.parse(String(init.body));
        puts.push({ url, body });
        return json({ ...flag, ...body, updated_at: "2026-12-04T11:00:00.000Z", updated_by: "admin@x.de" });
      }
      return json({ data: [flag] });
    });
    const user = userEvent.setup();
    const card = await screen.findByRole("region", { name: "bundle_matching" });
    const save = within(card).getByRole("button", { name: "Speichern" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    await user.click(within(card).getByRole("switch", { name: "Eingeschaltet" }));
    const pct = within(card).getByLabelText("Anteil der Benutzer (%)");
    await user.clear(pct);
    await user.type(pct, "20");
    const emails = within(card).getByLabelText("Immer an für Benutzer (E-Mail)");
    await user.type(emails, "Erika@Example.org{enter}");
    await user.click(within(card).getByRole("checkbox", { name: "Administrator" }));
    await user.click(save);

    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0].url).toBe("/api/feature-flags/bundle_matching");
    expect(puts[0].body).toEqual({
      enabled: false,
      rollout_percentage: 20,
      override_users: ["erika@example.org"],
      override_roles: [],
    });
    expect(await screen.findByText(/von admin@x\.de/)).toBeTruthy();
  });

  it("refuses an override that is no e-mail address and says why", async () => {
    renderPage(async () => json({ data: [flag] }));
    const user = userEvent.setup();
    const card = await screen.findByRole("region", { name: "bundle_matching" });
    await user.type(within(card).getByLabelText("Immer an für Benutzer (E-Mail)"), "kein-mail{enter}");
    expect(await within(card).findByText("„kein-mail“ ist keine gültige E-Mail-Adresse")).toBeTruthy();
    expect((within(card).getByRole("button", { name: "Speichern" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it("says so when the user may not see the flags", async () => {
    renderPage(async () => json({ type: "FORBIDDEN", message: "Forbidden" }, 403));
    expect(await screen.findByText("Keine Berechtigung")).toBeTruthy();
  });

  it("sends nothing that did not change", () => {
    const d = {
      enabled: true,
      rollout_percentage: 5,
      override_users: ["a@b.de"],
      override_roles: [] as never[],
    };
    expect(changedFields(d, { ...d })).toEqual({});
    expect(changedFields(d, { ...d, rollout_percentage: 6 })).toEqual({ rollout_percentage: 6 });
  });
});
