// N financing applications for the benchmark, generated in SQL (seconds, not minutes): 20,000 enterprises over
// the 16 districts, 10 partner banks, one programme product, and applications in every status with the share a
// busy year might have. Applications at a bank carry their assignment row, like the API writes them.
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/connect';
import { hashPassword } from '../../src/server/platform/secrets';
import { SHANGHAI_DISTRICTS } from '../../src/shared/enterprise';

export const BENCH_PASSWORD = 'bench-password-1';

/**
 * Status by i % 1000. 200,000 applications are years of the platform's history (the 2017 report counts 889 in a
 * year for one programme), so most are closed; what is open — the screening queue (3%), review (1%), waiting at a
 * bank (3.5%) — is a few thousand, as on a real desk. `--active-share heavy` puts 18% in the queue instead.
 */
const STATUS_BUCKETS: Record<'realistic' | 'heavy', [number, string][]> = {
  realistic: [
    [5, 'draft'], [20, 'submitted'], [35, 'screening'], [45, 'review'], [65, 'recommended'], [80, 'accepted'],
    [100, 'approved'], [660, 'disbursed'], [720, 'declined'], [810, 'deferred'], [950, 'rejected'], [1000, 'withdrawn'],
  ],
  heavy: [
    [20, 'draft'], [100, 'submitted'], [200, 'screening'], [250, 'review'], [400, 'recommended'], [500, 'accepted'],
    [600, 'approved'], [850, 'disbursed'], [880, 'declined'], [930, 'deferred'], [980, 'rejected'], [1000, 'withdrawn'],
  ],
};

export async function loadApplications(db: Database, rows: number, share: 'realistic' | 'heavy' = 'realistic') {
  const hash = await hashPassword(BENCH_PASSWORD);
  const office = await db.insertInto('organizations').values({ code: 'OFFICE', name: '区科技经济委', kind: 'office' }).returning('id').executeTakeFirstOrThrow();
  const banks = await db.insertInto('organizations').values(Array.from({ length: 10 }, (_, i) => ({ code: `BANK${String(i + 1).padStart(2, '0')}`, name: `合作银行${i + 1}`, kind: 'bank' as const }))).returning(['id', 'code']).execute();
  await db.insertInto('users').values([
    { organization_id: office.id, username: 'officer', display_name: 'officer', role: 'officer', password_hash: hash, locked_until: null },
    { organization_id: banks[0]!.id, username: 'bank', display_name: 'bank', role: 'institution_user', password_hash: hash, locked_until: null },
  ]).execute();
  const product = await db.insertInto('products').values({ code: 'LYD', name: '科技履约贷', type: 'performance_insurance_loan', owner_org_id: office.id, is_programme: true }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('product_partners').values(banks.map((b) => ({ product_id: product.id, org_id: b.id }))).execute();

  const districts = sql.raw(`array[${SHANGHAI_DISTRICTS.map((d) => `'${d}'`).join(',')}]`);
  await sql`
    insert into enterprises (uscc, name, district, sector)
    select 'B' || lpad(i::text, 17, '0'), '基准企业' || i, (${districts})[1 + i % 16], '其他' from generate_series(1, 20000) i`.execute(db);
  const statusCase = sql.raw(`case ${STATUS_BUCKETS[share].map(([upTo, s]) => `when i % 1000 < ${upTo} then '${s}'`).join(' ')} end`);
  const bankIds = sql.raw(`array[${banks.map((b) => `'${b.id}'::uuid`).join(',')}]`);
  await sql`
    with e as (select id, row_number() over (order by uscc) as k from enterprises),
    g as (select i, ${statusCase} as status from generate_series(1, ${rows}) i)
    insert into applications (application_no, enterprise_id, product_id, product_version, requested_amount, requested_term_months, status,
      bank_org_id, recommended_product_id, recommended_product_version, recommended_amount, recommended_on, approved_amount, approved_rate,
      approved_term_months, decided_on, submitted_on, created_at)
    select 'BN' || lpad(g.i::text, 8, '0'), e.id, ${product.id}, 1, (100 + g.i % 900) * 1000000, 12, g.status,
      case when g.status in ('recommended','accepted','approved','disbursed','declined') then (${bankIds})[1 + g.i % 10] end,
      case when g.status in ('recommended','accepted','approved','disbursed','declined') then ${product.id}::uuid end,
      case when g.status in ('recommended','accepted','approved','disbursed','declined') then 1 end,
      case when g.status in ('recommended','accepted','approved','disbursed','declined') then (100 + g.i % 900) * 1000000 end,
      case when g.status in ('recommended','accepted','approved','disbursed','declined') then date '2023-01-20' + (g.i % 1060) end,
      case when g.status in ('approved','disbursed') then (90 + g.i % 900) * 1000000 end,
      case when g.status in ('approved','disbursed') then 0.0385 end,
      case when g.status in ('approved','disbursed') then 12 end,
      case when g.status in ('approved','disbursed','declined') then date '2023-03-01' + (g.i % 1060) end,
      case when g.status <> 'draft' then date '2023-01-01' + (g.i % 1060) end,
      timestamptz '2023-01-01' + (g.i || ' minutes')::interval
    from g join e on e.k = 1 + g.i % 20000`.execute(db);
  await sql`
    insert into application_assignments (application_id, seq, bank_org_id, product_id, product_version, amount, recommended_on)
    select id, 1, bank_org_id, recommended_product_id, 1, recommended_amount, recommended_on from applications where bank_org_id is not null`.execute(db);
  // Steady state: autovacuum has set the visibility map, so counts are index-only scans as in production.
  await sql`vacuum analyze`.execute(db);
  return { bankOrgId: banks[0]!.id };
}
