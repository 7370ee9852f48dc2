import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { badRequest } from '../../platform/errors';
import type { ActorContext } from '../../platform/principal';
import { storedResult, type Stored, type StoredKind } from '../../platform/stored-result';
import { productByCode } from '../application/applications.repository';
import { activitiesByBank, applicantsByBank, approvedByBank, listBanks, microLoanByBank } from './assessment.repository';
import { scoreBanks, type BankFacts, type BankScore } from './scoring';

export interface BankAssessment {
  year: number;
  product?: string;
  banks: ScoredBank[];
}

type ScoredBank = BankScore & { bankName: string };

/**
 * 科技信贷合作银行考核 (seed 003 appendix 六) for a year: every bank organisation, each indicator's raw value and
 * score, and the total (110 at most), best total first. With `product`, indicators 1–4 count that product's
 * applications only; activities and the 微贷通 bonus do not depend on it.
 *
 * Scoping: office staff and the CLI see every bank; a bank sees its own row only (its scores are still ranked
 * against every bank — the ranks are computed before the other rows are left out). Without a product the
 * assessment is read from the stored one (storedBankAssessment).
 */
export async function assessBanks(db: Kysely<DB>, ctx: ActorContext, q: { year: number; product?: string | undefined }): Promise<BankAssessment> {
  let productId: string | null = null;
  if (q.product) {
    const p = await productByCode(db, q.product);
    if (!p) throw badRequest([{ path: 'query.product', message: `no product with code '${q.product}'` }]);
    productId = p.id;
  }
  const { banks, ids } = productId ? await scoreAllBanks(db, q.year, productId) : (await storedBankAssessment(db, q.year)).result;
  const p = ctx.principal;
  const own = p?.role === 'institution_user' ? Object.keys(ids).find((code) => ids[code] === p.organizationId) : undefined;
  const visible = p?.role === 'institution_user' ? banks.filter((s) => s.bank === own) : banks;
  return { year: q.year, ...(q.product ? { product: q.product } : {}), banks: visible };
}

/** Every bank's scores for the year (optionally one product's applications), ranked, with the banks' ids by code. */
export async function scoreAllBanks(db: Kysely<DB>, year: number, productId: string | null): Promise<{ banks: ScoredBank[]; ids: Record<string, string> }> {
  const banks = await listBanks(db);
  const approved = await approvedByBank(db, year, productId);
  const applicants = await applicantsByBank(db, year, productId);
  const activities = await activitiesByBank(db, year);
  const micro = await microLoanByBank(db, year);

  const by = <T extends { bank_org_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.bank_org_id, r]));
  const thisYear = by(approved.filter((r) => r.year === year));
  const lastYear = by(approved.filter((r) => r.year === year - 1));
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
  return { banks: scored, ids: Object.fromEntries(banks.map((b) => [b.code, b.id])) };
}

/**
 * The whole year's assessment (all products), stored: computing it is five grouped queries over the year's
 * applications (≈ 0.4 s at 200,000 applications, docs/benchmarks.md), which the bank dashboard showed on every
 * request. It is recomputed once after a write to any table it reads commits (platform/stored-result.ts).
 */
export const BANK_ASSESSMENT: StoredKind<number, Awaited<ReturnType<typeof scoreAllBanks>>> = {
  kind: 'bank_assessment',
  // assessment.repository.ts and listBanks read exactly these.
  sources: ['organizations', 'applications', 'application_assignments', 'products', 'events', 'loans'],
  key: (year) => String(year),
  compute: (trx, year) => scoreAllBanks(trx, year, null),
};

export function storedBankAssessment(db: Kysely<DB>, year: number): Promise<Stored<Awaited<ReturnType<typeof scoreAllBanks>>>> {
  return storedResult(db, BANK_ASSESSMENT, year);
}
