// The risk compensation pools' figures for monitoring, read through the risk-pool module's own repository and
// rule (pools.repository.ts, pool-rules.ts lossRate), not recomputed here.
import type { Database } from '../../db/connect';
import { fenToYuan } from '../../platform/money';
import { lossRate } from '../risk-pool/pool-rules';
import { balanceSeries, poolFigures } from '../risk-pool/pools.repository';

export interface PoolFigure {
  poolId: string;
  pool: string;
  name: string;
  sponsorOrgId: string;
  /** Balance at the end of asOf (the pool's ledger up to that day), fen. */
  balanceFen: number;
  netLossFen: number;
  enrolledPrincipalFen: number;
  /** Net accepted loss / enrolled principal (the pool's own rule); null without enrolled loans. */
  lossRate: number | null;
  nplTolerance: number;
}

export async function riskPoolFigures(db: Database, asOf: string): Promise<PoolFigure[]> {
  const pools = await db.selectFrom('risk_pools').select(['id', 'code', 'name', 'sponsor_org_id', 'npl_tolerance']).orderBy('code').execute();
  const out: PoolFigure[] = [];
  for (const p of pools) {
    const series = await balanceSeries(db, p.id);
    const balance = series.filter((s) => s.date <= asOf).at(-1)?.balance ?? 0;
    const f = await poolFigures(db, p.id, { all: true });
    const netLoss = Math.max(0, Number(f.net.accepted) - Number(f.net.recovered));
    const enrolled = Number(f.enrolled.principal);
    out.push({
      poolId: p.id, pool: p.code, name: p.name, sponsorOrgId: p.sponsor_org_id, balanceFen: balance, netLossFen: netLoss, enrolledPrincipalFen: enrolled,
      lossRate: lossRate(netLoss, enrolled, p.npl_tolerance).rate, nplTolerance: Number(p.npl_tolerance),
    });
  }
  return out;
}

/** The pools' balances as of a date for the indicators (loss rates move with claims and belong to the dashboard). */
export async function poolBalances(db: Database, asOf: string) {
  return (await riskPoolFigures(db, asOf)).map((p) => ({ pool: p.pool, name: p.name, balance: fenToYuan(p.balanceFen) }));
}
