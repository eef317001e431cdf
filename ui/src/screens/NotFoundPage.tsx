import { Alert, Anchor } from "@mantine/core";
import { Link } from "react-router";
import { useTitle } from "../util/useTitle";

export default function NotFoundPage() {
  useTitle("Nicht gefunden");
  return (
    <Alert color="yellow" title="Seite nicht gefunden">
      Diese Seite gibt es nicht oder sie ist nur für Administratoren.{" "}
      <Anchor component={Link} to="/">
        Zur Übersicht
      </Anchor>
    </Alert>
  );
}
