import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { fenToYuan, fenToYuanOrNull, yuanToFen } from '../../platform/money';
import { appendLedger, payQueue } from './pool-money';
import { lossRate } from './pool-rules';
import { balanceSeries, lockPool, poolFigures, poolProducts, poolRow } from './pools.repository';
import type { ContributionInput, CreatePoolInput, UpdatePoolInput } from './risk-pool.schemas';
import { isStaff, poolScope, type Ctx } from './scope';
import { CLAIM_STATUSES } from './claim-transitions';

type PoolRow = NonNullable<Awaited<ReturnType<typeof poolRow>>>;

const isUnique = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
/** Shares are numeric(5,4) in the database ('0.9000'); the API speaks plain numbers (0.9). */
const ratioOut = (v: string) => Number(v);
const ratioIn = (v: number) => v.toFixed(4);

function poolSummary(p: PoolRow, sponsorName: string | null) {
  return {
    id: p.id, code: p.code, name: p.name, sponsor: { id: p.sponsor_org_id, name: sponsorName }, mode: p.mode, share: ratioOut(p.share),
    collateralModes: p.collateral_modes, perLoanCap: fenToYuanOrNull(p.per_loan_cap), perBankYearCap: fenToYuanOrNull(p.per_bank_year_cap),
    nplTolerance: ratioOut(p.npl_tolerance), balance: fenToYuan(p.balance), contributed: fenToYuan(p.contributed), paidOut: fenToYuan(p.paid_out),
    recovered: fenToYuan(p.recovered), status: p.status, basis: p.basis, demo: p.demo,
  };
}

export async function listPools(db: Database) {
  const rows = await db.selectFrom('risk_pools as p').innerJoin('organizations as o', 'o.id', 'p.sponsor_org_id').selectAll('p').select('o.name as sponsor_name').orderBy('p.code').execute();
  return { items: rows.map((r) => poolSummary(r, r.sponsor_name)) };
}

/** A pool with its figures: balance over time, claims by status, loss rate against tolerance (a bank sees its own part). */
export async function getPool(db: Database, ctx: Ctx, id: string) {
  const p = await poolRow(db, id);
  if (!p) throw notFound('risk pool');
  const scope = poolScope(ctx.principal);
  const sponsor = await db.selectFrom('organizations').select('name').where('id', '=', p.sponsor_org_id).executeTakeFirst();
  const [figures, series, productIds] = [await poolFigures(db, id, scope), await balanceSeries(db, id), await poolProducts(db, id)];
  const products = productIds.length ? await db.selectFrom('products').select(['id', 'code', 'name']).where('id', 'in', productIds).orderBy('code').execute() : [];
  const netLoss = Math.max(0, Number(figures.net.accepted) - Number(figures.net.recovered));
  const enrolledPrincipal = Number(figures.enrolled.principal);
  const rate = lossRate(netLoss, enrolledPrincipal, p.npl_tolerance);
  const outstanding = Number(figures.enrolled.outstanding);
  const claimsByStatus = CLAIM_STATUSES.map((status) => {
    const r = figures.byStatus.find((b) => b.status === status);
    return { status, count: Number(r?.count ?? 0), loss: fenToYuan(Number(r?.loss ?? 0)), payable: fenToYuan(Number(r?.payable ?? 0)), paid: fenToYuan(Number(r?.paid ?? 0)) };
  });
  return {
    ...poolSummary(p, sponsor?.name ?? null),
    products,
    scope: scope.all ? 'all' : 'own',
    figures: {
      enrolledLoans: Number(figures.enrolled.count),
      enrolledPrincipal: fenToYuan(enrolledPrincipal),
      outstanding: fenToYuan(outstanding),
      nplOutstanding: fenToYuan(Number(figures.enrolled.npl_outstanding)),
      nplLoans: Number(figures.enrolled.npl_count),
      nplRatio: outstanding > 0 ? Math.round((Number(figures.enrolled.npl_outstanding) / outstanding) * 1e6) / 1e6 : null,
      acceptedLoss: fenToYuan(Number(figures.net.accepted)),
      recoveredAfterApproval: fenToYuan(Number(figures.net.recovered)),
      netLoss: fenToYuan(netLoss),
      lossRate: rate.rate,
      overTolerance: rate.overTolerance,
      owedToBanks: fenToYuan(Number(figures.net.owed)),
    },
    claimsByStatus,
    balanceSeries: series.map((s) => ({ date: s.date, inflow: fenToYuan(s.inflow), outflow: fenToYuan(s.outflow), balance: fenToYuan(s.balance) })),
  };
}

export async function createPool(db: Database, ctx: Ctx, input: CreatePoolInput) {
  const sponsor = await db.selectFrom('organizations').select(['id', 'kind']).where('id', '=', input.sponsorOrgId).executeTakeFirst();
  if (!sponsor) throw badRequest([{ path: 'body.sponsorOrgId', message: 'no such organisation' }]);
  if (sponsor.kind === 'enterprise') throw badRequest([{ path: 'body.sponsorOrgId', message: 'an enterprise cannot sponsor a risk compensation pool' }]);
  const productIds = [...new Set(input.productIds)];
  if (productIds.length) {
    const found = await db.selectFrom('products').select('id').where('id', 'in', productIds).execute();
    const missing = productIds.filter((p) => !found.some((f) => f.id === p));
    if (missing.length) throw badRequest(missing.map((m) => ({ path: `body.productIds`, message: `no product ${m}` })));
  }
  let id: string;
  try {
    id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('risk_pools')
        .values({
          code: input.code, name: input.name, sponsor_org_id: input.sponsorOrgId, mode: input.mode, share: ratioIn(input.share),
          collateral_modes: JSON.stringify([...new Set(input.collateralModes)]) as never, per_loan_cap: input.perLoanCap === null ? null : yuanToFen(input.perLoanCap)!,
          per_bank_year_cap: input.perBankYearCap === null ? null : yuanToFen(input.perBankYearCap)!, npl_tolerance: ratioIn(input.nplTolerance), basis: input.basis,
          created_by: ctx.principal.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (productIds.length) await trx.insertInto('risk_pool_products').values(productIds.map((p) => ({ pool_id: row.id, product_id: p }))).execute();
      await writeAudit(trx, ctx, { action: 'risk_pool.create', entityType: 'risk_pool', entityId: row.id, after: { ...input, productIds } });
      return row.id;
    });
  } catch (e) {
    if (isUnique(e)) throw conflict(`pool code ${input.code} is already used`);
    throw e;
  }
  return getPool(db, ctx, id);
}

/** Caps, tolerance, name and status; the share and mode are fixed once a pool exists (approved claims carry their own). */
export async function updatePool(db: Database, ctx: Ctx, id: string, input: UpdatePoolInput) {
  await db.transaction().execute(async (trx) => {
    const p = await lockPool(trx, id);
    if (!p) throw notFound('risk pool');
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.perLoanCap !== undefined ? { per_loan_cap: input.perLoanCap === null ? null : yuanToFen(input.perLoanCap)! } : {}),
      ...(input.perBankYearCap !== undefined ? { per_bank_year_cap: input.perBankYearCap === null ? null : yuanToFen(input.perBankYearCap)! } : {}),
      ...(input.nplTolerance !== undefined ? { npl_tolerance: ratioIn(input.nplTolerance) } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    };
    if (Object.keys(set).length === 0) throw badRequest([{ path: 'body', message: 'nothing to change' }]);
    await trx.updateTable('risk_pools').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (p as Record<string, unknown>)[k]]));
    await writeAudit(trx, ctx, { action: 'risk_pool.update', entityType: 'risk_pool', entityId: id, before, after: { ...set, reason: input.reason } });
  });
  return getPool(db, ctx, id);
}

/**
 * 注资: capital in, then the claims waiting for it are paid first in, first out. With an Idempotency-Key a retried
 * request returns the pool as it is instead of contributing twice.
 */
export async function contribute(db: Database, ctx: Ctx, id: string, input: ContributionInput, idempotencyKey: string | undefined, today = todayInShanghai()) {
  const key = idempotencyKey?.trim() || null;
  if (key !== null && key.length > 200) throw badRequest([{ path: 'headers.idempotency-key', message: 'at most 200 characters' }]);
  if (input.contributedOn > today) throw badRequest([{ path: 'body.contributedOn', message: `cannot be later than today (${today})` }]);
  const fen = yuanToFen(input.amount)!;
  let paid: { claimId: string; amount: number; settled: boolean }[] = [];
  let replayed = false;
  try {
    await db.transaction().execute(async (trx) => {
      const pool = await lockPool(trx, id);
      if (!pool) throw notFound('risk pool');
      if (key !== null) {
        const earlier = await trx.selectFrom('risk_pool_ledger').select(['amount']).where('pool_id', '=', id).where('idempotency_key', '=', key).executeTakeFirst();
        if (earlier) {
          if (earlier.amount !== fen) throw conflict('this Idempotency-Key was used for a different contribution');
          replayed = true;
          return;
        }
      }
      if (pool.status !== 'active') throw conflict('the pool is closed: it takes no new capital');
      const money = { id, balance: pool.balance };
      await appendLedger(trx, ctx, money, { kind: 'contribution', amount: fen, entryDate: input.contributedOn, claimId: null, reference: input.reference, idempotencyKey: key });
      paid = await payQueue(trx, ctx, money, today);
    });
  } catch (e) {
    // The same key sent twice at once: the second waited on the pool's lock, then hit the unique key.
    if (isUnique(e) && key !== null && (await db.selectFrom('risk_pool_ledger').select('seq').where('pool_id', '=', id).where('idempotency_key', '=', key).executeTakeFirst())) replayed = true;
    else throw e;
  }
  return { replayed, paidClaims: paid.map((p) => ({ claimId: p.claimId, amount: fenToYuan(p.amount), settled: p.settled })), pool: await getPool(db, ctx, id) };
}

export async function listLedger(db: Database, id: string, q: { page: number; pageSize: number; kind?: 'contribution' | 'payout' | 'recovery' | undefined }) {
  if (!(await poolRow(db, id))) throw notFound('risk pool');
  const base = db.selectFrom('risk_pool_ledger as l').where('l.pool_id', '=', id).$if(!!q.kind, (x) => x.where('l.kind', '=', q.kind!));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .leftJoin('risk_pool_claims as c', 'c.id', 'l.claim_id')
    .leftJoin('users as u', 'u.id', 'l.recorded_by')
    .select(['l.seq', 'l.kind', 'l.amount', 'l.balance_after', 'l.entry_date', 'l.claim_id', 'c.claim_no', 'l.reference', 'u.username', 'l.created_at'])
    .orderBy('l.seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      seq: r.seq, kind: r.kind, amount: fenToYuan(r.amount), balanceAfter: fenToYuan(r.balance_after), entryDate: r.entry_date,
      claim: r.claim_id ? { id: r.claim_id, claimNo: r.claim_no } : null, reference: r.reference, recordedBy: r.username ?? null, recordedAt: new Date(r.created_at).toISOString(),
    })),
  };
}

export { isStaff };
