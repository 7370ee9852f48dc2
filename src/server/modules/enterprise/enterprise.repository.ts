import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { normalizeUscc } from '../../../shared/uscc';
import { fenToYuanOrNull } from '../../platform/money';
import type { EnterpriseSummary, SearchQuery } from './enterprise.schemas';

type Handle = Kysely<DB> | Transaction<DB>;
export type SearchFilters = Omit<SearchQuery, 'page' | 'pageSize' | 'sort'> & { onlyId?: string | null };

const USCC_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{2,18}$/;

const SORT_COLUMNS = { name: 'name', foundedOn: 'founded_on', uscc: 'uscc', updatedAt: 'updated_at' } as const;

function applyFilters<O>(q: SelectQueryBuilder<DB, 'enterprises', O>, f: SearchFilters, today: string) {
  if (f.onlyId) q = q.where('enterprises.id', '=', f.onlyId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Only a text that could begin a USCC also searches codes: an OR with the code branch would stop the
    // planner from using the name's trigram index for ordinary (Chinese) name fragments.
    const code = normalizeUscc(f.q);
    q = USCC_PREFIX.test(code)
      ? q.where((eb) => eb.or([eb('enterprises.name', 'ilike', like), eb('enterprises.uscc', 'like', `${code}%`)]))
      : q.where('enterprises.name', 'ilike', like);
  }
  // Searched codes are normalised like registered ones (trimmed, full-width folded, upper-cased).
  if (f.uscc) q = q.where('enterprises.uscc', '=', normalizeUscc(f.uscc));
  if (f.sector) q = q.where('enterprises.sector', '=', f.sector);
  if (f.district) q = q.where('enterprises.district', '=', f.district);
  if (f.foundedFrom) q = q.where('enterprises.founded_on', '>=', f.foundedFrom);
  if (f.foundedTo) q = q.where('enterprises.founded_on', '<=', f.foundedTo);
  if (f.certification) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enterprise_certifications as c')
          .select(sql`1`.as('one'))
          .whereRef('c.enterprise_id', '=', 'enterprises.id')
          .where('c.type', '=', f.certification!)
          .where('c.issued_on', '<=', today)
          .where((e2) => e2.or([e2('c.expires_on', 'is', null), e2('c.expires_on', '>=', today)])),
      ),
    );
  }
  if (f.evaluation || f.stage) q = q.where((eb) => eb.exists(evaluationFilter(f)));
  return q;
}

/** Evaluation kinds whose filter a search used; their stored result joins the summary rows. */
export const evaluationKind = (f: SearchFilters) => f.evaluation ?? (f.stage ? 'lifecycle' : undefined);

/** The stored evaluation a search filters on (issue #6): kind, year (default: the latest evaluated), score, eligibility, stage. */
function evaluationFilter(f: SearchFilters) {
  const kind = evaluationKind(f)!;
  const year = f.evaluationYear === undefined ? sql`(select max(year) from enterprise_evaluations where kind = ${kind})` : sql`${f.evaluationYear}`;
  return sql`(select 1 from enterprise_evaluations ev where ev.enterprise_id = enterprises.id and ev.kind = ${kind} and ev.year = ${year}
    ${f.minScore === undefined ? sql`` : sql`and ev.score >= ${f.minScore}`}
    ${f.eligible === undefined ? sql`` : sql`and ev.eligible = ${f.eligible}`}
    ${f.stage === undefined ? sql`` : f.evaluation && f.evaluation !== 'lifecycle'
      ? sql`and exists (select 1 from enterprise_evaluations lc where lc.enterprise_id = ev.enterprise_id and lc.year = ev.year and lc.kind = 'lifecycle' and lc.result->>'stage' = ${f.stage})`
      : sql`and ev.result->>'stage' = ${f.stage}`})`;
}

async function evaluationColumns(db: Handle, f: SearchFilters, ids: string[]) {
  const kind = evaluationKind(f);
  const map = new Map<string, { kind: string; year: number; score: number | null; eligible: boolean | null }>();
  if (!kind || ids.length === 0) return map;
  const year = f.evaluationYear ?? (await db.selectFrom('enterprise_evaluations').select((eb) => eb.fn.max('year').as('y')).where('kind', '=', kind).executeTakeFirst())?.y;
  if (year === undefined || year === null) return map;
  const rows = await db.selectFrom('enterprise_evaluations').select(['enterprise_id', 'year', 'score', 'eligible']).where('kind', '=', kind).where('year', '=', Number(year)).where('enterprise_id', 'in', ids).execute();
  for (const r of rows) map.set(r.enterprise_id, { kind, year: r.year, score: r.score === null ? null : Number(r.score), eligible: r.eligible });
  return map;
}

export async function searchEnterprises(
  db: Handle,
  f: SearchFilters,
  sort: SearchQuery['sort'],
  page: { limit: number; offset: number },
  today: string,
): Promise<{ rows: EnterpriseSummary[]; total: number }> {
  const base = applyFilters(db.selectFrom('enterprises'), f, today);
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  // The tie-break follows the sort direction so one index (read forwards or backwards) serves the order.
  // Count and page run side by side: on a PostgreSQL pool they overlap; PGlite serialises them anyway.
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['id', 'uscc', 'name', 'district', 'street', 'founded_on', 'sector', 'industry_code', 'listing_status', 'demo'])
      .orderBy(column, (ob) => (desc ? ob.desc().nullsLast() : ob.asc().nullsLast()))
      .orderBy('id', desc ? 'desc' : 'asc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  const certs = await validCertifications(db, rows.map((r) => r.id), today);
  const evals = await evaluationColumns(db, f, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => {
      const s = toSummary(r, certs.get(r.id) ?? []);
      const e = evals.get(r.id);
      return e ? { ...s, evaluation: e } : s;
    }),
    total: Number(countRow.n),
  };
}

/** Streams the rows of a filtered search in pages, for exports of any size. */
export async function* iterateEnterprises(db: Handle, f: SearchFilters, today: string, pageSize = 2000) {
  let after = '';
  for (;;) {
    const rows = await applyFilters(db.selectFrom('enterprises'), f, today)
      .selectAll()
      .where('uscc', '>', after)
      .orderBy('uscc')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.uscc;
  }
}

async function validCertifications(db: Handle, ids: string[], today: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('enterprise_certifications')
    .select(['enterprise_id', 'type'])
    .where('enterprise_id', 'in', ids)
    .where('issued_on', '<=', today)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .orderBy('type')
    .execute();
  for (const r of rows) {
    const list = map.get(r.enterprise_id) ?? [];
    if (!list.includes(r.type)) list.push(r.type);
    map.set(r.enterprise_id, list);
  }
  return map;
}

type EnterpriseRow = {
  id: string; uscc: string; name: string; district: string; street: string | null; founded_on: string | null;
  sector: string; industry_code: string | null; listing_status: string; demo: boolean;
};

function toSummary(r: EnterpriseRow, certifications: string[]): EnterpriseSummary {
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    district: r.district,
    street: r.street,
    foundedOn: r.founded_on,
    sector: r.sector,
    industryCode: r.industry_code,
    listingStatus: r.listing_status,
    certifications,
    demo: r.demo,
  };
}

/** PostgreSQL's unique_violation (23505), from node-postgres and PGlite alike. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

export async function findEnterpriseRow(db: Handle, id: string) {
  return db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadEnterprise(db: Handle, id: string, today: string, withPrivate: boolean) {
  const row = await findEnterpriseRow(db, id);
  if (!row) return undefined;
  const certs = await db.selectFrom('enterprise_certifications').selectAll().where('enterprise_id', '=', id).orderBy('issued_on', 'desc').execute();
  const valid = certs.filter((c) => c.issued_on <= today && (!c.expires_on || c.expires_on >= today)).map((c) => c.type);
  const detail = {
    ...toSummary(row, [...new Set(valid)].sort()),
    certificationRecords: certs.map((c) => ({ id: c.id, type: c.type, certificateNo: c.certificate_no, issuedOn: c.issued_on, expiresOn: c.expires_on })),
    createdAt: row.created_at.toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  if (!withPrivate) return detail;
  const [financials, ipAssets, rounds] = [
    await db.selectFrom('enterprise_financials').selectAll().where('enterprise_id', '=', id).orderBy('year').execute(),
    await db.selectFrom('enterprise_ip_assets').selectAll().where('enterprise_id', '=', id).orderBy('kind').orderBy('number').execute(),
    await db.selectFrom('enterprise_rounds').selectAll().where('enterprise_id', '=', id).orderBy('date').execute(),
  ];
  return {
    ...detail,
    financials: financials.map(financialsToView),
    ipAssets: ipAssets.map((a) => ({ id: a.id, kind: a.kind, number: a.number, title: a.title, appliedOn: a.applied_on, grantedOn: a.granted_on, status: a.status, pledged: a.pledged })),
    rounds: rounds.map((r) => ({ id: r.id, round: r.round, date: r.date, amount: r.amount / 100, investors: r.investors, postMoney: r.post_money === null ? null : r.post_money / 100 })),
  };
}

export function financialsToView(f: DB['enterprise_financials']) {
  return {
    year: f.year,
    revenue: fenToYuanOrNull(f.revenue),
    mainBusinessRevenue: fenToYuanOrNull(f.main_business_revenue),
    highTechProductRevenue: fenToYuanOrNull(f.high_tech_product_revenue),
    rdExpense: fenToYuanOrNull(f.rd_expense),
    totalCost: fenToYuanOrNull(f.total_cost),
    netProfit: fenToYuanOrNull(f.net_profit),
    totalAssets: fenToYuanOrNull(f.total_assets),
    totalLiabilities: fenToYuanOrNull(f.total_liabilities),
    employees: f.employees,
    rdStaff: f.rd_staff,
  };
}

/** Each enterprise's most recent year of financials. */
export async function latestFinancials(db: Handle, ids: string[]) {
  const map = new Map<string, DB['enterprise_financials']>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('enterprise_financials')
    .selectAll()
    .distinctOn('enterprise_id')
    .where('enterprise_id', 'in', ids)
    .orderBy('enterprise_id')
    .orderBy('year', 'desc')
    .execute();
  for (const r of rows) map.set(r.enterprise_id, r);
  return map;
}
