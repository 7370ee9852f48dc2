import type { Database } from '../../db/connect';
import { fenToYuan } from '../../platform/money';
import { noticeRows } from './claims.repository';

/**
 * 公示: every claim in its public notice window, with its objection counts (one query, not one per claim), so
 * the list shows which notices are contested without opening each claim.
 */
export async function listNotices(db: Database) {
  const rows = await noticeRows(db);
  return {
    items: rows.map((r) => ({
      id: r.id, number: r.number, measure: r.measure, beneficiary: { name: r.beneficiary_name, uscc: r.beneficiary_uscc },
      amount: fenToYuan(r.amount ?? 0), eventDate: r.event_date, notice: { from: r.notice_start, to: r.notice_end },
      objections: { total: Number(r.objections), unresolved: Number(r.unresolved) },
    })),
  };
}
