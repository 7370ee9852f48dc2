import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { badRequest } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { productByCode } from '../application/applications.repository';
import { activitiesByBank, applicantsByBank, approvedByBank, listBanks, microLoanByBank } from './assessment.repository';
import { scoreBanks, type BankFacts, type BankScore } from './scoring';

export interface BankAssessment {
  year: number;
  product?: string;
  banks: (BankScore & { bankName: string })[];
}

/**
 * 科技信贷合作银行考核 (seed 003 appendix 六) for a year: every bank organisation, each indicator's raw value and
 * score, and the total (110 at most), best total first. With `product`, indicators 1–4 count that product's
 * applications only; activities and the 微贷通 bonus do not depend on it.
 *
 * Scoping: office staff and the CLI see every bank; a bank sees its own row only (its scores are still ranked
 * against every bank — the ranks are computed before the other rows are left out).
 */
export async function assessBanks(db: Kysely<DB>, ctx: ActorContext, q: { year: number; product?: string | undefined }): Promise<BankAssessment> {
  let productId: string | null = null;
  if (q.product) {
    const p = await productByCode(db, q.product);
    if (!p) throw badRequest([{ path: 'query.product', message: `no product with code '${q.product}'` }]);
    productId = p.id;
  }
  const banks = await listBanks(db);
  const approved = await approvedByBank(db, q.year, productId);
  const applicants = await applicantsByBank(db, q.year, productId);
  const activities = await activitiesByBank(db, q.year);
  const micro = await microLoanByBank(db, q.year);

  const by = <T extends { bank_org_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.bank_org_id, r]));
  const thisYear = by(approved.filter((r) => r.year === q.year));
  const lastYear = by(approved.filter((r) => r.year === q.year - 1));
  const applied = by(applicants);
  const events = by(activities);
  const microApproved = by(micro.approved);
  const microLoans = by(micro.loans);
  const facts: BankFacts[] = banks.map((b) => ({
    bank: b.code,
    creditTotal: thisYear.get(b.id)?.amount ?? 0,
    applicants: applied.get(b.id)?.applicants ?? 0,
    recommended: applied.get(b.id)?.recommended ?? 0,
    approved: thisYear.get(b.id)?.enterprises ?? 0,
    prevApproved: lastYear.get(b.id)?.enterprises ?? 0,
    activities: events.get(b.id)?.n ?? 0,
    microLoanApproved: microApproved.get(b.id)?.n ?? 0,
    microLoanLoans: microLoans.get(b.id)?.n ?? 0,
  }));
  const names = new Map(banks.map((b) => [b.code, b.name]));
  const scored = scoreBanks(facts)
    .map((s) => ({ bank: s.bank, bankName: names.get(s.bank)!, indicators: s.indicators, total: s.total }))
    .sort((a, b) => b.total - a.total || b.indicators.creditTotal.value - a.indicators.creditTotal.value || a.bank.localeCompare(b.bank));
  const p = ctx.principal;
  const own = p?.role === 'institution_user' ? banks.find((b) => b.id === p.organizationId)?.code : undefined;
  const visible = p?.role === 'institution_user' ? scored.filter((s) => s.bank === own) : scored;
  return { year: q.year, ...(q.product ? { product: q.product } : {}), banks: visible };
}
