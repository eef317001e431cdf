import type { ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { SqlMixin } from "../../mixins/db.mixin";
import { JobsMixin } from "../../mixins/scheduler";
import { dateInZone } from "../shared/dates";
import { AnswerActions } from "./actions/answers";
import { CallActions } from "./actions/calls";
import { EmailActions } from "./actions/emails";
import { HistoryActions } from "./actions/history";
import { SendingActions } from "./actions/sending";
import { linkKey } from "./domain/links";
import { MailQueue, createTransport } from "./mail-queue";

/** Communication (domain.md 2.9, 2.10, 3.7, 3.10, 3.13, 4.5; decisions.md 13-17). */
const CommunicationService: ServiceSchema = {
  name: "communication",
  mixins: [
    SqlMixin("communication_service"),
    JobsMixin,
    EmailActions,
    CallActions,
    SendingActions,
    HistoryActions,
    AnswerActions,
  ],
  settings: { rest: "/" },

  // Follow-up of unanswered inquiries (decisions.md 13), daily at 07:00 operator time.
  jobs: [{ name: "communication.follow-up", cron: "0 7 * * 1-5", handler: "runFollowUp" }],

  methods: {
    runFollowUp(this: any) {
      return this.broker.call("communication.followUp", {});
    },
    q(this: any, sql: string, replacements: Record<string, unknown> = {}, t?: unknown) {
      return this.db.query(sql, { replacements, type: QueryTypes.SELECT, transaction: t });
    },
    today(this: any): string {
      return dateInZone(new Date(), this.config.core.timezone);
    },
  },

  created(this: any) {
    const { transport, sinkDir } = createTransport(this.config);
    this.transport = transport;
    this.sinkDir = sinkDir;
    this.linkKey = linkKey(this.config.keys.byId[this.config.keys.current]);
  },

  started(this: any) {
    this.queue = new MailQueue(this.broker, this.db, this.config, this.transport);
    this.queue.start();
  },

  async stopped(this: any) {
    await this.queue?.stop();
  },
};

export default CommunicationService;
