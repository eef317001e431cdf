import { bool, int, key, num, str } from "../define";

export const matching = {
  coolingWeeks: key("COOLING_WEEKS", int(4, 0, 52), "Weeks a therapist rests after any response"),
  followUpDays: key("FOLLOW_UP_DAYS", int(7, 1, 60), "Days without answer before a reminder or call"),
  defaultContactBudget: key("DEFAULT_CONTACT_BUDGET", int(10, 0, 1000), "Contact budget of a new search"),
  bundleMinSize: key("BUNDLE_MIN_SIZE", int(3, 1, 6), "Fewest patients in an automatic bundle"),
  bundleMaxSize: key("BUNDLE_MAX_SIZE", int(6, 1, 6), "Most patients in an automatic bundle"),
  minAnfrageSize: key("MIN_ANFRAGE_SIZE", int(1, 1, 6), "Fewest patients in a manual inquiry"),
  maxAnfrageSize: key("MAX_ANFRAGE_SIZE", int(6, 1, 6), "Most patients in a manual inquiry"),
  plzMatchDigits: key("PLZ_MATCH_DIGITS", int(2, 1, 5), "Digits of the PLZ prefix used for selection"),
  defaultMaxDistanceKm: key(
    "DEFAULT_MAX_DISTANCE_KM",
    int(25, 1, 500),
    "Travel distance when a patient gave none",
  ),
  minWeeklyHours: key(
    "MIN_WEEKLY_HOURS",
    int(20, 0, 168),
    "Weekly availability below which a patient is flagged",
  ),
  bundleWeightWaiting: key(
    "BUNDLE_WEIGHT_WAITING",
    num(0.4, 0, 10),
    "Bundle score weight of waiting time (a year counts fully)",
  ),
  bundleWeightAvailability: key(
    "BUNDLE_WEIGHT_AVAILABILITY",
    num(0.2, 0, 10),
    "Bundle score weight of overlap with the therapist's working hours (0.5 when unknown)",
  ),
  bundleWeightPreference: key(
    "BUNDLE_WEIGHT_PREFERENCE",
    num(0.25, 0, 10),
    "Bundle score weight of learned acceptance",
  ),
  bundleWeightDistance: key("BUNDLE_WEIGHT_DISTANCE", num(0.15, 0, 10), "Bundle score weight of nearness"),
  bundleJobEnabled: key("BUNDLE_JOB_ENABLED", bool(false), "Run the automatic bundle run on a schedule"),
  bundleJobCron: key(
    "BUNDLE_JOB_CRON",
    str("0 6 * * 1"),
    "When the scheduled bundle run happens (cron, operator time zone)",
  ),
  bundleJobSend: key("BUNDLE_JOB_SEND", bool(false), "Send the bundles of the scheduled run at once"),
  enforcePrequalification: key(
    "ENFORCE_PREQUALIFICATION",
    bool(false),
    "Refuse searches for patients that fail the pre-qualification rules (else warn)",
  ),
};
