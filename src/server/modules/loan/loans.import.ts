// `kcjr import loans FILE [--as-of D]` and the upload page (issue #5). A file is a bank's report as of a
// date (clarifications.md): each row creates the loan if new (schedule generated) and records its
// outstanding and days past due as of that date; a later report updates the loan without losing earlier ones.
// All-or-nothing unless skipInvalid, like every import (platform/tabular).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { SHANGHAI_DISTRICTS } from '../../../shared/enterprise';
import { COLLATERAL_MODES, LINKAGE_MODES, REPAYMENT_METHOD_CODES } from '../../../shared/loan';
import { changedFields, writeAuditBatch, type AuditEntry } from '../../platform/audit';
import { addMonths, todayInShanghai } from '../../platform/dates';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, importReport, parseTableFile, type ImportReport, type RecordOf, type TableError } from '../../platform/tabular';
import { classifyLoans } from './classify.service';
import { insertLoans, loanRow, scheduleRows, upsertReports, type NewLoan } from './create-loan';

export const LOAN_IMPORT_COLUMNS = defineColumns({
  loan_no: col.text({ required: true, max: 64 }),
  uscc: col.uscc({ required: true }),
  enterprise_name: col.text({ required: true, max: 200 }),
  district: col.enum(SHANGHAI_DISTRICTS, { required: true }),
  bank_code: col.text({ required: true, max: 50 }),
  product_code: col.text({ max: 50 }),
  collateral_mode: col.enum(COLLATERAL_MODES, { required: true }),
  disbursed_on: col.date({ required: true, min: '2000-01-01' }),
  principal: col.moneyYuan({ required: true, min: 0.01 }),
  annual_rate: col.decimal({ required: true, min: 0, max: '0.999999', maxDecimals: 6 }),
  term_months: col.int({ required: true, min: 1, max: 360 }),
  repayment_method: col.enum(REPAYMENT_METHOD_CODES, { required: true }),
  outstanding: col.moneyYuan({ required: true, min: 0 }),
  dpd: col.int({ required: true, min: 0, max: 100_000 }),
  first_loan: col.boolean({ required: true }),
  /** Optional (issue #7 reads it): 贷款+直投, 贷款+远期权益, 贷款+外部直投+远期权益, other. */
  linkage_mode: col.enum(LINKAGE_MODES),
});
type Row = RecordOf<typeof LOAN_IMPORT_COLUMNS>;

export interface LoanImportOptions {
  asOf?: string | undefined;
  dryRun: boolean;
  skipInvalid: boolean;
}

export interface LoanImportReport extends ImportReport {
  asOf: string;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  reports: number;
  enterprisesCreated: number;
}

export async function importLoans(db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: LoanImportOptions): Promise<LoanImportReport> {
  const today = todayInShanghai();
  const asOf = options.asOf ?? today;
  const refine = (r: Row) => {
    const p: { column: string; message: string }[] = [];
    if (r.outstanding > r.principal) p.push({ column: 'outstanding', message: `${r.outstanding / 100} is more than the principal ${r.principal / 100}` });
    if (r.disbursed_on > asOf) p.push({ column: 'disbursed_on', message: `${r.disbursed_on} is after the report date ${asOf}` });
    return p;
  };
  const parsed = await parseTableFile(file, LOAN_IMPORT_COLUMNS, { uniqueBy: [['bank_code', 'loan_no']], refine });
  const empty = { asOf, dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0, reports: 0, enterprisesCreated: 0 };
  const fatal = (errors: TableError[]) => errors.length > 0 && (!options.skipInvalid || errors.some((e) => e.line <= 1));
  // Header problems stop here; cell problems are reported together with the reference checks below.
  if (parsed.errors.some((e) => e.line <= 1)) return { ...importReport(0, parsed.errors), ...empty };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.loan.import'))`.execute(trx);
    const refs = await references(trx, parsed.records.map((r) => r.value));
    const errors: TableError[] = [...parsed.errors];
    const rows: Row[] = [];
    for (const { line, value: r } of parsed.records) {
      const problems: TableError[] = [];
      const bank = refs.banks.get(r.bank_code);
      if (!bank) problems.push({ line, column: 'bank_code', message: `no bank with code '${r.bank_code}'` });
      if (r.product_code !== null && !refs.products.has(r.product_code)) problems.push({ line, column: 'product_code', message: `no product with code '${r.product_code}'` });
      const existing = bank ? refs.loans.get(`${bank}|${r.loan_no}`) : undefined;
      if (existing) {
        if (existing.uscc !== r.uscc) problems.push({ line, column: 'uscc', message: `loan ${r.loan_no} of ${r.bank_code} is recorded for ${existing.uscc}` });
        const changed = termsChanged(existing, r);
        if (changed.length && (existing.repayments > 0 || existing.source !== 'import')) {
          problems.push({ line, column: changed[0]!, message: `differs from the loan on record (${changed.join(', ')}); the terms of a loan ${existing.repayments > 0 ? 'with recorded repayments' : `created by ${existing.source}`} do not change by import` });
        }
      }
      if (problems.length) errors.push(...problems);
      else rows.push(r);
    }
    errors.sort((a, b) => a.line - b.line);
    if (fatal(errors)) return { ...importReport(0, errors), ...empty };
    if (options.dryRun) return { ...importReport(0, errors), ...empty };
    const counts = await writeAll(trx, ctx, rows, refs, asOf, file.filename);
    return { ...importReport(rows.length, errors), ...empty, ...counts };
  });
}

async function references(trx: Transaction<DB>, rows: Row[]) {
  const bankCodes = [...new Set(rows.map((r) => r.bank_code))];
  const productCodes = [...new Set(rows.flatMap((r) => (r.product_code ? [r.product_code] : [])))];
  const usccs = [...new Set(rows.map((r) => r.uscc))];
  const nos = [...new Set(rows.map((r) => r.loan_no))];
  const [b, p, e] = await Promise.all([
    bankCodes.length ? trx.selectFrom('organizations').select(['id', 'code']).where('code', 'in', bankCodes).where('kind', '=', 'bank').execute() : [],
    productCodes.length ? trx.selectFrom('products').select(['id', 'code']).where('code', 'in', productCodes).execute() : [],
    usccs.length ? trx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs).execute() : [],
  ]);
  const loans = nos.length
    ? await trx.selectFrom('loans as l').innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
      .select(['l.id', 'l.bank_org_id', 'l.loan_no', 'l.principal', 'l.annual_rate', 'l.term_months', 'l.start_date', 'l.repayment_method', 'l.product_id', 'l.collateral_mode',
        'l.first_time_borrower', 'l.linkage_mode', 'l.source', 'e.uscc'])
      .select(sql<number>`(select count(*) from loan_repayments r where r.loan_id = l.id)::int`.as('repayments'))
      .where('l.loan_no', 'in', nos).execute()
    : [];
  return {
    banks: new Map(b.map((x) => [x.code, x.id])),
    products: new Map(p.map((x) => [x.code, x.id])),
    enterprises: new Map(e.map((x) => [x.uscc, x.id])),
    loans: new Map(loans.map((l) => [`${l.bank_org_id}|${l.loan_no}`, l])),
  };
}
type Refs = Awaited<ReturnType<typeof references>>;
type Existing = Refs['loans'] extends Map<string, infer V> ? V : never;

/** The columns that define the schedule, where they differ from the loan on record. */
function termsChanged(l: Existing, r: Row): (keyof Row)[] {
  const out: (keyof Row)[] = [];
  if (l.principal !== r.principal) out.push('principal');
  if (Number(l.annual_rate) !== Number(r.annual_rate)) out.push('annual_rate');
  if (l.term_months !== r.term_months) out.push('term_months');
  if (l.start_date !== r.disbursed_on) out.push('disbursed_on');
  if (l.repayment_method !== r.repayment_method) out.push('repayment_method');
  return out;
}

function newLoan(r: Row, refs: Refs): NewLoan {
  return {
    loanNo: r.loan_no, bankOrgId: refs.banks.get(r.bank_code)!, enterpriseId: refs.enterprises.get(r.uscc)!, applicationId: null,
    productId: r.product_code ? refs.products.get(r.product_code)! : null, collateralMode: r.collateral_mode, guarantorOrgId: null, insurerOrgId: null,
    guaranteeFeeRate: null, principal: r.principal, annualRate: r.annual_rate, termMonths: r.term_months, startDate: r.disbursed_on,
    maturityDate: addMonths(r.disbursed_on, r.term_months), repaymentMethod: r.repayment_method, firstTimeBorrower: r.first_loan, linkageMode: r.linkage_mode, source: 'import',
  };
}

async function writeAll(trx: Transaction<DB>, ctx: ActorContext, rows: Row[], refs: Refs, asOf: string, filename: string) {
  const counts = { created: 0, updated: 0, unchanged: 0, reports: 0, enterprisesCreated: 0 };
  const audit: AuditEntry[] = [];
  const fresh = [...new Map(rows.filter((r) => !refs.enterprises.has(r.uscc)).map((r) => [r.uscc, r])).values()];
  if (fresh.length) {
    const inserted = await trx.insertInto('enterprises').values(fresh.map((r) => ({ uscc: r.uscc, name: r.enterprise_name, district: r.district, sector: '其他' }))).returning(['id', 'uscc', 'name', 'district']).execute();
    for (const e of inserted) {
      refs.enterprises.set(e.uscc, e.id);
      audit.push({ action: 'enterprise.import.create', entityType: 'enterprise', entityId: e.id, after: { uscc: e.uscc, name: e.name, district: e.district, sector: '其他', source: 'loan import' } });
    }
    counts.enterprisesCreated = inserted.length;
  }
  const toCreate: { loan: NewLoan; report: { asOf: string; outstanding: number; dpd: number; reportedClass: null; source: 'import' } }[] = [];
  const reports: { loanId: string; asOf: string; outstanding: number; dpd: number; reportedClass: null; source: 'import' }[] = [];
  const touched: string[] = [];
  for (const r of rows) {
    const loan = newLoan(r, refs);
    const report = { asOf, outstanding: r.outstanding, dpd: r.dpd, reportedClass: null, source: 'import' as const };
    const existing = refs.loans.get(`${loan.bankOrgId}|${r.loan_no}`);
    if (!existing) {
      toCreate.push({ loan, report });
      continue;
    }
    touched.push(existing.id);
    reports.push({ loanId: existing.id, ...report });
    const want = loanRow(loan);
    const before = { product_id: existing.product_id, collateral_mode: existing.collateral_mode, first_time_borrower: existing.first_time_borrower, linkage_mode: existing.linkage_mode };
    // linkage_mode is optional: a report without it keeps the mode on record.
    const after = { product_id: want.product_id, collateral_mode: want.collateral_mode, first_time_borrower: want.first_time_borrower, linkage_mode: want.linkage_mode ?? existing.linkage_mode };
    const terms = termsChanged(existing, r);
    if (JSON.stringify(before) === JSON.stringify(after) && terms.length === 0) { counts.unchanged += 1; continue; }
    // Terms change only for an imported loan without recorded repayments (checked above): its schedule is regenerated.
    await trx.updateTable('loans').set({ ...after, ...(terms.length ? { principal: want.principal, annual_rate: want.annual_rate, term_months: want.term_months, start_date: want.start_date, maturity_date: want.maturity_date, repayment_method: want.repayment_method } : {}), updated_at: new Date() })
      .where('id', '=', existing.id).execute();
    if (terms.length) {
      await trx.deleteFrom('loan_schedule').where('loan_id', '=', existing.id).execute();
      await trx.insertInto('loan_schedule').values(scheduleRows(existing.id, loan)).execute();
    }
    const termsBefore = { principal: existing.principal, annual_rate: existing.annual_rate, term_months: existing.term_months, start_date: existing.start_date, repayment_method: existing.repayment_method };
    const termsAfter = { principal: want.principal, annual_rate: want.annual_rate, term_months: want.term_months, start_date: want.start_date, repayment_method: want.repayment_method };
    audit.push({ action: 'loan.import.update', entityType: 'loan', entityId: existing.id, ...changedFields({ ...before, ...termsBefore }, { ...after, ...termsAfter }) });
    counts.updated += 1;
  }
  const ids = await insertLoans(trx, toCreate);
  ids.forEach((id, i) => audit.push({ action: 'loan.import.create', entityType: 'loan', entityId: id, after: { ...toCreate[i]!.loan, source: 'import' } }));
  counts.created = ids.length;
  await upsertReports(trx, reports);
  counts.reports = rows.length;
  const all = [...ids, ...touched];
  if (all.length) {
    await classifyLoans(trx, asOf, { loanIds: all });
    const today = todayInShanghai();
    if (today > asOf) await classifyLoans(trx, today, { loanIds: all });
  }
  audit.push({ action: 'loan.import', entityType: 'import', entityId: filename, after: { file: filename, asOf, rows: rows.length, ...counts } });
  await writeAuditBatch(trx, ctx, audit);
  return counts;
}
