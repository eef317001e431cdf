import { Alert, MantineProvider, createTheme } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import "dayjs/locale/de";
import { lazy, Suspense } from "react";
import { createHashRouter, RouterProvider } from "react-router";
import { ApiError } from "./api/client";
import { AuthProvider, useAuth } from "./auth/auth";
import { Loading } from "./components/Status";
import { Shell } from "./layout/Shell";
import { LoginPage } from "./screens/LoginPage";
import { ADMIN_SCREEN_ROUTES } from "./routes/adminRoutes";

const Dashboard = lazy(() => import("./screens/Dashboard"));
const PatientList = lazy(() => import("./screens/patients/PatientList"));
const PatientPage = lazy(() => import("./screens/patients/PatientPage"));
const PatientCreate = lazy(() => import("./screens/patients/PatientCreate"));
const FeatureFlagsPage = lazy(() => import("./screens/flags/FeatureFlagsPage"));
const SearchList = lazy(() => import("./screens/searches/SearchList"));
const SearchPage = lazy(() => import("./screens/searches/SearchPage"));
const Selection = lazy(() => import("./screens/searches/Selection"));
const InquiryList = lazy(() => import("./screens/inquiries/InquiryList"));
const InquiryPage = lazy(() => import("./screens/inquiries/InquiryPage"));
const BundleRun = lazy(() => import("./screens/bundles/BundleRun"));
const CallList = lazy(() => import("./screens/calls/CallList"));
const NotFoundPage = lazy(() => import("./screens/NotFoundPage"));

// Shade 8 of blue keeps white button text and links above 4.5:1 contrast.
// Alert titles in the light yellow/red variants are too pale on their background: use the text colour.
const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8,
  defaultRadius: "sm",
  components: { Alert: Alert.extend({ styles: { title: { color: "var(--mantine-color-text)" } } }) },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers do not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      staleTime: 10_000,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createHashRouter([
  {
    path: "/",
    element: <Shell />,
    children: [
      { index: true, element: <Dashboard /> },
      { path: "patienten", element: <PatientList /> },
      { path: "patienten/neu", element: <PatientCreate /> },
      { path: "patienten/:id", element: <PatientPage /> },
      { path: "funktionsschalter", element: <FeatureFlagsPage /> },
      { path: "platzsuchen", element: <SearchList /> },
      { path: "platzsuchen/:id", element: <SearchPage /> },
      { path: "auswahl", element: <Selection /> },
      { path: "anfragen", element: <InquiryList /> },
      { path: "anfragen/:id", element: <InquiryPage /> },
      { path: "buendel", element: <BundleRun /> },
      { path: "telefonate", element: <CallList /> },
      ...ADMIN_SCREEN_ROUTES,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

function Gate() {
  const { user, checking } = useAuth();
  if (checking) return <Loading label="Anmeldung wird geprüft …" />;
  if (!user) return <LoginPage />;
  return <RouterProvider router={router} />;
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: "de", firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <Suspense fallback={<Loading />}>
              <Gate />
            </Suspense>
          </AuthProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
