/* Staff web UI: a small dependency-free single-page app over the REST API (German, like the staff). */
"use strict";

const $main = document.getElementById("main");
const state = { token: sessionStorage.getItem("token"), user: null };

// ---------- helpers ----------
const esc = (v) =>
  String(v ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
const fmt = (v) => {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "boolean") return v ? "ja" : "nein";
  if (Array.isArray(v))
    return v.map((x) => (typeof x === "object" ? JSON.stringify(x) : x)).join(", ") || "–";
  if (typeof v === "object") return JSON.stringify(v);
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toLocaleString("de-DE");
  return String(v);
};
function toast(msg, error = false) {
  const d = document.createElement("div");
  d.textContent = msg;
  if (error) d.className = "error";
  document.getElementById("toast").appendChild(d);
  setTimeout(() => d.remove(), error ? 8000 : 4000);
}
async function api(method, path, body, opts = {}) {
  const headers = {};
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const res = await fetch(`/api${path}`, { method, headers, body: payload });
  const text = await res.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    /* plain text */
  }
  if (res.status === 401 && !opts.allow401) {
    logout();
    throw new Error("Bitte erneut anmelden");
  }
  if (!res.ok && !opts.raw) {
    const err = new Error((data && (data.message || data.error)) || `Fehler ${res.status}`);
    err.status = res.status;
    err.body = data;
    throw err;
  }
  return opts.raw ? { status: res.status, body: data } : data;
}
const qs = (o) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== "" && v !== undefined && v !== null) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
};
function h(html) {
  const t = document.createElement("template");
  t.innerHTML = html.trim();
  return t.content;
}
async function guard(fn) {
  try {
    return await fn();
  } catch (e) {
    toast(e.body && e.body.type ? `${e.message} (${e.body.type})` : e.message, true);
    return undefined;
  }
}

// ---------- forms ----------
const ENUMS = {
  anrede: ["Herr", "Frau"],
  geschlecht: ["männlich", "weiblich", "divers", "keine_Angabe"],
  patientStatus: [
    "offen",
    "auf_der_Suche",
    "in_Therapie",
    "Therapie_abgeschlossen",
    "Suche_abgebrochen",
    "Therapie_abgebrochen",
  ],
  therapeutStatus: ["aktiv", "gesperrt", "inaktiv"],
  praeferenz: ["Egal", "Männlich", "Weiblich"],
  verfahren: ["egal", "Verhaltenstherapie", "tiefenpsychologisch_fundierte_Psychotherapie"],
  suchstatus: ["aktiv", "pausiert", "erfolgreich", "abgebrochen"],
  ergebnis: [
    "angenommen",
    "abgelehnt_Kapazitaet",
    "abgelehnt_nicht_geeignet",
    "abgelehnt_sonstiges",
    "nicht_erschienen",
    "in_Sitzungen",
  ],
  verkehrsmittel: ["Auto", "ÖPNV"],
  anrufStatus: ["geplant", "abgeschlossen", "fehlgeschlagen", "abgebrochen"],
  emailStatus: ["Entwurf", "In_Warteschlange", "Wird_gesendet", "Gesendet", "Fehlgeschlagen"],
  templates: ["email_contact", "phone_contact", "meeting_confirmation_email", "meeting_confirmation_phone"],
};
const SYMPTOME = [
  "Depression / Niedergeschlagenheit",
  "Ängste / Panikattacken",
  "Burnout / Erschöpfung",
  "Schlafstörungen",
  "Stress / Überforderung",
  "Trauer / Verlust",
  "Reizbarkeit / Wutausbrüche",
  "Stimmungsschwankungen",
  "Innere Leere",
  "Einsamkeit",
  "Sorgen / Grübeln",
  "Selbstzweifel",
  "Konzentrationsprobleme",
  "Negative Gedanken",
  "Entscheidungsschwierigkeiten",
  "Psychosomatische Beschwerden",
  "Chronische Schmerzen",
  "Essstörungen",
  "Suchtprobleme (Alkohol/Drogen)",
  "Sexuelle Probleme",
  "Beziehungsprobleme",
  "Familienkonflikte",
  "Sozialer Rückzug",
  "Mobbing",
  "Trennungsschmerz",
  "Traumatische Erlebnisse",
  "Zwänge",
  "Selbstverletzung",
  "Suizidgedanken",
  "Identitätskrise",
];

function field(f, value) {
  const v = value ?? "";
  const label = esc(f.label || f.name);
  if (f.type === "select" || f.type === "bool") {
    const opts =
      f.type === "bool"
        ? [
            ["", "–"],
            ["true", "ja"],
            ["false", "nein"],
          ]
        : [["", "–"], ...f.options.map((o) => [o, o])];
    const cur = f.type === "bool" ? (v === true ? "true" : v === false ? "false" : "") : v;
    return `<label>${label}<select name="${f.name}">${opts
      .map(([o, t]) => `<option value="${esc(o)}"${String(cur) === o ? " selected" : ""}>${esc(t)}</option>`)
      .join("")}</select></label>`;
  }
  if (f.type === "multi") {
    const cur = Array.isArray(v) ? v : [];
    return `<label>${label}<select name="${f.name}" multiple size="6">${f.options
      .map((o) => `<option${cur.includes(o) ? " selected" : ""}>${esc(o)}</option>`)
      .join("")}</select></label>`;
  }
  if (f.type === "json" || f.type === "textarea") {
    const text = f.type === "json" ? (v === "" ? "" : JSON.stringify(v)) : v;
    return `<label>${label}<textarea name="${f.name}" placeholder="${esc(f.placeholder || "")}">${esc(text)}</textarea></label>`;
  }
  return `<label>${label}<input name="${f.name}" type="${f.type || "text"}" value="${esc(v)}" placeholder="${esc(f.placeholder || "")}"></label>`;
}
/** Reads a form; only changed/non-empty values are sent (partial updates). */
function readForm(form, fields, original) {
  const out = {};
  for (const f of fields) {
    const el = form.elements[f.name];
    if (!el) continue;
    let v;
    if (f.type === "multi") v = [...el.selectedOptions].map((o) => o.value);
    else if (f.type === "bool") v = el.value === "" ? undefined : el.value === "true";
    else if (f.type === "json") v = el.value.trim() === "" ? undefined : JSON.parse(el.value);
    else if (f.type === "number") v = el.value === "" ? undefined : Number(el.value);
    else v = el.value === "" ? undefined : el.value;
    if (v === undefined) continue;
    if (original && JSON.stringify(original[f.name]) === JSON.stringify(v)) continue;
    if (f.type === "multi" && !original && v.length === 0) continue;
    out[f.name] = v;
  }
  return out;
}

const PATIENT_FIELDS = [
  { name: "anrede", type: "select", options: ENUMS.anrede },
  { name: "geschlecht", type: "select", options: ENUMS.geschlecht },
  { name: "vorname" },
  { name: "nachname" },
  { name: "email", type: "email" },
  { name: "telefon" },
  { name: "strasse" },
  { name: "plz" },
  { name: "ort" },
  { name: "geburtsdatum", type: "date" },
  { name: "krankenkasse" },
  { name: "krankenversicherungsnummer" },
  { name: "hausarzt" },
  { name: "status", type: "select", options: ENUMS.patientStatus },
  { name: "symptome", type: "multi", options: SYMPTOME, label: "symptome (1–3)" },
  { name: "erfahrung_mit_psychotherapie", type: "bool" },
  { name: "letzte_sitzung_vorherige_psychotherapie", type: "date" },
  { name: "offen_fuer_gruppentherapie", type: "bool" },
  { name: "offen_fuer_diga", type: "bool" },
  { name: "vertraege_unterschrieben", type: "bool" },
  { name: "zahlung_eingegangen", type: "bool" },
  { name: "zeitliche_verfuegbarkeit", type: "json", placeholder: '{"montag": ["09:00-17:00"]}' },
  { name: "raeumliche_verfuegbarkeit", type: "json", placeholder: '{"max_km": 25}' },
  { name: "verkehrsmittel", type: "select", options: ENUMS.verkehrsmittel },
  { name: "bevorzugtes_therapeutengeschlecht", type: "select", options: ENUMS.praeferenz },
  { name: "bevorzugtes_therapieverfahren", type: "select", options: ENUMS.verfahren },
  { name: "empfehler_der_unterstuetzung" },
  { name: "erster_therapieplatz_am", type: "date" },
  { name: "funktionierender_therapieplatz_am", type: "date" },
];
const THERAPIST_FIELDS = [
  { name: "anrede", type: "select", options: ENUMS.anrede },
  { name: "geschlecht", type: "select", options: ENUMS.geschlecht },
  { name: "titel" },
  { name: "vorname" },
  { name: "nachname" },
  { name: "strasse" },
  { name: "plz" },
  { name: "ort" },
  { name: "telefon" },
  { name: "fax" },
  { name: "email", type: "email" },
  { name: "webseite" },
  { name: "status", type: "select", options: ENUMS.therapeutStatus },
  { name: "sperrgrund" },
  { name: "kassensitz", type: "bool" },
  { name: "potenziell_verfuegbar", type: "bool" },
  { name: "potenziell_verfuegbar_notizen", type: "textarea" },
  { name: "ueber_curavani_informiert", type: "bool" },
  { name: "psychotherapieverfahren", type: "select", options: ENUMS.verfahren },
  { name: "telefonische_erreichbarkeit", type: "json", placeholder: '{"dienstag": ["08:00-09:00"]}' },
  { name: "arbeitszeiten", type: "json" },
  { name: "fremdsprachen", type: "json", placeholder: '["Englisch"]' },
  { name: "alter_min", type: "number" },
  { name: "alter_max", type: "number" },
  { name: "geschlechtspraeferenz", type: "select", options: ENUMS.praeferenz },
  { name: "bevorzugt_gruppentherapie", type: "bool" },
  { name: "naechster_kontakt_moeglich", type: "date" },
  { name: "zusatzqualifikationen", type: "textarea" },
  { name: "besondere_leistungsangebote", type: "textarea" },
];

// ---------- generic list ----------
async function listView({ title, path, columns, filters = [], link, extra }) {
  const params = Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] || ""));
  params.page = params.page || "1";
  const data = await api("GET", path + qs(params));
  const rows = data.data || [];
  const pages = Math.max(1, Math.ceil((data.total || 0) / (data.limit || 20)));
  $main.replaceChildren(
    h(`<h1>${esc(title)}</h1>
    ${extra || ""}
    <form class="inline" id="filters">${filters.map((f) => field(f, params[f.name])).join("")}
      ${filters.length ? "<button>Filtern</button>" : ""}</form>
    <table><thead><tr>${columns.map((c) => `<th>${esc(c[1])}</th>`).join("")}</tr></thead>
    <tbody>${
      rows
        .map(
          (r) =>
            `<tr class="${link ? "clickable" : ""}" data-href="${link ? esc(link(r)) : ""}">${columns
              .map((c) => `<td>${esc(fmt(typeof c[2] === "function" ? c[2](r) : r[c[0]]))}</td>`)
              .join("")}</tr>`,
        )
        .join("") || `<tr><td colspan="${columns.length}" class="muted">Keine Einträge</td></tr>`
    }</tbody></table>
    <div class="pager">Seite ${data.page || 1} von ${pages} (${data.total ?? rows.length} Einträge)
      <button class="secondary" id="prev">‹</button><button class="secondary" id="next">›</button></div>`),
  );
  const go = (page) => {
    const base = location.hash.split("?")[0];
    location.hash = base + qs({ ...params, page });
  };
  document.getElementById("prev").onclick = () => params.page > 1 && go(Number(params.page) - 1);
  document.getElementById("next").onclick = () => Number(params.page) < pages && go(Number(params.page) + 1);
  document.getElementById("filters").onsubmit = (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target));
    location.hash = location.hash.split("?")[0] + qs({ ...f, page: 1 });
  };
  $main
    .querySelectorAll("tr.clickable")
    .forEach((tr) => (tr.onclick = () => (location.hash = tr.dataset.href)));
  return data;
}

function kv(obj, keys) {
  return `<div class="kv">${(keys || Object.keys(obj))
    .map((k) => `<div>${esc(k)}</div><div>${esc(fmt(obj[k]))}</div>`)
    .join("")}</div>`;
}

window.UI = {
  api,
  esc,
  fmt,
  toast,
  h,
  guard,
  field,
  readForm,
  listView,
  kv,
  ENUMS,
  PATIENT_FIELDS,
  THERAPIST_FIELDS,
  state,
  $main,
};

// ---------- login and routing ----------
function logout() {
  state.token = null;
  state.user = null;
  sessionStorage.removeItem("token");
  route();
}
window.UI.logout = logout;

function loginView() {
  document.getElementById("nav").hidden = true;
  document.getElementById("who").textContent = "";
  $main.replaceChildren(
    h(`<form class="card login" id="login"><h1>Anmelden</h1>
      <label>E-Mail<input name="email" type="email" required autocomplete="username"></label>
      <label>Passwort<input name="password" type="password" required autocomplete="current-password"></label>
      <div class="actions"><button>Anmelden</button></div></form>`),
  );
  document.getElementById("login").onsubmit = (e) =>
    guard(async () => {
      e.preventDefault();
      const r = await api("POST", "/auth/login", Object.fromEntries(new FormData(e.target)), {
        allow401: true,
      });
      state.token = r.token;
      sessionStorage.setItem("token", r.token);
      route();
    });
}

async function route() {
  if (!state.token) return loginView();
  if (!state.user) {
    const me = await guard(() => api("GET", "/auth/me"));
    if (!me) return loginView();
    state.user = me;
  }
  const nav = document.getElementById("nav");
  nav.hidden = false;
  nav.querySelectorAll("[data-admin]").forEach((a) => (a.hidden = state.user.rolle !== "admin"));
  const who = document.getElementById("who");
  who.replaceChildren(
    h(`${esc(state.user.email)} (${esc(state.user.rolle)}) <button class="secondary">Abmelden</button>`),
  );
  who.querySelector("button").onclick = () => guard(() => api("POST", "/auth/logout")).finally(logout);

  const hash = location.hash.replace(/^#\/?/, "").split("?")[0] || "patienten";
  const [section, id, sub] = hash.split("/");
  nav
    .querySelectorAll("a")
    .forEach((a) => a.classList.toggle("active", a.getAttribute("href") === `#/${section}`));
  const view = (window.VIEWS || {})[section];
  $main.replaceChildren(h('<p class="muted">Lädt …</p>'));
  if (!view) return $main.replaceChildren(h("<h1>Nicht gefunden</h1>"));
  await guard(() => view(id, sub));
}
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  const s = document.createElement("script");
  s.src = "/alt/views.js";
  s.onload = route;
  document.body.appendChild(s);
});
