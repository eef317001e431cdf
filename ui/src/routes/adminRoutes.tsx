import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequireAdmin } from "../components/RequireAdmin";

// Therapists, e-mails, imports, analytics and administration: each screen is its own lazily loaded chunk.
const TherapistList = lazy(() => import("../screens/therapists/TherapistList"));
const TherapistPage = lazy(() => import("../screens/therapists/TherapistPage"));
const TherapistCreate = lazy(() => import("../screens/therapists/TherapistCreate"));
const EmailList = lazy(() => import("../screens/emails/EmailList"));
const EmailPage = lazy(() => import("../screens/emails/EmailPage"));
const ImportsPage = lazy(() => import("../screens/imports/ImportsPage"));
const AnalyticsPage = lazy(() => import("../screens/analytics/AnalyticsPage"));
const UserList = lazy(() => import("../screens/admin/UserList"));
const JobsPage = lazy(() => import("../screens/admin/JobsPage"));
const AuditPage = lazy(() => import("../screens/admin/AuditPage"));

/** Routes of these screens; admin-only ones answer a staff user with "Keine Berechtigung". */
export const ADMIN_SCREEN_ROUTES: RouteObject[] = [
  { path: "therapeuten", element: <TherapistList /> },
  { path: "therapeuten/neu", element: <TherapistCreate /> },
  { path: "therapeuten/:id", element: <TherapistPage /> },
  { path: "emails", element: <EmailList /> },
  { path: "emails/:id", element: <EmailPage /> },
  { path: "import", element: <ImportsPage /> },
  { path: "auswertung", element: <AnalyticsPage /> },
  { path: "jobs", element: <JobsPage /> },
  {
    path: "benutzer",
    element: (
      <RequireAdmin>
        <UserList />
      </RequireAdmin>
    ),
  },
  {
    path: "audit",
    element: (
      <RequireAdmin>
        <AuditPage />
      </RequireAdmin>
    ),
  },
];

/** Menu entries of these screens (Shell.tsx); `admin` entries only for admins. */
export const ADMIN_SCREEN_ITEMS: { to: string; label: string; admin?: boolean }[] = [
  { to: "/therapeuten", label: "Therapeuten" },
  { to: "/emails", label: "E-Mails" },
  { to: "/import", label: "Importe" },
  { to: "/auswertung", label: "Auswertung" },
  { to: "/jobs", label: "Jobs" },
  { to: "/benutzer", label: "Benutzer", admin: true },
  { to: "/audit", label: "Audit-Log", admin: true },
];
