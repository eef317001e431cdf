import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AnswerForm } from "./AnswerForm";

const patients = [
  { patient_id: 7, name: "Clara Flussweg" },
  { patient_id: 9, name: "Bruno Mitwartend" },
];
const renderForm = (onSubmit = vi.fn(), busy = false, error: string | null = null) => {
  render(
    <MantineProvider env="test">
      <AnswerForm patients={patients} busy={busy} error={error} onSubmit={onSubmit} />
    </MantineProvider>,
  );
  return onSubmit;
};
const choose = async (label: string, option: string) => {
  const user = userEvent.setup();
  await user.click(screen.getAllByLabelText(label)[0]);
  await user.click(await screen.findByRole("option", { name: option }));
};

describe("AnswerForm", () => {
  it("has one labelled German choice per patient and sends the API's outcome values by patient id", async () => {
    const onSubmit = renderForm();
    await choose("Antwort für Clara Flussweg", "Angenommen");
    await choose("Antwort für Bruno Mitwartend", "Abgelehnt – nicht geeignet");
    await userEvent.setup().click(screen.getByRole("button", { name: "Antwort speichern" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({
      patient_responses: { "7": "angenommen", "9": "abgelehnt_nicht_geeignet" },
    });
  });

  it("names the patient without an answer at its own field and sends nothing", async () => {
    const onSubmit = renderForm();
    await choose("Antwort für Clara Flussweg", "Angenommen");
    await userEvent.setup().click(screen.getByRole("button", { name: "Antwort speichern" }));
    expect(onSubmit).not.toHaveBeenCalled();
    const missing = screen.getAllByLabelText("Antwort für Bruno Mitwartend")[0];
    expect(missing.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByText("Bitte eine Antwort wählen")).toHaveLength(1);
  });

  it("is disabled while its request runs and shows the German error", () => {
    renderForm(vi.fn(), true, "Die Anfrage wurde bereits beantwortet.");
    expect((screen.getByRole("button", { name: "Antwort speichern" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getByRole("alert").textContent).toBe("Die Anfrage wurde bereits beantwortet.");
  });
});
