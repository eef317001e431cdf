import {
  findTherapistsRequest,
  point,
  reverseRequest,
  travelMode,
} from "../../../services/geocoding/domain/requests";

describe("geocoding request parameters (domain.md 4.6)", () => {
  it("reads coordinate pairs from text or numbers and names what is wrong", () => {
    expect(point("50.1", "6.2", "origin")).toEqual({ ok: true, value: { latitude: 50.1, longitude: 6.2 } });
    expect(point(undefined, "", "origin")).toEqual({ ok: true, value: null });
    expect(point("50.1", undefined, "origin")).toEqual({
      ok: false,
      error: "Both origin latitude and longitude are required",
    });
    expect(point("50,1", "6", "origin")).toMatchObject({
      ok: false,
      error: expect.stringContaining("numbers expected"),
    });
    expect(point(91, 6, "origin")).toMatchObject({ ok: false, error: expect.stringContaining("±90") });
  });

  it("accepts car and transit only", () => {
    expect(travelMode(undefined)).toEqual({ ok: true, value: "car" });
    expect(travelMode("transit")).toEqual({ ok: true, value: "transit" });
    expect(travelMode("bike")).toMatchObject({
      ok: false,
      error: expect.stringContaining("Mode of transport (car or transit)"),
    });
  });

  it("names latitude and longitude when a reverse lookup lacks them", () => {
    expect(reverseRequest({ lat: "50.1" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/latitude.*longitude/),
    });
    expect(reverseRequest({ lat: "50.1", lon: "6.1" })).toMatchObject({ ok: true });
  });

  it("checks a find-therapists body", () => {
    const t = [{ id: 1, plz: "52062" }];
    expect(findTherapistsRequest({ therapists: t }, 25)).toMatchObject({
      ok: false,
      error: expect.stringContaining("Patient location is required"),
    });
    expect(findTherapistsRequest({ patient_address: "Aachen", therapists: "x" }, 25)).toMatchObject({
      ok: false,
      error: expect.stringContaining("therapists must be a list"),
    });
    expect(
      findTherapistsRequest({ patient_address: "Aachen", therapists: [{ plz: "1" }] }, 25),
    ).toMatchObject({ ok: false, error: "therapists[0] must be an object with an id" });
    expect(
      findTherapistsRequest({ patient_address: "Aachen", max_distance_km: -1, therapists: t }, 25),
    ).toMatchObject({ ok: false, error: expect.stringContaining("max_distance_km") });
    expect(findTherapistsRequest({ patient_lat: 50, patient_lon: 6, therapists: t }, 25)).toEqual({
      ok: true,
      value: { patient: { latitude: 50, longitude: 6 }, maxKm: 25, mode: "car", therapists: t },
    });
  });
});
