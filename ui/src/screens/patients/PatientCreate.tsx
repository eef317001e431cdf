import { Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import type { Patient } from "../../api/types";
import { notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { PatientForm } from "./PatientForm";
import { emptyPatientForm } from "./patientForm";

export default function PatientCreate() {
  useTitle("Neuer Patient");
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <>
      <Title order={2} mb="md">
        Neuer Patient
      </Title>
      <PatientForm
        isNew
        initial={emptyPatientForm()}
        onCancel={() => navigate("/patienten")}
        onSubmit={async (body, idempotencyKey) => {
          const p = await api.post<Patient>("/patients", body, { idempotencyKey });
          await qc.invalidateQueries({ queryKey: ["patients"] });
          notifySuccess(`${p.vorname} ${p.nachname} wurde angelegt.`);
          return () => navigate(`/patienten/${p.id}`);
        }}
      />
    </>
  );
}
