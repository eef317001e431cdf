import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Slider,
  Stack,
  Switch,
  TagsInput,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { FeatureFlagRow } from "../../../../services/api/domain/feature-flag-types";
import { api } from "../../api/client";
import type { Rolle } from "../../api/types";
import { LoadError, Loading } from "../../components/Status";
import { FLAG_TEXTS as T, ROLLE_LABELS } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { notifyError, notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const ROLES: Rolle[] = ["staff", "admin"];

type Draft = Pick<FeatureFlagRow, "enabled" | "rollout_percentage" | "override_users" | "override_roles">;
// The number field may be empty while the admin types; nothing is saved then.
type Editing = Omit<Draft, "rollout_percentage"> & { rollout_percentage: number | "" };
const draftOf = (f: FeatureFlagRow): Draft => ({
  enabled: f.enabled,
  rollout_percentage: f.rollout_percentage,
  override_users: f.override_users,
  override_roles: f.override_roles,
});

/** Only what the admin changed goes to the server (and into the audit log). */
export function changedFields(before: Draft, after: Draft): Partial<Draft> {
  const out: Partial<Draft> = {};
  for (const k of Object.keys(after) as (keyof Draft)[])
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      (out as Record<string, unknown>)[k] = after[k];
  return out;
}

function FlagCard({ flag }: { flag: FeatureFlagRow }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Editing>(draftOf(flag));
  const [emailError, setEmailError] = useState<string | null>(null);
  const complete = draft.rollout_percentage !== "";
  const changes = complete ? changedFields(draftOf(flag), draft as Draft) : {};
  const save = useMutation({
    mutationFn: () => api.put<FeatureFlagRow>(`/feature-flags/${encodeURIComponent(flag.name)}`, changes),
    // The card is keyed by updated_at, so the saved row mounts a fresh card with a fresh draft.
    onSuccess: (row) => {
      qc.setQueryData<{ data: FeatureFlagRow[] }>(["feature-flags"], (old) =>
        old ? { data: old.data.map((f) => (f.name === row.name ? row : f)) } : old,
      );
      // The staff app's own view of its flags follows the change.
      void qc.invalidateQueries({ queryKey: ["feature-flags", "mine"] });
      notifySuccess(T.saved(row.name));
    },
    onError: notifyError,
  });
  const set = <K extends keyof Editing>(k: K, v: Editing[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const pct = draft.rollout_percentage;

  return (
    <Card withBorder component="section" aria-labelledby={`flag-${flag.name}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={`flag-${flag.name}`} ff="monospace">
            {flag.name}
          </Title>
          <Switch
            label={T.enabled}
            checked={draft.enabled}
            onChange={(e) => set("enabled", e.currentTarget.checked)}
          />
        </Group>
        {flag.beschreibung && <Text size="sm">{flag.beschreibung}</Text>}
        <Group align="flex-end" wrap="nowrap">
          <NumberInput
            label={T.rollout}
            min={0}
            max={100}
            step={5}
            allowDecimal={false}
            clampBehavior="strict"
            value={pct}
            onChange={(v) => set("rollout_percentage", typeof v === "number" ? v : "")}
            w={200}
          />
          <Slider
            aria-label={T.rolloutSlider}
            min={0}
            max={100}
            step={5}
            value={pct === "" ? 0 : pct}
            onChange={(v) => set("rollout_percentage", v)}
            style={{ flex: 1 }}
            mb="xs"
          />
        </Group>
        <TagsInput
          label={T.overrideUsers}
          description={T.overrideUsersHint}
          value={draft.override_users}
          error={emailError}
          onChange={(values) => {
            const bad = values.find((v) => !EMAIL.test(v.trim()));
            setEmailError(bad ? T.invalidEmail(bad) : null);
            set(
              "override_users",
              values.filter((v) => EMAIL.test(v.trim())).map((v) => v.trim().toLowerCase()),
            );
          }}
        />
        <Checkbox.Group
          label={T.overrideRoles}
          value={draft.override_roles}
          onChange={(v) => set("override_roles", v as Rolle[])}
        >
          <Group mt="xs">
            {ROLES.map((r) => (
              <Checkbox key={r} value={r} label={ROLLE_LABELS[r]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {T.lastChange(formatDateTime(flag.updated_at), flag.updated_by)}
          </Text>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={Object.keys(changes).length === 0}
          >
            {T.save}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Admins switch features on and off, roll them out to a share of users, and name exceptions. */
export default function FeatureFlagsPage() {
  useTitle(T.title);
  const list = useQuery({
    queryKey: ["feature-flags"],
    queryFn: () => api.get<{ data: FeatureFlagRow[] }>("/feature-flags"),
  });
  return (
    <Stack>
      <Title order={2}>{T.title}</Title>
      <Text size="sm">{T.intro}</Text>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <Text>{T.none}</Text>
      ) : (
        list.data.data.map((f) => <FlagCard key={`${f.name}:${f.updated_at}`} flag={f} />)
      )}
    </Stack>
  );
}
