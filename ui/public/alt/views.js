/* Views of the staff UI, one per navigation entry. All text from the API is escaped before display. */
"use strict";
(() => {
  const {
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
  } = window.UI;
  const isAdmin = () => state.user && state.user.rolle === "admin";
  const append = (html) => $main.appendChild(h(html));
  const on = (id, fn) => {
    const el = document.getElementById(id);
    if (el) el.onclick = (e) => guard(() => fn(e));
  };
  const onSubmit = (id, fn) => {
    const el = document.getElementById(id);
    if (el)
      el.onsubmit = (e) => {
        e.preventDefault();
        return guard(() => fn(e.target));
      };
  };

  function editForm(id, fields, original) {
    return `<form class="grid" id="${id}">${fields.map((f) => field(f, original ? original[f.name] : undefined)).join("")}
      <div class="actions"><button>Speichern</button></div></form>`;
  }

  // ---------- Patienten ----------
  async function patienten(id, sub) {
    if (id === "neu") {
      $main.replaceChildren(h(`<h1>Neuer Patient</h1>${editForm("f", PATIENT_FIELDS)}`));
      return onSubmit("f", async (form) => {
        const p = await api("POST", "/patients", readForm(form, PATIENT_FIELDS));
        toast("Patient angelegt");
        location.hash = `#/patienten/${p.id}`;
      });
    }
    if (id && sub === "kommunikation")
      return kommunikation(`/patients/${id}/communication`, `#/patienten/${id}`);
    if (id) {
      const p = await api("GET", `/patients/${id}`);
      $main.replaceChildren(
        h(`<h1>${esc(p.anrede)} ${esc(p.vorname)} ${esc(p.nachname)} <span class="badge">${esc(p.status)}</span></h1>
        ${p.standort_unbekannt ? '<p class="warn">Standort unbekannt: Adresse prüfen, sonst wird der Patient nicht vermittelt.</p>' : ""}
        ${p.vorqualifikation ? `<div class="card"><strong>Vorqualifikation</strong>${kv(p.vorqualifikation)}</div>` : ""}
        <div class="actions">
          <button id="search">Platzsuche anlegen</button>
          <a href="#/patienten/${p.id}/kommunikation"><button class="secondary" type="button">Kommunikation</button></a>
          <button class="secondary" id="contact">Letzten Kontakt = heute</button>
          ${isAdmin() ? '<button class="secondary" id="export">DSGVO-Export</button><button class="danger" id="erase">DSGVO-Löschung</button>' : ""}
          <button class="danger" id="del">Löschen</button>
        </div>
        <div class="card">${kv(p, ["id", "zahlungsreferenz", "startdatum", "letzter_kontakt", "latitude", "longitude", "created_at", "updated_at"])}</div>
        <h2>Bearbeiten</h2>${editForm("f", PATIENT_FIELDS, p)}`),
      );
      onSubmit("f", async (form) => {
        await api("PUT", `/patients/${p.id}`, readForm(form, PATIENT_FIELDS, p));
        toast("Gespeichert");
        patienten(id);
      });
      on("search", async () => {
        const notizen = prompt("Notiz zur Platzsuche (optional)") ?? undefined;
        const r = await api("POST", "/platzsuchen", { patient_id: p.id, notizen: notizen || undefined });
        toast(r.message + (r.warnungen ? `\n${JSON.stringify(r.warnungen)}` : ""));
        location.hash = `#/platzsuchen/${r.id}`;
      });
      on("contact", async () => {
        await api("PATCH", `/patients/${p.id}/last-contact`, {});
        toast("Letzter Kontakt aktualisiert");
        patienten(id);
      });
      on("export", async () => {
        const data = await api("GET", `/patients/${p.id}/export`);
        const a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
        a.download = `patient-${p.id}-export.json`;
        a.click();
      });
      on("erase", async () => {
        if (!confirm("Alle Daten dieses Patienten unwiderruflich löschen (DSGVO Art. 17)?")) return;
        toast((await api("POST", `/patients/${p.id}/erasure`, {})).message);
        location.hash = "#/patienten";
      });
      on("del", async () => {
        if (!confirm("Patient löschen? Aktive Platzsuchen werden abgebrochen.")) return;
        toast((await api("DELETE", `/patients/${p.id}`)).message);
        location.hash = "#/patienten";
      });
      return;
    }
    await listView({
      title: "Patienten",
      path: "/patients",
      extra:
        '<div class="actions"><a href="#/patienten/neu"><button type="button">Neuer Patient</button></a><a href="#/import"><button class="secondary" type="button">Import</button></a></div>',
      filters: [
        { name: "search", label: "Suche (Name, E-Mail)" },
        { name: "status", type: "select", options: ENUMS.patientStatus },
      ],
      columns: [
        ["id", "ID"],
        ["nachname", "Nachname"],
        ["vorname", "Vorname"],
        ["plz", "PLZ"],
        ["ort", "Ort"],
        ["status", "Status"],
        ["email", "E-Mail"],
        ["startdatum", "Start"],
      ],
      link: (r) => `#/patienten/${r.id}`,
    });
  }

  // ---------- Therapeuten ----------
  async function therapeuten(id, sub) {
    if (id === "neu") {
      $main.replaceChildren(h(`<h1>Neuer Therapeut</h1>${editForm("f", THERAPIST_FIELDS)}`));
      return onSubmit("f", async (form) => {
        const t = await api("POST", "/therapists", readForm(form, THERAPIST_FIELDS));
        location.hash = `#/therapeuten/${t.id}`;
      });
    }
    if (id && sub === "kommunikation")
      return kommunikation(`/therapists/${id}/communication`, `#/therapeuten/${id}`);
    if (id) {
      const t = await api("GET", `/therapists/${id}`);
      const pdfs = await api("GET", `/therapists/${id}/pdfs`).catch(() => ({ pdfs: [] }));
      $main.replaceChildren(
        h(`<h1>${esc(t.titel)} ${esc(t.vorname)} ${esc(t.nachname)} <span class="badge">${esc(t.status)}</span></h1>
        <div class="actions"><a href="#/therapeuten/${t.id}/kommunikation"><button class="secondary" type="button">Kommunikation</button></a>
          <button class="danger" id="del">Löschen</button></div>
        <div class="card">${kv(t, ["id", "naechster_kontakt_moeglich", "letzter_kontakt_email", "letzter_kontakt_telefon", "latitude", "longitude", "updated_at"])}</div>
        <h2>Formulare (PDF)</h2>
        <table><tbody>${
          (pdfs.pdfs || [])
            .map(
              (f) =>
                `<tr><td>${esc(f.filename)}</td><td>${esc(Math.round(f.size / 1024))} KB</td><td><button class="secondary" data-pdf="${esc(f.filename)}">Entfernen</button></td></tr>`,
            )
            .join("") || '<tr><td class="muted">Keine PDFs</td></tr>'
        }</tbody></table>
        <form class="inline" id="upload"><input type="file" name="file" accept="application/pdf"><button>Hochladen</button></form>
        <h2>Bearbeiten</h2>${editForm("f", THERAPIST_FIELDS, t)}`),
      );
      onSubmit("f", async (form) => {
        await api("PUT", `/therapists/${t.id}`, readForm(form, THERAPIST_FIELDS, t));
        toast("Gespeichert");
        therapeuten(id);
      });
      onSubmit("upload", async (form) => {
        await api("POST", `/therapists/${t.id}/pdfs`, new FormData(form));
        toast("Hochgeladen");
        therapeuten(id);
      });
      $main.querySelectorAll("[data-pdf]").forEach(
        (b) =>
          (b.onclick = () =>
            guard(async () => {
              await api("DELETE", `/therapists/${t.id}/pdfs?filename=${encodeURIComponent(b.dataset.pdf)}`);
              therapeuten(id);
            })),
      );
      on("del", async () => {
        if (!confirm("Therapeut löschen?")) return;
        toast((await api("DELETE", `/therapists/${t.id}`)).message);
        location.hash = "#/therapeuten";
      });
      return;
    }
    await listView({
      title: "Therapeuten",
      path: "/therapists",
      extra:
        '<div class="actions"><a href="#/therapeuten/neu"><button type="button">Neuer Therapeut</button></a><a href="#/import"><button class="secondary" type="button">Import</button></a></div>',
      filters: [
        { name: "search", label: "Suche (Name, Verfahren)" },
        { name: "plz_prefix", label: "PLZ beginnt mit" },
        { name: "status", type: "select", options: ENUMS.therapeutStatus },
        { name: "potenziell_verfuegbar", type: "select", options: ["true", "false"] },
      ],
      columns: [
        ["id", "ID"],
        ["nachname", "Nachname"],
        ["vorname", "Vorname"],
        ["plz", "PLZ"],
        ["ort", "Ort"],
        ["status", "Status"],
        ["email", "E-Mail"],
        ["naechster_kontakt_moeglich", "Kontakt ab"],
      ],
      link: (r) => `#/therapeuten/${r.id}`,
    });
  }

  async function kommunikation(path, back) {
    const c = await api("GET", path);
    $main.replaceChildren(
      h(`<h1>Kommunikation</h1><p><a href="${esc(back)}">zurück</a> · E-Mails: ${esc(c.total_emails)} · Anrufe: ${esc(c.total_calls)} · letzter Kontakt: ${esc(fmt(c.last_contact))}</p>
      <table><thead><tr><th>Art</th><th>Datum</th><th>Betreff</th><th>Status</th></tr></thead><tbody>${(
        c.communications || []
      )
        .map(
          (x) =>
            `<tr><td>${esc(x.type)}</td><td>${esc(fmt(x.date))}</td><td>${esc(x.subject || "")}</td><td>${esc(x.status)}</td></tr>`,
        )
        .join("")}</tbody></table>`),
    );
  }

  // ---------- Platzsuchen ----------
  async function platzsuchen(id) {
    if (id) {
      const s = await api("GET", `/platzsuchen/${id}`);
      $main.replaceChildren(
        h(`<h1>Platzsuche ${esc(s.id)} – ${esc(s.patient && s.patient.vorname)} ${esc(s.patient && s.patient.nachname)} <span class="badge">${esc(s.status)}</span></h1>
        <div class="card">${kv(s, ["patient_id", "created_at", "aktive_anfragen", "gesamt_anfragen", "vermittelter_therapeut_id", "erfolgreiche_vermittlung_datum", "gesamt_angeforderte_kontakte", "ausgeschlossene_therapeuten"])}
          <p><strong>Notizen</strong></p><pre>${esc(s.notizen || "")}</pre></div>
        <form class="grid" id="f">
          ${field({ name: "status", type: "select", options: ENUMS.suchstatus }, s.status)}
          ${field({ name: "vermittelter_therapeut_id", type: "number" }, s.vermittelter_therapeut_id)}
          ${field(
            { name: "ausgeschlossene_therapeuten", type: "json", label: "Ausschlussliste (IDs)" },
            (s.ausgeschlossene_therapeuten || []).map((e) => (typeof e === "object" ? e.id : e)),
          )}
          ${field({ name: "email_template_type", type: "select", options: ENUMS.templates })}
          ${field({ name: "meeting_details", type: "json", placeholder: '{"date": "15. Februar 2025", "time": "14:00 Uhr"}' })}
          ${field({ name: "notizen", type: "textarea", label: "neue Notiz" })}
          <div class="actions"><button>Speichern</button></div></form>
        <form class="inline" id="k"><label>weitere Kontakte<input name="requested_count" type="number" min="1" max="100" value="25"></label><button>Kontaktanfrage</button></form>
        <h2>Anfrageverlauf</h2>
        <table><thead><tr><th>Anfrage</th><th>Therapeut</th><th>Status</th><th>Ergebnis</th><th>gesendet</th><th>Antwort</th></tr></thead><tbody>${(
          s.anfrage_verlauf || []
        )
          .map(
            (a) =>
              `<tr class="clickable" data-href="#/anfragen/${esc(a.anfrage_id)}"><td>A${esc(a.anfrage_id)}</td><td>${esc(a.therapeuten_name)}</td><td>${esc(a.status)}</td><td>${esc(fmt(a.outcome))}</td><td>${esc(fmt(a.sent_date))}</td><td>${esc(fmt(a.response_date))}</td></tr>`,
          )
          .join("")}</tbody></table>
        <div class="actions"><button class="danger" id="del">Platzsuche löschen</button></div>`),
      );
      $main
        .querySelectorAll("tr.clickable")
        .forEach((tr) => (tr.onclick = () => (location.hash = tr.dataset.href)));
      onSubmit("f", async (form) => {
        const body = readForm(
          form,
          [
            { name: "status" },
            { name: "vermittelter_therapeut_id", type: "number" },
            { name: "ausgeschlossene_therapeuten", type: "json" },
            { name: "email_template_type" },
            { name: "meeting_details", type: "json" },
            { name: "notizen" },
          ],
          { status: s.status, vermittelter_therapeut_id: s.vermittelter_therapeut_id },
        );
        toast((await api("PUT", `/platzsuchen/${s.id}`, body)).message);
        platzsuchen(id);
      });
      onSubmit("k", async (form) => {
        const r = await api("POST", `/platzsuchen/${s.id}/kontaktanfrage`, {
          requested_count: Number(form.requested_count.value),
        });
        toast(r.message);
        platzsuchen(id);
      });
      on("del", async () => {
        if (!confirm("Platzsuche löschen?")) return;
        await api("DELETE", `/platzsuchen/${s.id}`);
        location.hash = "#/platzsuchen";
      });
      return;
    }
    await listView({
      title: "Platzsuchen",
      path: "/platzsuchen",
      filters: [
        { name: "status", type: "select", options: ENUMS.suchstatus },
        { name: "patient_id", label: "Patient-ID" },
      ],
      columns: [
        ["id", "ID"],
        ["patienten_name", "Patient"],
        ["status", "Status"],
        ["aktive_anfragen", "aktive Anfragen"],
        ["gesamt_anfragen", "Anfragen gesamt"],
        ["vermittelter_therapeut_id", "vermittelt an"],
        ["created_at", "seit"],
      ],
      link: (r) => `#/platzsuchen/${r.id}`,
    });
  }

  // ---------- Auswahl & Anfrage ----------
  async function auswahl() {
    const params = new URLSearchParams(location.hash.split("?")[1] || "");
    const prefix = params.get("plz_prefix") || "";
    $main.replaceChildren(
      h(`<h1>Therapeuten zur Auswahl</h1>
      <form class="inline" id="q"><label>PLZ-Präfix (2 Ziffern)<input name="plz_prefix" value="${esc(prefix)}" maxlength="2"></label>
        <label>sofort senden<input type="checkbox" id="send" checked></label><button>Anzeigen</button></form><div id="res"></div>`),
    );
    onSubmit(
      "q",
      async (form) => (location.hash = `#/auswahl?plz_prefix=${encodeURIComponent(form.plz_prefix.value)}`),
    );
    if (!prefix) return;
    const r = await api("GET", `/therapeuten-zur-auswahl?plz_prefix=${encodeURIComponent(prefix)}`);
    document.getElementById("res").replaceChildren(
      h(
        `<p>${esc(r.total)} Therapeuten kontaktierbar</p><table><thead><tr><th>Name</th><th>PLZ/Ort</th><th>E-Mail</th><th>verfügbar</th><th>informiert</th><th></th></tr></thead><tbody>${r.data
          .map(
            (
              t,
            ) => `<tr><td>${esc(t.titel || "")} ${esc(t.vorname)} ${esc(t.nachname)}</td><td>${esc(t.plz)} ${esc(t.ort)}</td><td>${esc(t.email || "–")}</td>
          <td>${esc(fmt(t.potenziell_verfuegbar))}</td><td>${esc(fmt(t.ueber_curavani_informiert))}</td><td><button data-t="${esc(t.id)}">Anfrage erstellen</button></td></tr>`,
          )
          .join("")}</tbody></table>`,
      ),
    );
    $main.querySelectorAll("[data-t]").forEach(
      (b) =>
        (b.onclick = () =>
          guard(async () => {
            const body = {
              therapist_id: Number(b.dataset.t),
              plz_prefix: prefix,
              sofort_senden: document.getElementById("send").checked,
            };
            let res = await api("POST", "/therapeutenanfragen/erstellen-fuer-therapeut", body, { raw: true });
            if (res.status === 409) {
              const why = prompt(`${res.body.message}\nTrotzdem anfragen? Begründung eingeben:`);
              if (!why) return;
              res = await api(
                "POST",
                "/therapeutenanfragen/erstellen-fuer-therapeut",
                { ...body, override_cooling: true, begruendung: why },
                { raw: true },
              );
            }
            if (res.status >= 400) throw Object.assign(new Error(res.body.message), { body: res.body });
            toast(res.body.message);
            if (res.body.anfrage_id) location.hash = `#/anfragen/${res.body.anfrage_id}`;
          })),
    );
  }

  // ---------- Anfragen ----------
  async function anfragen(id) {
    if (id) {
      const a = await api("GET", `/therapeutenanfragen/${id}`);
      const t = a.therapist || {};
      $main.replaceChildren(
        h(`<h1>Anfrage A${esc(a.id)} an ${esc(t.titel || "")} ${esc(t.vorname || "")} ${esc(t.nachname || "")}</h1>
        <div class="card">${kv(a, ["erstellt_datum", "gesendet_datum", "antwort_datum", "tage_seit_versand", "antworttyp", "anfragegroesse", "nachverfolgung_erforderlich", "email_id", "phone_call_id"])}
          <pre>${esc(a.notizen || "")}</pre></div>
        <div class="actions">${a.gesendet_datum ? "" : '<button id="send">Senden</button>'}<button class="danger" id="del">Löschen</button></div>
        <form id="antwort"><table><thead><tr><th>Pos.</th><th>Patient</th><th>Alter/Geschlecht</th><th>Wartezeit</th><th>Status</th><th>Ergebnis</th></tr></thead><tbody>${(
          a.patients || []
        )
          .map(
            (
              p,
            ) => `<tr><td>${esc(p.position)}</td><td><a href="#/patienten/${esc(p.patient_id)}">${esc(p.patient_id)}</a></td>
            <td>${esc(p.patient ? p.patient.geschlecht : "")}</td><td>${esc(p.wartezeit_tage)} Tage</td><td>${esc(p.status)}</td>
            <td><select name="${esc(p.patient_id)}"><option value="">–</option>${ENUMS.ergebnis
              .map((o) => `<option${p.antwortergebnis === o ? " selected" : ""}>${o}</option>`)
              .join("")}</select></td></tr>`,
          )
          .join("")}</tbody></table>
          <label>Notizen<textarea name="__notizen"></textarea></label><div class="actions"><button>Antwort erfassen</button></div></form>`),
      );
      on("send", async () => {
        toast((await api("POST", `/therapeutenanfragen/${a.id}/senden`, {})).message);
        anfragen(id);
      });
      on("del", async () => {
        if (!confirm("Anfrage löschen?")) return;
        await api("DELETE", `/therapeutenanfragen/${a.id}`);
        location.hash = "#/anfragen";
      });
      onSubmit("antwort", async (form) => {
        const patient_responses = {};
        for (const el of form.querySelectorAll("select")) if (el.value) patient_responses[el.name] = el.value;
        const notizen = form.__notizen.value || undefined;
        const r = await api("PUT", `/therapeutenanfragen/${a.id}/antwort`, { patient_responses, notizen });
        toast(`${r.message}: ${r.response_type}`);
        anfragen(id);
      });
      return;
    }
    await listView({
      title: "Anfragen",
      path: "/therapeutenanfragen",
      filters: [
        { name: "versand_status", type: "select", options: ["gesendet", "ungesendet"] },
        { name: "antwort_status", type: "select", options: ["beantwortet", "ausstehend"] },
        { name: "nachverfolgung_erforderlich", type: "select", options: ["true", "false"] },
        { name: "therapist_id", label: "Therapeut-ID" },
      ],
      columns: [
        ["id", "ID", (r) => `A${r.id}`],
        ["therapeuten_name", "Therapeut"],
        ["anfragegroesse", "Größe"],
        ["gesendet_datum", "gesendet"],
        ["tage_seit_versand", "Tage"],
        ["antworttyp", "Antwort"],
        ["nachverfolgung_erforderlich", "Nachverfolgung"],
      ],
      link: (r) => `#/anfragen/${r.id}`,
    });
  }

  // ---------- Bündel-Lauf ----------
  async function buendel() {
    $main.replaceChildren(
      h(`<h1>Automatischer Bündel-Lauf</h1><p class="muted">Schlägt allen kontaktierbaren Therapeuten 3–6 passende Patienten vor. Probelauf schreibt nichts.</p>
      <form class="inline" id="f"><label>PLZ-Präfix (optional)<input name="plz_prefix" maxlength="5"></label>
      <label>Probelauf<input type="checkbox" name="dry_run" checked></label><label>sofort senden<input type="checkbox" name="sofort_senden"></label><button>Starten</button></form><div id="res"></div>`),
    );
    onSubmit("f", async (form) => {
      const r = await api("POST", "/buendel/erstellen", {
        plz_prefix: form.plz_prefix.value || undefined,
        dry_run: form.dry_run.checked,
        sofort_senden: form.sofort_senden.checked,
      });
      document.getElementById("res").replaceChildren(
        h(`<p>${esc(r.message)} – ${esc(r.anzahl_buendel)} Bündel, ${esc(r.anzahl_patienten_zuordnungen)} Zuordnungen, ${esc(r.dauer_ms)} ms. Ausgelassen: ${esc(JSON.stringify(r.ausgelassen))}</p>
        <table><thead><tr><th>Anfrage</th><th>Therapeut</th><th>Patienten</th></tr></thead><tbody>${(
          r.buendel || []
        )
          .map(
            (b) =>
              `<tr><td>${b.anfrage_id ? `<a href="#/anfragen/${esc(b.anfrage_id)}">A${esc(b.anfrage_id)}</a>` : "–"}</td><td><a href="#/therapeuten/${esc(b.therapist_id)}">${esc(b.therapist_id)}</a></td><td>${esc(b.patient_ids.join(", "))}</td></tr>`,
          )
          .join("")}</tbody></table>`),
      );
    });
  }

  // ---------- E-Mails & Telefonate ----------
  async function emails(id) {
    if (id) {
      const e = await api("GET", `/emails/${id}`);
      $main.replaceChildren(
        h(`<h1>${esc(e.betreff)}</h1><div class="card">${kv(e, ["empfaenger_name", "empfaenger_email", "status", "in_warteschlange_am", "gesendet_am", "fehlermeldung", "wiederholungsanzahl", "antwort_erhalten", "attachments"])}</div>
        <div class="actions">${e.status === "Entwurf" || e.status === "Fehlgeschlagen" ? '<button id="queue">In Warteschlange</button>' : ""}</div>
        <iframe sandbox="" style="width:100%;height:60vh;border:1px solid #ccd;background:#fff" id="body"></iframe>`),
      );
      document.getElementById("body").srcdoc = e.inhalt_html || "";
      on("queue", async () => {
        await api("PUT", `/emails/${e.id}`, { status: "In_Warteschlange" });
        emails(id);
      });
      return;
    }
    await listView({
      title: "E-Mails",
      path: "/emails",
      filters: [
        { name: "status", type: "select", options: ENUMS.emailStatus },
        { name: "recipient_type", type: "select", options: ["therapist", "patient"] },
      ],
      columns: [
        ["id", "ID"],
        ["betreff", "Betreff"],
        ["empfaenger_name", "Empfänger"],
        ["status", "Status"],
        ["gesendet_am", "gesendet"],
        ["created_at", "erstellt"],
      ],
      link: (r) => `#/emails/${r.id}`,
    });
  }

  async function telefonate(id) {
    if (id) {
      const c = await api("GET", `/phone-calls/${id}`);
      const fields = [
        { name: "status", type: "select", options: ENUMS.anrufStatus },
        { name: "geplantes_datum", type: "date" },
        { name: "geplante_zeit", type: "time" },
        { name: "tatsaechliches_datum", type: "date" },
        { name: "tatsaechliche_zeit", type: "time" },
        { name: "ergebnis", type: "textarea" },
        { name: "notizen", type: "textarea" },
        { name: "wiederholen_nach", type: "date" },
      ];
      $main.replaceChildren(
        h(
          `<h1>Telefonat ${esc(c.id)}</h1><div class="card">${kv(c, ["therapist_id", "patient_id", "therapeutenanfrage_id", "dauer_minuten"])}</div>${editForm("f", fields, c)}`,
        ),
      );
      return onSubmit("f", async (form) => {
        await api("PUT", `/phone-calls/${c.id}`, readForm(form, fields, c));
        toast("Gespeichert");
        telefonate(id);
      });
    }
    await listView({
      title: "Telefonate",
      path: "/phone-calls",
      filters: [
        { name: "status", type: "select", options: ENUMS.anrufStatus },
        { name: "geplantes_datum", type: "date", label: "Datum" },
      ],
      columns: [
        ["id", "ID"],
        ["geplantes_datum", "Datum"],
        ["geplante_zeit", "Zeit"],
        ["therapist_id", "Therapeut"],
        ["patient_id", "Patient"],
        ["therapeutenanfrage_id", "Anfrage"],
        ["status", "Status"],
        ["notizen", "Notiz"],
      ],
      link: (r) => `#/telefonate/${r.id}`,
    });
  }

  // ---------- Auswertung, Import, Jobs, Benutzer, Audit ----------
  async function auswertung() {
    const eff = await api("GET", "/analytics/bundle-efficiency").catch((e) => ({ fehler: e.message }));
    $main.replaceChildren(
      h(`<h1>Auswertung</h1><div class="card"><strong>Bündeleffizienz</strong>${kv(eff)}</div>
      <form class="inline" id="p"><label>Therapeut-ID<input name="therapist_id"></label><button>Präferenzen anzeigen</button></form><div id="res"></div>`),
    );
    onSubmit("p", async (form) => {
      const r = await api(
        "GET",
        `/analytics/therapist-preferences?therapist_id=${encodeURIComponent(form.therapist_id.value)}`,
      );
      document.getElementById("res").replaceChildren(h(`<pre>${esc(JSON.stringify(r, null, 2))}</pre>`));
    });
  }

  async function importView() {
    const admin = isAdmin();
    const [t, p, scraper, geo] = await Promise.all([
      api("GET", "/therapists/import-status").catch((e) => ({ fehler: e.message })),
      api("GET", "/patients/import-status").catch((e) => ({ fehler: e.message })),
      api("GET", "/scraper/jobs").catch((e) => ({ fehler: e.message })),
      admin ? api("GET", "/geocoding/status").catch((e) => ({ fehler: e.message })) : null,
    ]);
    const jobsTable = (scraper.data || [])
      .map(
        (j) =>
          `<tr><td>${esc(j.id)}</td><td>${esc(j.label || "")}</td><td>${esc(j.status)}</td><td>${esc(j.cells_done)}/${esc(j.cells_total)} (${esc(j.progress_percent)} %)</td><td>${esc(j.records)}</td><td>${esc(fmt(j.error))}</td>
          <td>${admin && ["queued", "running"].includes(j.status) ? `<button data-cancel="${esc(j.id)}">Abbrechen</button>` : ""}${admin && ["failed", "cancelled"].includes(j.status) ? `<button data-resume="${esc(j.id)}">Fortsetzen</button>` : ""}</td></tr>`,
      )
      .join("");
    $main.replaceChildren(
      h(`<h1>Import</h1><h2>Therapeuten (116117-Snapshot, Suchergebnis-JSON oder gespeicherte HTML-Seite)</h2>
      <form class="inline" id="t"><input type="file" name="file" accept=".json,.html,.htm"><button>Importieren</button></form>
      ${admin ? '<div class="actions"><button type="button" id="folder">Import-Ordner jetzt einlesen</button></div>' : ""}
      <pre>${esc(JSON.stringify(t, null, 2))}</pre>
      <h2>116117-Abruf (Scraper)</h2>
      <p>${scraper.enabled ? "Abruf ist eingeschaltet." : "Abruf ist ausgeschaltet (SCRAPER_ENABLED); Import nur aus Dateien."}</p>
      ${scraper.fehler ? `<p>${esc(scraper.fehler)}</p>` : `<table><thead><tr><th>ID</th><th>Bezeichnung</th><th>Status</th><th>Fortschritt</th><th>Datensätze</th><th>Fehler</th><th></th></tr></thead><tbody>${jobsTable}</tbody></table>`}
      <h2>Patienten-Registrierungen</h2><pre>${esc(JSON.stringify(p, null, 2))}</pre>
      ${geo ? `<h2>Geokodierung</h2><pre>${esc(JSON.stringify(geo, null, 2))}</pre>` : ""}`),
    );
    onSubmit("t", async (form) => {
      const r = await api("POST", "/therapists/import", new FormData(form));
      toast(`Import: ${JSON.stringify(r.counts || r)}`);
      importView();
    });
    const folder = document.getElementById("folder");
    if (folder)
      folder.onclick = () =>
        guard(async () => {
          const r = await api("POST", "/therapists/import/folder", {});
          toast(`Ordner-Import: ${JSON.stringify(r)}`);
          importView();
        });
    $main.querySelectorAll("[data-cancel],[data-resume]").forEach(
      (b) =>
        (b.onclick = () =>
          guard(async () => {
            const id = b.dataset.cancel || b.dataset.resume;
            await api(
              "POST",
              `/scraper/jobs/${encodeURIComponent(id)}/${b.dataset.cancel ? "cancel" : "resume"}`,
              {},
            );
            toast(b.dataset.cancel ? "Abgebrochen" : "Fortgesetzt");
            importView();
          })),
    );
  }

  async function jobs() {
    const r = await api("GET", "/jobs");
    const list = r.data || r;
    $main.replaceChildren(
      h(
        `<h1>Geplante Jobs</h1><table><thead><tr><th>Name</th><th>aktiv</th><th>nächster Lauf</th><th>letzter Lauf</th><th>Status</th><th>Fehler</th><th></th></tr></thead><tbody>${list
          .map(
            (
              j,
            ) => `<tr><td>${esc(j.name)}</td><td>${esc(fmt(j.enabled))}</td><td>${esc(fmt(j.next_run_at))}</td><td>${esc(fmt(j.last_run_at))}</td><td>${esc(fmt(j.last_status))}</td><td>${esc(fmt(j.last_error))}</td>
          <td>${isAdmin() ? `<button data-j="${esc(j.name)}">Jetzt ausführen</button>` : ""}</td></tr>`,
          )
          .join("")}</tbody></table>`,
      ),
    );
    $main.querySelectorAll("[data-j]").forEach(
      (b) =>
        (b.onclick = () =>
          guard(async () => {
            await api("POST", `/jobs/${encodeURIComponent(b.dataset.j)}/run`, {});
            toast("Ausgeführt");
            jobs();
          })),
    );
  }

  async function benutzer() {
    await listView({
      title: "Benutzer",
      path: "/users",
      columns: [
        ["id", "ID"],
        ["email", "E-Mail"],
        ["rolle", "Rolle"],
        ["aktiv", "aktiv"],
        ["last_login_at", "letzte Anmeldung"],
      ],
    });
    append(`<h2>Neuer Benutzer</h2><form class="inline" id="u"><label>E-Mail<input name="email" type="email" required></label>
      <label>Passwort (mind. 10 Zeichen)<input name="password" type="password" required></label>
      <label>Rolle<select name="rolle"><option>staff</option><option>admin</option></select></label><button>Anlegen</button></form>`);
    onSubmit("u", async (form) => {
      await api("POST", "/users", Object.fromEntries(new FormData(form)));
      toast("Benutzer angelegt");
      benutzer();
    });
  }

  async function audit() {
    await listView({
      title: "Audit-Log",
      path: "/audit",
      extra: '<div class="actions"><button id="verify">Kette prüfen</button></div>',
      filters: [
        { name: "entity", label: "Entität" },
        { name: "entity_id", label: "ID" },
      ],
      columns: [
        ["id", "ID"],
        ["at", "Zeit"],
        ["user_email", "Benutzer"],
        ["action", "Aktion"],
        ["entity", "Entität"],
        ["entity_id", "ID"],
      ],
    });
    on("verify", async () => {
      const r = await api("GET", "/audit/verify");
      toast(
        r.valid ? `Kette intakt (${r.checked} Einträge)` : `Kette gebrochen bei Eintrag ${r.first_broken_id}`,
        !r.valid,
      );
    });
  }

  window.VIEWS = {
    patienten,
    therapeuten,
    platzsuchen,
    auswahl,
    anfragen,
    buendel,
    emails,
    telefonate,
    auswertung,
    import: importView,
    jobs,
    benutzer,
    audit,
  };
})();
