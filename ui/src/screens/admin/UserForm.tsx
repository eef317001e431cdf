import { Alert, Button, Group, PasswordInput, Select, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { ApiError, newIdempotencyKey } from "../../api/client";
import { ROLES, type AdminUser } from "../../api/adminTypes";
import { useUnsavedWarning } from "../../components/useUnsavedWarning";
import { errorText, passwordProblem, ROLLE_LABELS } from "../../i18n/de";

export interface UserFormValues {
  email: string;
  rolle: string;
  aktiv: boolean;
  password: string;
}

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLLE_LABELS[r] }));

/** Create: all fields. Edit: only what changed; an empty password field keeps the password. */
export function userPayload(v: UserFormValues, initial: AdminUser | null): Record<string, unknown> {
  if (!initial) return { email: v.email.trim(), password: v.password, rolle: v.rolle };
  const body: Record<string, unknown> = {};
  if (v.email.trim().toLowerCase() !== initial.email.toLowerCase()) body.email = v.email.trim();
  if (v.rolle !== initial.rolle) body.rolle = v.rolle;
  if (v.aktiv !== initial.aktiv) body.aktiv = v.aktiv;
  if (v.password) body.password = v.password;
  return body;
}

/** Which form field an API error of the users API belongs to, and its German text. */
export function userError(err: unknown): { field: keyof UserFormValues | null; text: string } {
  if (!(err instanceof ApiError)) return { field: null, text: errorText(err) };
  if (err.type === "USER_EXISTS") return { field: "email", text: errorText(err) };
  const field = typeof err.body.field === "string" ? err.body.field : null;
  if (field === "password") return { field: "password", text: passwordProblem(err.message) };
  if (field === "email") return { field: "email", text: "Keine gültige E-Mail-Adresse" };
  if (field === "rolle") return { field: "rolle", text: "Bitte eine Rolle wählen" };
  return { field: null, text: errorText(err) };
}

/** Create or edit one user; the save button is disabled while its request runs. */
export function UserForm({
  user,
  onSubmit,
  onCancel,
}: {
  user: AdminUser | null;
  onSubmit(body: Record<string, unknown>, idempotencyKey: string): Promise<void>;
  onCancel(): void;
}) {
  const form = useForm<UserFormValues>({
    initialValues: {
      email: user?.email ?? "",
      rolle: user?.rolle ?? "staff",
      aktiv: user?.aktiv ?? true,
      password: "",
    },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+$/.test(v.trim()) ? null : "Keine gültige E-Mail-Adresse"),
      password: (v) =>
        !user && !v ? "Pflichtfeld" : v && [...v].length < 12 ? "Mindestens 12 Zeichen" : null,
    },
  });
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const release = useUnsavedWarning(form.isDirty());

  const submit = form.onSubmit(async (values) => {
    if (busy) return;
    const body = userPayload(values, user);
    if (user && Object.keys(body).length === 0) return onCancel();
    setBusy(true);
    setFormError(null);
    try {
      await onSubmit(body, key.current);
      release();
      form.resetDirty(values);
    } catch (err) {
      const { field, text } = userError(err);
      if (field) form.setFieldError(field, text);
      else setFormError(text);
    } finally {
      key.current = newIdempotencyKey();
      setBusy(false);
    }
  });

  const cancel = () => {
    if (form.isDirty() && !window.confirm("Es gibt ungespeicherte Änderungen. Trotzdem schließen?")) return;
    release();
    onCancel();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={user ? "Benutzer bearbeiten" : "Neuer Benutzer"}>
      <Stack>
        <TextInput label="E-Mail" type="email" required {...form.getInputProps("email")} data-autofocus />
        <Select label="Rolle" data={ROLE_OPTIONS} allowDeselect={false} {...form.getInputProps("rolle")} />
        <PasswordInput
          label={user ? "Neues Passwort" : "Passwort"}
          description={
            user
              ? "Leer lassen, um das Passwort zu behalten. Ein neues Passwort beendet alle Sitzungen des Benutzers."
              : "Mindestens 12 Zeichen, kein verbreitetes Passwort"
          }
          required={!user}
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        {user && (
          <Switch label="Aktiv (darf sich anmelden)" {...form.getInputProps("aktiv", { type: "checkbox" })} />
        )}
        {formError && (
          <Alert color="red.9" role="alert">
            {formError}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} disabled={busy}>
            {user ? "Speichern" : "Anlegen"}
          </Button>
          <Button variant="default" onClick={cancel} disabled={busy}>
            Abbrechen
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
