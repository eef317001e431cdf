/**
 * The follow-up runs on working days at 07:00 in the operator's time zone: staff work Monday to Friday, and a
 * planned call must land on a call list that someone reads that day. An inquiry that turns 7 days old on a
 * weekend is followed up on Monday (what staff expect and what the docs promise).
 */
export const FOLLOW_UP_CRON = "0 7 * * 1-5";
