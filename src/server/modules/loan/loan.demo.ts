// Demo loans (issue #5) for the demo banks and enterprises, clearly marked 演示 in their loan numbers. Dates are
// relative to the day of seeding so the classes always vary: some loans repay through the platform and stop
// paying at different points (0, 1, 4 and 10 instalments behind), others are banks' imported reports with their
// own days past due; guaranteed and insurance-backed loans name the demo guarantor and insurer, IP-pledge loans
// have interest paid this year (what YP2025-8.2 reads). Classified as of three past dates and today, so the
// loan pages show a class history.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { addDays, addMonths, todayInShanghai } from '../../platform/dates';
import { makeUscc } from '../../../shared/uscc';
import { classifyLoans } from './classify.service';
import { insertLoans, upsertReports, type NewLoan } from './create-loan';
import type { RepaymentMethod } from './schedule';

/** Demo institutions get a USCC (migration 0010) so the loan fact sources can name them. */
const INSTITUTION_USCC: Record<string, number> = { 'ICBC-YP': 910001, 'SPDB-YP': 910002, 'BOC-YP': 910003, SHGUAR: 910004, 'PICC-SH': 910005 };

interface DemoLoan {
  bank: string;
  product: string | null;
  collateral: NewLoan['collateralMode'];
  /** Yuan. */
  amount: number;
  rate: string;
  term: number;
  method: RepaymentMethod;
  /** Months before today the loan started. */
  startedMonthsAgo: number;
  /** Platform repayments: instalments left unpaid at the end (null: the bank reports the loan instead). */
  behind: number | null;
  /** For reported loans: days past due the bank reports a month ago, and its class when it gives one. */
  reportedDpd?: number;
  reportedClass?: 'special_mention' | 'substandard' | 'doubtful';
  guarantor?: boolean;
  feeRate?: string;
  insurer?: boolean;
  linkage?: NewLoan['linkageMode'];
}

const W = 10_000;
const LOANS: DemoLoan[] = [
  { bank: 'ICBC-YP', product: 'ICBC-ZSCQ', collateral: 'ip_pledge', amount: 500 * W, rate: '0.036', term: 24, method: 'equal_instalment', startedMonthsAgo: 8, behind: 0 },
  { bank: 'ICBC-YP', product: 'ICBC-ZSCQ', collateral: 'ip_pledge', amount: 300 * W, rate: '0.038', term: 12, method: 'interest_only', startedMonthsAgo: 6, behind: 0 },
  { bank: 'ICBC-YP', product: 'KJLYD', collateral: 'performance_insurance', amount: 200 * W, rate: '0.04', term: 12, method: 'equal_principal', startedMonthsAgo: 7, behind: 1, insurer: true },
  { bank: 'ICBC-YP', product: 'KJWDT', collateral: 'guarantee', amount: 80 * W, rate: '0.042', term: 12, method: 'equal_instalment', startedMonthsAgo: 9, behind: 4, guarantor: true, feeRate: '0.008' },
  { bank: 'ICBC-YP', product: null, collateral: 'credit', amount: 150 * W, rate: '0.041', term: 12, method: 'equal_principal', startedMonthsAgo: 20, behind: 10 },
  { bank: 'SPDB-YP', product: 'SPDB-KCD', collateral: 'credit', amount: 300 * W, rate: '0.039', term: 24, method: 'equal_instalment', startedMonthsAgo: 5, behind: 0 },
  { bank: 'SPDB-YP', product: 'SPDB-KCD', collateral: 'credit', amount: 120 * W, rate: '0.045', term: 12, method: 'equal_principal', startedMonthsAgo: 10, behind: null, reportedDpd: 0 },
  { bank: 'SPDB-YP', product: 'CTD', collateral: 'other', amount: 800 * W, rate: '0.048', term: 36, method: 'interest_only', startedMonthsAgo: 14, behind: 0, linkage: 'loan_warrant' },
  { bank: 'SPDB-YP', product: 'KJLYD', collateral: 'performance_insurance', amount: 400 * W, rate: '0.037', term: 12, method: 'equal_instalment', startedMonthsAgo: 4, behind: null, reportedDpd: 45, insurer: true },
  { bank: 'SPDB-YP', product: 'KJWDT', collateral: 'guarantee', amount: 100 * W, rate: '0.04', term: 12, method: 'equal_principal', startedMonthsAgo: 11, behind: null, reportedDpd: 130, guarantor: true, feeRate: '0.01' },
  { bank: 'BOC-YP', product: 'BOC-ZJTX', collateral: 'credit', amount: 1000 * W, rate: '0.034', term: 36, method: 'equal_instalment', startedMonthsAgo: 12, behind: 0, linkage: 'loan_direct_equity' },
  { bank: 'BOC-YP', product: 'BOC-ZJTX', collateral: 'credit', amount: 600 * W, rate: '0.035', term: 24, method: 'equal_principal', startedMonthsAgo: 15, behind: null, reportedDpd: 0, reportedClass: 'special_mention' },
  { bank: 'BOC-YP', product: 'XJRXYD', collateral: 'credit', amount: 2000 * W, rate: '0.036', term: 36, method: 'interest_only', startedMonthsAgo: 3, behind: 0 },
  { bank: 'BOC-YP', product: 'KJWDT', collateral: 'guarantee', amount: 60 * W, rate: '0.043', term: 12, method: 'equal_instalment', startedMonthsAgo: 18, behind: null, reportedDpd: 300, guarantor: true, feeRate: '0.006' },
  { bank: 'BOC-YP', product: null, collateral: 'ip_pledge', amount: 250 * W, rate: '0.039', term: 12, method: 'equal_principal', startedMonthsAgo: 26, behind: null, reportedDpd: 420, reportedClass: 'doubtful' },
  { bank: 'ICBC-YP', product: 'ICBC-ZSCQ', collateral: 'ip_pledge', amount: 400 * W, rate: '0.035', term: 24, method: 'equal_principal', startedMonthsAgo: 2, behind: 0 },
];

export async function seedDemoLoans(trx: Transaction<DB>, enterpriseIds: readonly { id: string }[]): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  for (const [code, n] of Object.entries(INSTITUTION_USCC)) await trx.updateTable('organizations').set({ uscc: makeUscc(n) }).where('code', '=', code).execute();
  const orgs = new Map((await trx.selectFrom('organizations').select(['id', 'code']).where('code', 'in', [...Object.keys(INSTITUTION_USCC)]).execute()).map((o) => [o.code, o.id]));
  const products = new Map((await trx.selectFrom('products').select(['id', 'code']).execute()).map((p) => [p.code.replace(/（演示）$/, ''), p.id]));
  const today = todayInShanghai();
  const entries = LOANS.filter((d) => orgs.has(d.bank)).map((d, i) => {
    const start = addMonths(today, -d.startedMonthsAgo);
    const loan: NewLoan = {
      loanNo: `DEMO-${d.bank}-${String(i + 1).padStart(3, '0')}`, bankOrgId: orgs.get(d.bank)!, enterpriseId: enterpriseIds[i % enterpriseIds.length]!.id, applicationId: null,
      productId: d.product ? (products.get(d.product) ?? null) : null, collateralMode: d.collateral, guarantorOrgId: d.guarantor ? (orgs.get('SHGUAR') ?? null) : null,
      insurerOrgId: d.insurer ? (orgs.get('PICC-SH') ?? null) : null, guaranteeFeeRate: d.feeRate ?? null, principal: d.amount * 100, annualRate: d.rate, termMonths: d.term,
      startDate: start, maturityDate: addMonths(start, d.term), repaymentMethod: d.method, firstTimeBorrower: i % 3 === 0, linkageMode: d.linkage ?? null,
      source: d.behind === null ? 'import' : 'api',
    };
    return { d, loan, report: { asOf: start, outstanding: loan.principal, dpd: 0, reportedClass: null, source: (d.behind === null ? 'import' : 'api') as 'import' | 'api' } };
  });
  const ids = await insertLoans(trx, entries.map(({ loan, report }) => ({ loan, report })));
  for (let i = 0; i < ids.length; i++) {
    const { d, loan } = entries[i]!;
    const id = ids[i]!;
    if (d.behind === null) {
      // The bank's report a month ago: a quarter of the principal repaid, its days past due and class.
      await upsertReports(trx, [{ loanId: id, asOf: addDays(today, -30), outstanding: Math.round(loan.principal * 0.75), dpd: d.reportedDpd ?? 0, reportedClass: d.reportedClass ?? null, source: 'import' }]);
      continue;
    }
    const due = await trx.selectFrom('loan_schedule').select(['seq', 'due_on', 'principal', 'interest']).where('loan_id', '=', id).where('due_on', '<', today).orderBy('seq').execute();
    const paid = due.slice(0, Math.max(0, due.length - d.behind));
    if (paid.length) {
      await trx.insertInto('loan_repayments')
        .values(paid.map((s) => ({ loan_id: id, external_id: `DEMO-R${s.seq}`, paid_on: s.due_on, principal: s.principal, interest: s.interest, recorded_by: null })))
        .execute();
    }
  }
  for (const months of [-6, -3, -1]) await classifyLoans(trx, addMonths(today, months), { loanIds: ids });
  await classifyLoans(trx, today, { loanIds: ids });
  return ids.length;
}
