import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MantineProvider } from "@mantine/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { uploadProblems } from "./importUpload";
import { TherapistUploadForm } from "./TherapistUploadForm";

const file = (name: string, content = "{}") => new File([content], name);

describe("therapist import upload", () => {
  afterEach(() => vi.restoreAllMocks());

  it("checks the file and the PLZ before anything is sent", () => {
    expect(uploadProblems({ file: null, plz: "" })).toEqual({ file: "Bitte zuerst eine Datei auswählen." });
    expect(uploadProblems({ file: file("liste.pdf"), plz: "" }).file).toMatch(
      /Nur \.json- oder \.html-Dateien/,
    );
    expect(uploadProblems({ file: file("52062.json", ""), plz: "" })).toEqual({
      file: "Die Datei ist leer.",
    });
    expect(uploadProblems({ file: file("52062.json"), plz: "520" })).toEqual({
      plz: "PLZ muss 5 Ziffern haben",
    });
    expect(uploadProblems({ file: file("Ergebnis.HTML"), plz: " 52062 " })).toEqual({});
  });

  it("says at the file field that no file was chosen and sends no request", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    render(
      <MantineProvider>
        <TherapistUploadForm onDone={() => undefined} />
      </MantineProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Importieren" }));
    expect(await screen.findByText("Bitte zuerst eine Datei auswählen.")).toBeTruthy();
    expect(screen.queryByText(/Unsupported/)).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("disables the button while the upload runs and sends one request on a double click", async () => {
    let resolve: (r: Response) => void = () => undefined;
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(() => new Promise<Response>((r) => (resolve = r)));
    const { container } = render(
      <MantineProvider>
        <TherapistUploadForm onDone={() => undefined} />
      </MantineProvider>,
    );
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, file("52062.json", '{"therapists":[]}'));
    const button = screen.getByRole("button", { name: "Importieren" });
    await userEvent.dblClick(button);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    resolve(new Response(JSON.stringify({ total: 0, created: 0, failed: 0, errors: [] }), { status: 200 }));
    expect(await screen.findByText("Import abgeschlossen")).toBeTruthy();
  });
});
