// A bank posts a disbursed loan through the API with its token (issue #5). Idempotent by loan number within
// the bank: the same post again returns the loan on record (200); a post that differs from it is a 409
// naming the fields that differ.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { addMonths, todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, forbidden } from '../../platform/errors';
import { yuanToFen } from '../../platform/money';
import { classifyLoans } from './classify.service';
import { insertLoans, isFirstTimeBorrower, type NewLoan } from './create-loan';
import { findLoanByNumber, type LoanRow } from './loans.repository';
import type { CreateLoanInput } from './loans.schemas';
import { loanView, type Ctx } from './loans.service';

async function orgOfKind(trx: Transaction<DB>, code: string, kind: 'bank' | 'guarantor' | 'insurer', path: string) {
  const org = await trx.selectFrom('organizations').select(['id', 'kind']).where('code', '=', code).executeTakeFirst();
  if (!org) throw badRequest([{ path, message: `no institution with code '${code}'` }]);
  if (org.kind !== kind) throw badRequest([{ path, message: `'${code}' is a ${org.kind}, not a ${kind}` }]);
  return org.id;
}

async function bankOf(trx: Transaction<DB>, ctx: Ctx, input: CreateLoanInput): Promise<string> {
  const p = ctx.principal;
  if (p.role === 'institution_user') {
    if (p.organizationKind !== 'bank') throw forbidden('only banks post loans');
    if (input.bankCode !== undefined) {
      const own = await trx.selectFrom('organizations').select('code').where('id', '=', p.organizationId).executeTakeFirstOrThrow();
      if (own.code !== input.bankCode) throw badRequest([{ path: 'body.bankCode', message: `a bank posts its own loans; leave it out or give '${own.code}'` }]);
    }
    return p.organizationId;
  }
  if (!input.bankCode) throw badRequest([{ path: 'body.bankCode', message: 'required when office staff post a loan for a bank' }]);
  return orgOfKind(trx, input.bankCode, 'bank', 'body.bankCode');
}

async function enterpriseOf(trx: Transaction<DB>, ctx: Ctx, input: CreateLoanInput): Promise<string> {
  const found = await trx.selectFrom('enterprises').select('id').where('uscc', '=', input.enterpriseUscc).executeTakeFirst();
  if (found) return found.id;
  if (!input.enterpriseName) throw badRequest([{ path: 'body.enterpriseName', message: `no enterprise with USCC ${input.enterpriseUscc} in the registry: give enterpriseName and district to register it` }]);
  if (!input.district) throw badRequest([{ path: 'body.district', message: `required to register the enterprise ${input.enterpriseUscc}` }]);
  const e = await trx.insertInto('enterprises').values({ uscc: input.enterpriseUscc, name: input.enterpriseName, district: input.district, sector: '其他' }).returning('id').executeTakeFirstOrThrow();
  await writeAudit(trx, ctx, { action: 'enterprise.create', entityType: 'enterprise', entityId: e.id, after: { uscc: input.enterpriseUscc, name: input.enterpriseName, district: input.district, sector: '其他', source: 'loan post' } });
  return e.id;
}

/** The fields a repeated post must match, as the loan on record holds them. */
function comparable(l: Pick<NewLoan, 'enterpriseId' | 'collateralMode' | 'principal' | 'annualRate' | 'termMonths' | 'startDate' | 'maturityDate' | 'repaymentMethod' | 'linkageMode'> & { productId: string | null; guaranteeFeeRate: string | null }) {
  return {
    enterpriseId: l.enterpriseId, productId: l.productId, collateralMode: l.collateralMode, principal: l.principal, annualRate: Number(l.annualRate),
    termMonths: l.termMonths, startDate: l.startDate, maturityDate: l.maturityDate, repaymentMethod: l.repaymentMethod, linkageMode: l.linkageMode,
    guaranteeFeeRate: l.guaranteeFeeRate === null ? null : Number(l.guaranteeFeeRate),
  };
}

function differences(existing: LoanRow, wanted: NewLoan): string[] {
  const a = comparable({ ...wanted });
  const b = comparable({
    enterpriseId: existing.enterprise_id, productId: null, collateralMode: existing.collateral_mode, principal: existing.principal, annualRate: existing.annual_rate,
    termMonths: existing.term_months, startDate: existing.start_date, maturityDate: existing.maturity_date, repaymentMethod: existing.repayment_method,
    linkageMode: existing.linkage_mode, guaranteeFeeRate: existing.guarantee_fee_rate,
  });
  return (Object.keys(a) as (keyof typeof a)[]).filter((k) => k !== 'productId' && a[k] !== b[k]);
}

export async function postLoan(db: Database, ctx: Ctx, input: CreateLoanInput): Promise<{ created: boolean; loan: ReturnType<typeof loanView> }> {
  return db.transaction().execute(async (trx) => {
    const bankOrgId = await bankOf(trx, ctx, input);
    // Serialise posts of the same loan number: a repeated post waits and then finds the first one's loan.
    await sql`select pg_advisory_xact_lock(hashtext(${`kcjr.loan:${bankOrgId}:${input.loanNo}`}))`.execute(trx);
    const maturity = input.maturityDate ?? addMonths(input.startDate, input.termMonths);
    if (maturity <= input.startDate) throw badRequest([{ path: 'body.maturityDate', message: 'must be after startDate' }]);
    if (input.startDate > todayInShanghai()) throw badRequest([{ path: 'body.startDate', message: 'a loan is posted once disbursed: the start date cannot be in the future' }]);
    const product = input.productCode ? await trx.selectFrom('products').select('id').where('code', '=', input.productCode).executeTakeFirst() : null;
    if (input.productCode && !product) throw badRequest([{ path: 'body.productCode', message: `no product with code '${input.productCode}'` }]);
    const guarantorOrgId = input.guarantorCode ? await orgOfKind(trx, input.guarantorCode, 'guarantor', 'body.guarantorCode') : null;
    const insurerOrgId = input.insurerCode ? await orgOfKind(trx, input.insurerCode, 'insurer', 'body.insurerCode') : null;
    const existing = await findLoanByNumber(trx, bankOrgId, input.loanNo);
    const enterpriseId = existing && existing.enterprise_uscc === input.enterpriseUscc ? existing.enterprise_id : await enterpriseOf(trx, ctx, input);
    const loan: NewLoan = {
      loanNo: input.loanNo, bankOrgId, enterpriseId, applicationId: null, productId: product?.id ?? null, collateralMode: input.collateralMode, guarantorOrgId, insurerOrgId,
      guaranteeFeeRate: input.guaranteeFeeRate ?? null, principal: yuanToFen(input.principal)!, annualRate: input.annualRate, termMonths: input.termMonths,
      startDate: input.startDate, maturityDate: maturity, repaymentMethod: input.repaymentMethod, firstTimeBorrower: false, linkageMode: input.linkageMode ?? null, source: 'api',
    };
    if (existing) {
      const diff = differences(existing, loan);
      if ((input.productCode ?? null) !== existing.product_code) diff.push('productCode');
      if ((input.guarantorCode ?? null) !== existing.guarantor_code) diff.push('guarantorCode');
      if ((input.insurerCode ?? null) !== existing.insurer_code) diff.push('insurerCode');
      if (diff.length) throw conflict(`loan ${input.loanNo} is already recorded with different ${diff.join(', ')}`);
      return { created: false, loan: loanView(existing) };
    }
    loan.firstTimeBorrower = input.firstTimeBorrower ?? (await isFirstTimeBorrower(trx, enterpriseId, input.startDate));
    const [id] = await insertLoans(trx, [{ loan, report: { asOf: input.startDate, outstanding: loan.principal, dpd: 0, reportedClass: null, source: 'api' } }]);
    await initialStanding(trx, id!, input.startDate);
    await writeAudit(trx, ctx, { action: 'loan.create', entityType: 'loan', entityId: id!, after: { ...input, bankOrgId, enterpriseId, maturityDate: maturity, firstTimeBorrower: loan.firstTimeBorrower, source: 'api' } });
    const row = await findLoanByNumber(trx, bankOrgId, input.loanNo);
    return { created: true, loan: loanView(row!) };
  });
}

/** A new loan's first standing: as of its start date, and as of today when it started earlier. */
export async function initialStanding(trx: Transaction<DB>, loanId: string, startDate: string): Promise<void> {
  await classifyLoans(trx, startDate, { loanIds: [loanId] });
  const today = todayInShanghai();
  if (today > startDate) await classifyLoans(trx, today, { loanIds: [loanId] });
}
