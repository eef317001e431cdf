import type { ServiceSchema } from "moleculer";
import type { Transaction } from "sequelize";
import { SqlMixin } from "../../mixins/db.mixin";
import { audit } from "../../mixins/audit";
import { brokerConfig } from "../../mixins/config.mixin";
import { JobsMixin } from "../../mixins/scheduler";
import { dateInZone } from "../shared/dates";
import { AnswerActions } from "./actions/answers";
import { CallActions } from "./actions/calls";
import { EmailActions } from "./actions/emails";
import { FollowUpActions } from "./actions/follow-up";
import { GdprActions } from "./actions/gdpr";
import { HistoryActions } from "./actions/history";
import { SendingActions } from "./actions/sending";
import { SystemActions } from "./actions/system";
import { FOLLOW_UP_CRON } from "./domain/follow-up-schedule";
import { linkKey } from "./domain/links";
import { MailQueue } from "./mail/queue";
import { purgeSink } from "./mail/sink-files";
import { createTransport } from "./mail/transport";
import { CallRepository } from "./persistence/call-repository";
import { EmailRepository } from "./persistence/email-repository";

/**
 * Communication (domain.md 2.9, 2.10, 3.7, 3.10, 3.13, 4.5; decisions.md 13-17): e-mails from versioned
 * templates through a database queue to SMTP, phone calls in free slots, one-click answers, follow-ups.
 * User documentation: docs/communication.md.
 */
const CommunicationService: ServiceSchema = {
  name: "communication",
  mixins: [
    SqlMixin("communication_service"),
    JobsMixin,
    EmailActions,
    CallActions,
    SendingActions,
    FollowUpActions,
    HistoryActions,
    GdprActions,
    SystemActions,
    AnswerActions,
  ],
  settings: { rest: "/" },

  // Follow-up of unanswered inquiries (decisions.md 13) on working days, early so calls land on today's call
  // list; the mail sink's retention nightly. Both in the operator's time zone.
  merged(this: any, schema: ServiceSchema) {
    const timeZone = brokerConfig(this.broker).core.timezone;
    schema.jobs = [
      { name: "communication.follow-up", cron: FOLLOW_UP_CRON, timeZone, handler: "runFollowUp" },
      { name: "communication.mail-sink-retention", cron: "20 3 * * *", timeZone, handler: "purgeMailSink" },
    ];
  },

  methods: {
    runFollowUp(this: any) {
      return this.broker.call("communication.followUp", {});
    },
    /** Retention of the local mail sink (MAIL_SINK_KEEP_DAYS). */
    purgeMailSink(this: any) {
      const dir = this.transport.sinkDir;
      const days = this.config.communication.mailSinkKeepDays;
      return { deleted_files: dir ? purgeSink(dir, Date.now(), days) : 0, keep_days: days };
    },
    today(this: any): string {
      return dateInZone(new Date(), this.config.core.timezone);
    },
    /** Calendar date of an instant in the operator's time zone. */
    localDate(this: any, instant: Date | string): string {
      return dateInZone(new Date(instant), this.config.core.timezone);
    },
    /** One audit entry per patient whose data an action read or changed (decisions.md 23). */
    async auditPatients(
      this: any,
      ctx: any,
      action: string,
      patientIds: readonly (number | null | undefined)[],
      details: Record<string, unknown>,
      t?: Transaction,
    ) {
      for (const id of new Set(patientIds.filter((x): x is number => !!x)))
        await audit(ctx, this.db, { action, entity: "patient", entity_id: id, details }, t);
    },
    /** A list showing patients' messages: one entry naming them all (as the patient list does). */
    async auditList(
      this: any,
      ctx: any,
      patientIds: readonly (number | null)[],
      details: Record<string, unknown>,
    ) {
      const ids = [...new Set(patientIds.filter((x): x is number => !!x))];
      if (ids.length)
        await audit(ctx, this.db, { action: "list", entity: "patient", details: { ...details, ids } });
    },
  },

  created(this: any) {
    const c = this.config;
    this.transport = createTransport(c);
    this.linkKey = linkKey(c.keys.answerLinkSecret);
  },

  started(this: any) {
    this.emails = new EmailRepository(this.db, this.config);
    this.calls = new CallRepository(this.db, this.config);
    this.queue = new MailQueue(this.db, this.emails, this.config, this.transport, this.logger);
    this.queue.start();
  },

  async stopped(this: any) {
    await this.queue?.stop();
  },
};

export default CommunicationService;
