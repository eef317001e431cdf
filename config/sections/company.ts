import { key, str } from "../define";

/** The operator's identity (decisions.md 3): never hard-coded in templates or code. */
export const company = {
  name: key("COMPANY_NAME", str("Curavani GmbH"), "Company name in e-mails and the legal footer"),
  street: key("COMPANY_STREET", str("Musterstraße 1"), "Street of the company address"),
  plz: key("COMPANY_PLZ", str("52062"), "PLZ of the company address"),
  city: key("COMPANY_CITY", str("Aachen"), "City of the company address"),
  country: key("COMPANY_COUNTRY", str("Deutschland"), "Country of the company address"),
  email: key("COMPANY_EMAIL", str("info@curavani.com"), "Sender and contact address"),
  senderName: key("COMPANY_SENDER_NAME", str("Curavani GmbH"), "Sender name of outgoing e-mails"),
  ceo: key("COMPANY_CEO", str("Geschäftsführung"), "Managing director named in the legal footer"),
  registerCourt: key("COMPANY_REGISTER_COURT", str("Amtsgericht Aachen"), "Register court"),
  registerNumber: key("COMPANY_REGISTER_NUMBER", str("HRB 00000"), "Commercial register number"),
  iban: key("COMPANY_IBAN", str("DE00 0000 0000 0000 0000 00"), "IBAN patients pay to"),
  bic: key("COMPANY_BIC", str(""), "BIC of the account"),
  bankName: key("COMPANY_BANK_NAME", str(""), "Bank name"),
  contractUrl: key(
    "COMPANY_CONTRACT_URL",
    str("https://example.invalid/vertrag.pdf"),
    "Link to the contract PDF",
  ),
  privacyUrl: key(
    "COMPANY_PRIVACY_URL",
    str("https://example.invalid/datenschutz"),
    "Link to the privacy notice",
  ),
  systemNotificationEmail: key(
    "SYSTEM_NOTIFICATION_EMAIL",
    str("admin@localhost"),
    "Where system messages (import failures, alerts) are sent",
  ),
};
