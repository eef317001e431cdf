import { Anchor, Stack, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import type { Therapist } from "../../api/adminTypes";
import { notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { TherapistForm } from "./TherapistForm";
import { toTherapistForm } from "./therapistForm";

export default function TherapistCreate() {
  useTitle("Neuer Therapeut");
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/therapeuten" size="sm">
          ← Therapeuten
        </Anchor>
        <Title order={2}>Neuer Therapeut</Title>
      </div>
      <TherapistForm
        isNew
        initial={toTherapistForm(null)}
        onSubmit={async (body, idempotencyKey) => {
          const created = await api.post<Therapist>("/therapists", body, { idempotencyKey });
          qc.invalidateQueries({ queryKey: ["therapists"] });
          notifySuccess("Therapeut angelegt.");
          return () => navigate(`/therapeuten/${created.id}`);
        }}
      />
    </Stack>
  );
}
