import { Badge } from "@mantine/core";
import type { Emailstatus } from "../../../../services/shared/enums";
import { EMAILSTATUS_LABELS } from "../../i18n/de";

const COLORS: Record<Emailstatus, string> = {
  Entwurf: "gray.8",
  In_Warteschlange: "blue.8",
  Wird_gesendet: "blue.8",
  Gesendet: "teal.9",
  Fehlgeschlagen: "red.9",
};

export const EmailStatusBadge = ({ status }: { status: Emailstatus }) => (
  <Badge variant="outline" color={COLORS[status]}>
    {EMAILSTATUS_LABELS[status]}
  </Badge>
);
