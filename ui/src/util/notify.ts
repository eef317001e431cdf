import { notifications } from "@mantine/notifications";
import { errorText } from "../i18n/de";

export const notifySuccess = (message: string) => notifications.show({ color: "teal", message });
export const notifyError = (err: unknown) =>
  notifications.show({ color: "red", title: "Fehler", message: errorText(err), autoClose: 8000 });
