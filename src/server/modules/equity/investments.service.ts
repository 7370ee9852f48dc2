// Investments: a fund (or the office for it) records an investment, which becomes one of the enterprise's financing
// rounds (enterprise_rounds) in the same transaction, tagged with the government guidance fund's participation
// (母基金 mother fund, 参股 participating, 直投 direct). Loans are linked to investments (投贷联动) here too.
import type { Database } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { todayInShanghai } from '../../platform/dates';
import { badRequest, forbidden, notFound } from '../../platform/errors';
import { fenToYuan, yuanToFen } from '../../platform/money';
import type { InvestmentInput } from './equity.schemas';
import type { LinkageMode } from './linkage-rules';
import { viewerOf, type Ctx } from './needs.service';

export async function recordInvestment(db: Database, ctx: Ctx, input: InvestmentInput) {
  const v = viewerOf(ctx.principal);
  if (v.kind === 'enterprise' || (v.kind === 'staff' && !v.write)) throw forbidden('investments are recorded by the investing fund or the office');
  if (input.investedOn > todayInShanghai()) throw badRequest([{ path: 'body.investedOn', message: 'must not be in the future' }]);
  const id = await db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '=', input.enterpriseId).executeTakeFirst();
    if (!e) throw badRequest([{ path: 'body.enterpriseId', message: 'no enterprise with this id' }]);
    let fundOrgId: string | null = null;
    if (v.kind === 'fund') {
      if (input.fundCode) throw badRequest([{ path: 'body.fundCode', message: 'a fund records its own investments' }]);
      fundOrgId = v.orgId;
      // A fund records against a need it was shown: it has no other view of the enterprise.
      if (!input.needId) throw badRequest([{ path: 'body.needId', message: 'name the equity need this investment answers' }]);
    } else if (input.fundCode) {
      const f = await trx.selectFrom('organizations').select('id').where('code', '=', input.fundCode).where('kind', '=', 'fund').executeTakeFirst();
      if (!f) throw badRequest([{ path: 'body.fundCode', message: `no investment fund with code '${input.fundCode}'` }]);
      fundOrgId = f.id;
    }
    if (input.needId) {
      const n = await trx.selectFrom('equity_needs as n').select(['n.enterprise_id', 'n.visibility', 'n.status'])
        .select((eb) => eb.exists(eb.selectFrom('equity_need_funds as f').select('f.need_id').whereRef('f.need_id', '=', 'n.id').where('f.fund_org_id', '=', fundOrgId ?? '00000000-0000-0000-0000-000000000000')).as('selected'))
        .where('n.id', '=', input.needId).executeTakeFirst();
      const visible = n && (v.kind !== 'fund' || (n.visibility === 'all_funds' || (n.visibility === 'selected_funds' && n.selected)));
      if (!n || !visible) throw badRequest([{ path: 'body.needId', message: 'no equity need with this id' }]);
      if (n.enterprise_id !== input.enterpriseId) throw badRequest([{ path: 'body.needId', message: 'the need is another enterprise\'s' }]);
    }
    const round = await trx.insertInto('enterprise_rounds').values({ enterprise_id: input.enterpriseId, round: input.round, date: input.investedOn, amount: yuanToFen(input.amount)!, investors: input.investors }).returning('id').executeTakeFirstOrThrow();
    const row = await trx.insertInto('investments').values({
      enterprise_id: input.enterpriseId, fund_org_id: fundOrgId, need_id: input.needId ?? null, round: input.round, invested_on: input.investedOn, amount: yuanToFen(input.amount)!,
      investors: input.investors, guidance_participation: input.guidanceParticipation ?? null, round_id: round.id, created_by: ctx.principal.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'equity.investment.record', entityType: 'investment', entityId: row.id, after: { ...input, fundOrgId, roundId: round.id } });
    await writeAudit(trx, ctx, { action: 'enterprise.round.add', entityType: 'enterprise', entityId: input.enterpriseId, after: { round: input.round, date: input.investedOn, amount: input.amount, investors: input.investors, investmentId: row.id } });
    return row.id;
  });
  return (await listInvestments(db, ctx, { page: 1, pageSize: 1, id })).items[0]!;
}

export async function listInvestments(db: Database, ctx: Ctx, q: { page: number; pageSize: number; enterpriseId?: string | undefined; guidance?: string | undefined; id?: string }) {
  const v = viewerOf(ctx.principal);
  let base = db.selectFrom('investments as i');
  if (v.kind === 'enterprise') base = base.where('i.enterprise_id', '=', v.enterpriseId);
  if (v.kind === 'fund') base = base.where('i.fund_org_id', '=', v.orgId);
  if (q.id) base = base.where('i.id', '=', q.id);
  if (q.enterpriseId) base = base.where('i.enterprise_id', '=', q.enterpriseId);
  if (q.guidance === 'any') base = base.where('i.guidance_participation', 'is not', null);
  else if (q.guidance) base = base.where('i.guidance_participation', '=', q.guidance as never);
  const [rows, total] = await Promise.all([
    base.innerJoin('enterprises as e', 'e.id', 'i.enterprise_id').leftJoin('organizations as o', 'o.id', 'i.fund_org_id')
      .select(['i.id', 'i.enterprise_id', 'e.name', 'i.fund_org_id', 'o.code', 'o.name as fund_name', 'i.need_id', 'i.round', 'i.invested_on', 'i.amount', 'i.investors', 'i.guidance_participation', 'i.round_id'])
      .select((eb) => eb.selectFrom('loan_linkages as l').whereRef('l.investment_id', '=', 'i.id').select((e2) => e2.fn.countAll<string>().as('c')).as('linked_loans'))
      .orderBy('i.invested_on', 'desc').orderBy('i.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id, enterprise: { id: r.enterprise_id, name: r.name }, fund: r.fund_org_id ? { code: r.code, name: r.fund_name } : null, needId: r.need_id, round: r.round,
      investedOn: r.invested_on, amount: fenToYuan(Number(r.amount)), investors: r.investors, guidanceParticipation: r.guidance_participation, roundId: r.round_id, linkedLoans: Number(r.linked_loans),
    })),
    total: Number(total.n), page: q.page, pageSize: q.pageSize,
  };
}

/**
 * Sets (or clears, with mode null) a loan's investment-loan linkage mode and the investment it goes with. Banks
 * set their own loans' (another bank's loan is a 404); office staff any. The investment must be the borrower's.
 */
export async function setLoanLinkage(db: Database, ctx: Ctx, loanId: string, input: { mode: LinkageMode | null; investmentId?: string | null | undefined; note?: string | undefined }) {
  const p = ctx.principal;
  const isBank = p.role === 'institution_user' && p.organizationKind === 'bank';
  if (!isBank && p.role !== 'admin' && p.role !== 'officer') throw forbidden('loan linkage is set by the lending bank or the office');
  if (input.mode === null && input.investmentId) throw badRequest([{ path: 'body.investmentId', message: 'an unlinked loan names no investment' }]);
  await db.transaction().execute(async (trx) => {
    const loan = await trx.selectFrom('loans').select(['id', 'enterprise_id', 'bank_org_id', 'linkage_mode', 'loan_no']).where('id', '=', loanId).forUpdate().executeTakeFirst();
    if (!loan || (isBank && loan.bank_org_id !== p.organizationId)) throw notFound('loan');
    if (input.investmentId) {
      const inv = await trx.selectFrom('investments').select(['enterprise_id']).where('id', '=', input.investmentId).executeTakeFirst();
      if (!inv) throw badRequest([{ path: 'body.investmentId', message: 'no investment with this id' }]);
      if (inv.enterprise_id !== loan.enterprise_id) throw badRequest([{ path: 'body.investmentId', message: 'the investment is in another enterprise than the borrower' }]);
    }
    const before = await trx.selectFrom('loan_linkages').selectAll().where('loan_id', '=', loanId).executeTakeFirst();
    await trx.updateTable('loans').set({ linkage_mode: input.mode }).where('id', '=', loanId).execute();
    if (input.mode === null) await trx.deleteFrom('loan_linkages').where('loan_id', '=', loanId).execute();
    else {
      const values = { investment_id: input.investmentId ?? null, note: input.note ?? null, linked_by: p.userId, linked_at: new Date() };
      await trx.insertInto('loan_linkages').values({ loan_id: loanId, ...values }).onConflict((oc) => oc.column('loan_id').doUpdateSet(values)).execute();
    }
    await writeAudit(trx, ctx, {
      action: 'loan.linkage', entityType: 'loan', entityId: loanId,
      before: { linkageMode: loan.linkage_mode, investmentId: before?.investment_id ?? null }, after: { linkageMode: input.mode, investmentId: input.investmentId ?? null, note: input.note ?? null },
    });
  });
  const l = await db.selectFrom('loans as l').leftJoin('loan_linkages as k', 'k.loan_id', 'l.id').select(['l.id', 'l.loan_no', 'l.linkage_mode', 'k.investment_id', 'k.note']).where('l.id', '=', loanId).executeTakeFirstOrThrow();
  return { loanId: l.id, loanNo: l.loan_no, mode: l.linkage_mode, investmentId: l.investment_id ?? null, note: l.note ?? null };
}
