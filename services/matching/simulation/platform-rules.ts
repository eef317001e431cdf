import { z } from "zod";
import { communication } from "../../../config/sections/communication";
import { matching } from "../../../config/sections/matching";
import { INQUIRY_CALL_MINUTES, type SlotRules } from "../../communication/domain/slots";
import type { BundleRules } from "../domain/bundle/types";

/** The platform's rules as the simulator applies them: the config defaults, never copies of the numbers. */
export interface PlatformRules {
  coolingWeeks: number;
  followUpDays: number;
  defaultContactBudget: number;
  inquiryEmailMinDays: number;
  maxAnfrageSize: number;
  minAnfrageSize: number;
  plzMatchDigits: number;
  defaultMaxDistanceKm: number;
  bundle: Omit<BundleRules, "today">;
  slots: SlotRules;
}

const defaultOf = <T extends z.ZodType>(k: { schema: T }): z.output<T> => k.schema.parse(undefined);

/**
 * The defaults of config/sections (what an unconfigured platform runs with): the simulation compares
 * strategies under the shipped rules, independent of the environment of the machine it runs on.
 */
export function defaultPlatformRules(): PlatformRules {
  return {
    coolingWeeks: defaultOf(matching.coolingWeeks),
    followUpDays: defaultOf(matching.followUpDays),
    defaultContactBudget: defaultOf(matching.defaultContactBudget),
    inquiryEmailMinDays: defaultOf(communication.inquiryEmailMinDays),
    maxAnfrageSize: defaultOf(matching.maxAnfrageSize),
    minAnfrageSize: defaultOf(matching.minAnfrageSize),
    plzMatchDigits: defaultOf(matching.plzMatchDigits),
    defaultMaxDistanceKm: defaultOf(matching.defaultMaxDistanceKm),
    bundle: {
      minSize: defaultOf(matching.bundleMinSize),
      maxSize: defaultOf(matching.bundleMaxSize),
      weights: {
        waiting: defaultOf(matching.bundleWeightWaiting),
        availability: defaultOf(matching.bundleWeightAvailability),
        preference: defaultOf(matching.bundleWeightPreference),
        distance: defaultOf(matching.bundleWeightDistance),
      },
    },
    slots: {
      durationMinutes: INQUIRY_CALL_MINUTES,
      defaultTime: defaultOf(communication.defaultPhoneCallTime),
      maxDays: defaultOf(communication.callPlanningHorizonDays),
    },
  };
}
