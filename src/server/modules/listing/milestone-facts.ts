// Listing milestones as a 免申即享 fact source: `kcjr policy scan --year` finds YP2025-15.1/15.2/15.3 (第15条),
// YP2025-16.1/16.2 (第16条) and YP2024-12 (第12条, by board) from the milestones officers record, with the real
// event date (the registry source can only date a listing by when its status was recorded). The matter is the
// milestone, so the listing group's non-duplication (从优、从高、不重复) pays one measure per listing.
import type { Candidate, FactSource } from '../subsidy/fact-sources';

/** The policy engine's board vocabulary for YP2024-12 (policies/YP2024/measures/YP2024-12.yaml). */
const BOARD_FACT: Record<string, string> = { main_board: 'main', chinext: 'chinext', star: 'star', bse: 'bse', overseas: 'overseas' };

export function milestoneClaims(m: { kind: string; board: string | null; amount: number | null }): { measure: string; facts: Record<string, string | number> }[] {
  const yuan = m.amount === null ? 0 : m.amount / 100;
  switch (m.kind) {
    case 'neeq_base_listing': return [{ measure: 'YP2025-15.1', facts: {} }, { measure: 'YP2024-12', facts: { board: 'neeq' } }];
    case 'neeq_innovation_move': return [{ measure: 'YP2025-15.2', facts: {} }];
    case 'neeq_innovation_direct': return [{ measure: 'YP2025-15.3', facts: {} }, { measure: 'YP2024-12', facts: { board: 'neeq' } }];
    case 'n_board_listing': return [{ measure: 'YP2024-12', facts: { board: 'n-board' } }];
    case 'ipo': return [{ measure: 'YP2024-12', facts: { board: BOARD_FACT[m.board ?? ''] ?? 'main' } }];
    case 'refinancing': return [{ measure: 'YP2025-16.1', facts: { refinancingAmount: yuan } }];
    case 'major_restructuring': return [{ measure: 'YP2025-16.2', facts: { restructuringAmount: yuan } }];
    default: return [];
  }
}

const KIND_ZH: Record<string, string> = {
  neeq_base_listing: '新三板基础层挂牌', neeq_innovation_move: '调层进入创新层', neeq_innovation_direct: '直接进入创新层挂牌', n_board_listing: 'N板挂牌',
  ipo: '首次公开发行上市', refinancing: '再融资', major_restructuring: '重大资产重组',
};

export const listingMilestoneSource: FactSource = {
  id: 'listing.milestones',
  measures: ['YP2025-15.1', 'YP2025-15.2', 'YP2025-15.3', 'YP2025-16.1', 'YP2025-16.2', 'YP2024-12'],
  description: '上市培育库里程碑 (listing milestones recorded by officers: NEEQ, IPO, refinancing, restructuring)',
  async collect(db, period) {
    const rows = await db.selectFrom('listing_milestones as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
      .select(['m.id', 'm.kind', 'm.board', 'm.amount', 'm.occurred_on', 'm.reference', 'e.id as enterprise_id', 'e.uscc', 'e.name', 'e.district'])
      .where('m.occurred_on', '>=', period.from).where('m.occurred_on', '<=', period.to).orderBy('m.occurred_on').orderBy('m.id').execute();
    const out: Candidate[] = [];
    for (const m of rows) {
      const beneficiary = { uscc: m.uscc, name: m.name, kind: 'enterprise' as const, registeredInYangpu: m.district === '杨浦区', registeredInShanghai: true, enterpriseId: m.enterprise_id, organizationId: null };
      const amount = m.amount === null ? '' : `，金额 ${Number(m.amount) / 100} 元`;
      const note = `培育库里程碑：${m.occurred_on} ${KIND_ZH[m.kind]}${m.board ? `（${m.board}）` : ''}${amount}${m.reference ? `，依据 ${m.reference}` : ''}`;
      for (const c of milestoneClaims({ kind: m.kind, board: m.board, amount: m.amount === null ? null : Number(m.amount) })) {
        out.push({ source: this.id, measure: c.measure, beneficiary, facts: c.facts, matter: `MILESTONE-${m.id}`, eventDate: m.occurred_on, note });
      }
    }
    return out;
  },
};
