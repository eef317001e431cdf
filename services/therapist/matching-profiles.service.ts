import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { SqlMixin } from "../../mixins/db.mixin";
import { TherapistRepository } from "./persistence/therapist-repository";

type Row = Record<string, any>;

// What the automatic bundle run decides on (matching/persistence/bundle-data.ts): hard constraints, practice
// grouping, cooling, working hours. Everything else of a record stays in the database.
const COLUMNS = [
  "id",
  "geschlecht",
  "psychotherapieverfahren",
  "alter_min",
  "alter_max",
  "geschlechtspraeferenz",
  "bevorzugt_gruppentherapie",
  "latitude",
  "longitude",
  "vorname",
  "nachname",
  "titel",
  "email",
  "potenziell_verfuegbar",
  "ueber_curavani_informiert",
  "naechster_kontakt_moeglich",
  "plz",
  "arbeitszeiten",
];

/**
 * A lean view of therapists for the bundle run: the rows of therapist.listForMatching (status aktiv, optional
 * PLZ prefix, id order, API shape) with only the columns above. Own small service so the therapist service
 * file stays untouched; it reads its own folder's schema.
 */
const TherapistMatchingProfiles: ServiceSchema = {
  name: "therapistProfiles",
  mixins: [SqlMixin("therapist_service")],

  created(this: any) {
    this.repo = new TherapistRepository(this.db);
  },

  actions: {
    forBundles: {
      async handler(this: any, ctx: Context<{ plz_prefix?: string }>) {
        const prefix = ctx.params.plz_prefix;
        const rows: Row[] = await this.db.query(
          `SELECT ${COLUMNS.join(", ")} FROM therapist_service.therapeuten
            WHERE status = 'aktiv'${prefix ? " AND plz LIKE :prefix" : ""} ORDER BY id`,
          { replacements: { prefix: `${prefix ?? ""}%` }, type: QueryTypes.SELECT },
        );
        return rows.map((r) => this.repo.toApi(r));
      },
    },
  },
};

export default TherapistMatchingProfiles;
