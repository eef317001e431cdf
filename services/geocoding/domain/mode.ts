/** What the geocoding settings allow to leave the platform (decisions.md 31), for the status page and the banner. */
export interface GeocodingMode {
  mode: "offline" | "online";
  nominatim_url: string | null;
  osrm_url: string | null;
  /** Patient addresses (and free-text lookups, which may be one) go to Nominatim. */
  patient_addresses_online: boolean;
  summary: string;
}

export function geocodingMode(g: {
  online: boolean;
  nominatimUrl: string | null;
  osrmUrl: string | null;
  patientAddressesOnline: boolean;
}): GeocodingMode {
  const nominatim = g.online ? g.nominatimUrl : null;
  const osrm = g.online ? g.osrmUrl : null;
  const patients = !!nominatim && g.patientAddressesOnline;
  const parts: string[] = [];
  if (nominatim)
    parts.push(
      `Nominatim ${nominatim} for ${patients ? "therapist and patient addresses" : "therapist practice addresses only"}`,
    );
  if (osrm) parts.push(`OSRM ${osrm} for road distances`);
  return {
    mode: nominatim || osrm ? "online" : "offline",
    nominatim_url: nominatim,
    osrm_url: osrm,
    patient_addresses_online: patients,
    summary: parts.length
      ? `Geocoding: ${parts.join("; ")}; offline geocoder as fallback`
      : "Geocoding: offline (built-in PLZ and place list, great-circle distances; no external service is called)",
  };
}
