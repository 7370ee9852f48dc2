import { sql } from 'kysely';
import type { Database } from '../db/connect';
import { writeAudit } from '../platform/audit';
import { hashPassword } from '../platform/secrets';
import { seedDemoEvents } from '../modules/assessment/events.demo';
import { seedDemoConsentData } from '../modules/consent/consent.demo';
import { seedDemoLoans } from '../modules/loan/loan.demo';
import { seedDemoProducts } from '../modules/product/demo-products';
import { seedDemoRiskPools } from '../modules/risk-pool/risk-pool.demo';
import { seedDemoListing } from '../modules/listing/listing.demo';
import { evaluateDemo, seedDemoEvaluationFacts } from '../modules/evaluation/evaluation.demo';
import { seedDemoMonitoring } from '../modules/monitoring/monitoring.demo';
import { DEMO_INSTITUTIONS, DEMO_OFFICE, DEMO_PASSWORD, DEMO_STAFF, demoEnterprises } from './demo-data';

/** True when the database holds no organisations, users or enterprises (a fresh install). */
export async function isEmpty(db: Database): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select (select count(*) from organizations) + (select count(*) from users) + (select count(*) from enterprises) as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0) === 0;
}

/**
 * Seeds the demo on the first start of an empty database, and never otherwise: a database with any
 * organisation, user or enterprise is left alone. Everything seeded is flagged demo and meta.demo is set,
 * so the UI can mark it. Runs in one transaction: a failed seed leaves the database empty.
 */
export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const enterprises = demoEnterprises();
  const usernames = [...DEMO_STAFF.map((s) => s.username), ...DEMO_INSTITUTIONS.map((i) => i.username), ...enterprises.map((e) => e.username)];
  // One argon2id hash for every demo account: the demo password is published in the README, so per-user
  // salts would protect nothing, and hashing sixty times would slow every first start by seconds.
  const demoHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    // Re-check inside the transaction: two app servers starting at once must not both seed.
    await sql`lock table organizations in exclusive mode`.execute(trx);
    const again = await sql<{ n: number }>`select count(*) as n from organizations`.execute(trx);
    if (Number(again.rows[0]?.n ?? 0) > 0) return;

    const office = await trx.insertInto('organizations').values({ code: DEMO_OFFICE.code, name: DEMO_OFFICE.name, kind: 'office', enterprise_id: null, demo: true }).returning('id').executeTakeFirstOrThrow();
    const user = (username: string, displayName: string, role: string, organizationId: string) => ({
      organization_id: organizationId, username, display_name: displayName, role: role as never,
      password_hash: demoHash, locked_until: null, demo: true,
    });
    await trx.insertInto('users').values(DEMO_STAFF.map((s) => user(s.username, s.displayName, s.role, office.id))).execute();
    for (const inst of DEMO_INSTITUTIONS) {
      const org = await trx.insertInto('organizations').values({ code: inst.code, name: inst.name, kind: inst.kind, enterprise_id: null, demo: true }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('users').values(user(inst.username, inst.displayName, 'institution_user', org.id)).execute();
    }
    const enterpriseIds: { id: string }[] = [];
    for (const e of enterprises) {
      const row = await trx
        .insertInto('enterprises')
        .values({ uscc: e.uscc, name: e.name, district: e.district, street: e.district === '杨浦区' ? e.street : null, founded_on: e.foundedOn, sector: e.sector, industry_code: null, listing_status: e.listingStatus, demo: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      enterpriseIds.push(row);
      if (e.certifications.length) {
        await trx.insertInto('enterprise_certifications').values(e.certifications.map((c) => ({ enterprise_id: row.id, type: c.type, certificate_no: c.certificateNo, issued_on: c.issuedOn, expires_on: c.expiresOn }))).execute();
      }
      await trx
        .insertInto('enterprise_financials')
        .values(e.financials.map((f) => ({
          enterprise_id: row.id, year: f.year, revenue: f.revenue, main_business_revenue: f.mainBusinessRevenue, high_tech_product_revenue: f.highTechProductRevenue,
          rd_expense: f.rdExpense, total_cost: f.totalCost, net_profit: f.netProfit, total_assets: f.totalAssets, total_liabilities: f.totalLiabilities,
          employees: f.employees, rd_staff: f.rdStaff,
        })))
        .execute();
      if (e.ipAssets.length) {
        await trx.insertInto('enterprise_ip_assets').values(e.ipAssets.map((a) => ({ enterprise_id: row.id, kind: a.kind, number: a.number, title: a.title, applied_on: a.appliedOn, granted_on: a.grantedOn, status: a.status, pledged: a.pledged }))).execute();
      }
      if (e.rounds.length) {
        await trx.insertInto('enterprise_rounds').values(e.rounds.map((r) => ({ enterprise_id: row.id, round: r.round, date: r.date, amount: r.amount, investors: r.investors }))).execute();
      }
      const org = await trx.insertInto('organizations').values({ code: `ENT-${e.uscc}`, name: e.name, kind: 'enterprise', enterprise_id: row.id, demo: true }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('users').values(user(e.username, `${e.name}（经办人）`, 'enterprise_user', org.id)).execute();
    }
    // Modules seed their own demo data against the organisations and users above.
    await seedDemoProducts(trx);
    await seedDemoConsentData(trx, enterpriseIds);
    await seedDemoListing(trx, enterpriseIds);
    await seedDemoEvents(trx);
    await seedDemoLoans(trx, enterpriseIds);
    // Risk pools last: they enrol loans, and bring their own demo loans while the ledger seeds none.
    await seedDemoRiskPools(trx);
    await seedDemoEvaluationFacts(trx);
    await trx.insertInto('meta').values({ key: 'demo', value: JSON.stringify(true) }).execute();
    await writeAudit(trx, { principal: null, requestId: null, systemActor: 'system:demo-seed' }, {
      action: 'demo.seed',
      entityType: 'platform',
      entityId: 'demo',
      after: { organizations: 1 + DEMO_INSTITUTIONS.length + enterprises.length, users: usernames.length, enterprises: enterprises.length },
    });
  });
  // Evaluations run after the seed commits (a run writes in its own transactions); re-running is harmless.
  await evaluateDemo(db);
  // Month-end history, the dashboards' cache and a run of the early-warning rules, over the seeded ledger.
  await seedDemoMonitoring(db);
  return true;
}
