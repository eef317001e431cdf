import { MantineProvider } from "@mantine/core";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { PatientForm } from "./PatientForm";
import { toFormValues } from "./patientForm";

const initial = {
  ...toFormValues(null),
  anrede: "Frau",
  geschlecht: "weiblich",
  vorname: "Erika",
  nachname: "Muster",
  plz: "52062",
};

function renderForm(onSubmit: (b: Record<string, unknown>, key: string) => Promise<void>) {
  const router = createMemoryRouter([
    { path: "/", element: <PatientForm isNew={false} initial={initial} onSubmit={onSubmit} /> },
  ]);
  render(
    <MantineProvider>
      <RouterProvider router={router} />
    </MantineProvider>,
  );
}

describe("PatientForm", () => {
  it("disables Speichern while the request runs, so a double click submits once", async () => {
    let finish: () => void = () => undefined;
    const onSubmit = vi.fn(
      (_body: Record<string, unknown>, _key: string) => new Promise<void>((r) => (finish = r)),
    );
    renderForm(onSubmit);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText("PLZ"));
    const save = screen.getByRole("button", { name: "Speichern" }) as HTMLButtonElement;
    await user.dblClick(save);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toEqual({ plz: null });
    expect(save.disabled).toBe(true);
    finish();
    await waitFor(() => expect(save.disabled).toBe(false));
  });

  it("shows an API validation error next to the field it names", async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(400, "VALIDATION_ERROR", "Invalid PLZ '1'. Must be 5 digits", { field: "plz" });
    });
    renderForm(onSubmit);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText("PLZ"));
    await user.type(screen.getByLabelText("PLZ"), "1");
    await user.click(screen.getByRole("button", { name: "Speichern" }));
    expect(await screen.findByText("PLZ muss 5 Ziffern haben")).toBeTruthy();
    expect(screen.getByLabelText("PLZ").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain("„PLZ“");
  });
});
