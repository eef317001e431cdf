import type { ServiceSchema } from "moleculer";
import { SqlMixin } from "../../mixins/db.mixin";
import { InquiryActions } from "./actions/inquiries";
import { InquiryViewActions } from "./actions/inquiry-views";
import { InternalActions } from "./actions/internal";
import { ResponseActions } from "./actions/responses";
import { SearchActions } from "./actions/searches";
import { WithdrawalMethods } from "./actions/withdrawal";
import { MatchingRepository } from "./persistence/repository";

/** Matching (domain.md 2.6-2.8, 3.3-3.16): searches, selection, inquiries, answers, cooling, conflicts. */
const MatchingService: ServiceSchema = {
  name: "matching",
  mixins: [
    SqlMixin("matching_service"),
    SearchActions,
    InquiryActions,
    InquiryViewActions,
    ResponseActions,
    InternalActions,
    WithdrawalMethods,
  ],
  settings: { rest: "/" },
  started(this: any) {
    this.repo = new MatchingRepository(this.db);
  },
};

export default MatchingService;
