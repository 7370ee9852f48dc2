// 靶向对接 (issue #4): products for an enterprise with the reasons, and enterprises for a product. The decision is
// made by match-rules.ts over facts loaded here; scoping is decided here.
import type { Database } from '../../db/connect';
import { todayInShanghai } from '../../platform/dates';
import { notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { partnersOf } from '../product/product.repository';
import { loadEnterpriseFacts, loadMatchableProducts } from './match-facts';
import { SECTORS } from '../../../shared/enterprise';
import { certVocabulary, forEachMatch, packCriteria, packFacts } from './match-packed';
import { compareRanked, describeStage, explainMatch, prepareFacts, YANGPU } from './match-rules';

type Ctx = ActorContext & { principal: Principal };

/** The enterprise's own user and office staff; anyone else sees no such enterprise. */
export async function enterpriseMatches(db: Database, ctx: Ctx, enterpriseId: string, opts: { qualifiedOnly: boolean }, today = todayInShanghai()) {
  const p = ctx.principal;
  if (p.role === 'enterprise_user' && p.enterpriseId !== enterpriseId) throw notFound('enterprise');
  const [facts] = await loadEnterpriseFacts(db, today, { enterpriseId });
  if (!facts) throw notFound('enterprise');
  const prepared = prepareFacts(facts, today);
  const products = await loadMatchableProducts(db);
  const partners = await partnersOf(db, products.filter((x) => x.isProgramme).map((x) => x.id));
  const ranked = products
    .map((product) => ({ product, code: product.code, policyProduct: product.policyProduct, explanation: explainMatch(product.criteria, prepared) }))
    .sort(compareRanked)
    .filter((r) => !opts.qualifiedOnly || r.explanation.qualifies);
  return {
    enterprise: { id: facts.id, name: facts.name, uscc: facts.uscc },
    asOf: today,
    facts: {
      district: facts.district,
      sector: facts.sector,
      foundedOn: facts.foundedOn,
      yearsSinceFounding: prepared.years,
      latestRevenue: facts.latestRevenue ? { year: facts.latestRevenue.year, amount: facts.latestRevenue.amount / 100 } : null,
      certifications: facts.certifications,
      stage: prepared.stage,
      stageExplanation: describeStage(prepared),
      nplRecorded: facts.nplCount !== null,
    },
    qualifying: ranked.filter((r) => r.explanation.qualifies).length,
    items: ranked.map((r, i) => ({
      rank: i + 1,
      qualifies: r.explanation.qualifies,
      product: {
        id: r.product.id, code: r.product.code, name: r.product.name, type: r.product.type, version: r.product.version,
        isProgramme: r.product.isProgramme, policyProduct: r.product.policyProduct,
        owner: { id: r.product.ownerOrgId, name: r.product.ownerName },
        partners: (partners.get(r.product.id) ?? []).map((o) => ({ id: o.id, code: o.code, name: o.name })),
      },
      met: r.explanation.met,
      failed: r.explanation.failed,
    })),
  };
}

const STAFF = new Set(['admin', 'officer', 'reviewer', 'auditor']);

/**
 * Enterprises that qualify for a product, for the institution's outreach. Only what an institution may see without
 * the enterprise's consent (授权): name, USCC, district, sector and certifications; never financials, even though
 * revenue decided the match.
 */
export async function productMatches(db: Database, ctx: Ctx, productId: string, page: { page: number; pageSize: number }, today = todayInShanghai()) {
  const p = ctx.principal;
  const [product] = await loadMatchableProducts(db, [productId]);
  if (!product) throw notFound('product');
  if (!STAFF.has(p.role)) {
    const partners = await partnersOf(db, [productId]);
    const offers = product.ownerOrgId === p.organizationId || (partners.get(productId) ?? []).some((o) => o.id === p.organizationId);
    if (p.role !== 'institution_user' || !offers) throw notFound('product');
  }
  const c = product.criteria;
  const enterprises = await loadEnterpriseFacts(db, today, { ...(c.yangpuRegistered ? { district: YANGPU } : {}), ...(c.sectors?.length ? { sectors: c.sectors } : {}) });
  const vocabulary = certVocabulary([c])!;
  const matched: typeof enterprises = [];
  forEachMatch(packFacts(enterprises, today, vocabulary, SECTORS), packCriteria(c, vocabulary, SECTORS), (i) => matched.push(enterprises[i]!));
  matched.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.uscc < b.uscc ? -1 : 1));
  const start = (page.page - 1) * page.pageSize;
  return {
    product: { id: product.id, code: product.code, name: product.name, version: product.version },
    asOf: today,
    total: matched.length,
    page: page.page,
    pageSize: page.pageSize,
    items: matched.slice(start, start + page.pageSize).map((e) => ({ id: e.id, name: e.name, uscc: e.uscc, district: e.district, sector: e.sector, certifications: e.certifications })),
  };
}
