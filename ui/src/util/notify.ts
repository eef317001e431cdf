import { notifications } from "@mantine/notifications";
import { errorText } from "../i18n/de";

/** The toast's close button has only an icon: screen readers need its name (axe: button-name). */
const CLOSE = { "aria-label": "Meldung schließen" };

export const notifySuccess = (message: string) =>
  notifications.show({ color: "teal", message, closeButtonProps: CLOSE });
export const notifyError = (err: unknown) =>
  notifications.show({
    color: "red",
    title: "Fehler",
    message: errorText(err),
    autoClose: 8000,
    closeButtonProps: CLOSE,
  });
