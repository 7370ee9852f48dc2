import type { Database } from '../../db/connect';
import { todayInShanghai } from '../../platform/dates';
import { notFound } from '../../platform/errors';
import type { ActorContext, Principal } from '../../platform/principal';
import { CONSENT_CLUSTERS, lookbackStart, type ConsentCluster } from './consent-rules';
import { activeConsentFor, activeConsentsOf } from './consent.repository';
import { CLUSTER_LOADERS } from './consented-data.repository';

type Ctx = ActorContext & { principal: Principal };

// One message for every refusal: no consent, a revoked or expired one, a cluster not granted, an unknown
// enterprise. An institution must not learn from the answer whether the enterprise ever consented.
const refused = () => notFound('consented data');

/**
 * One read of one data cluster by an institution. The consent is checked here, on every request (issue #4: "the
 * check happens on every read, not at token issue"), and the read and its consent_reads row are one transaction: a
 * read that is served is always logged, and a read that cannot be logged is not served. consent_reads is the read
 * log (append-only, enforced by a trigger); reads are not mutations, so they stay off the hash-chained audit log,
 * whose single chain tip would otherwise make every bank's reads across the platform commit one at a time
 * (bench/consent: 2.5× the throughput without it).
 */
export async function readConsentedCluster(db: Database, ctx: Ctx, enterpriseId: string, cluster: ConsentCluster) {
  const p = ctx.principal;
  if (p.role !== 'institution_user') throw refused();
  const today = todayInShanghai();
  return db.transaction().execute(async (trx) => {
    const consent = await activeConsentFor(trx, enterpriseId, p.organizationId, cluster, today);
    if (!consent) throw refused();
    const from = lookbackStart(today, consent.lookback_months);
    const items = await CLUSTER_LOADERS[cluster](trx, enterpriseId, from);
    const viaToken = p.via === 'token';
    await trx
      .insertInto('consent_reads')
      .values({
        consent_id: consent.id, enterprise_id: enterpriseId, institution_org_id: p.organizationId,
        user_id: viaToken ? null : p.userId, token_id: viaToken ? (p.tokenId ?? null) : null, cluster, request_id: ctx.requestId,
      })
      .execute();
    return { enterpriseId, cluster, consentId: consent.id, lookbackMonths: consent.lookback_months, from, asOf: today, expiresOn: consent.expires_on, items };
  });
}

/**
 * For the bank view: which clusters this institution may read today for this enterprise, and under which consent.
 * Only active consents appear, so the answer says no more about expired or revoked ones than a read would.
 */
export async function consentedOverview(db: Database, ctx: Ctx, enterpriseId: string) {
  const p = ctx.principal;
  if (p.role !== 'institution_user') throw notFound('enterprise');
  const exists = await db.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).executeTakeFirst();
  if (!exists) throw notFound('enterprise');
  const today = todayInShanghai();
  const consents = await activeConsentsOf(db, enterpriseId, p.organizationId, today);
  const clusters = CONSENT_CLUSTERS.flatMap((cluster) => {
    // Same choice as a read: the longest lookback among the consents that cover the cluster.
    const c = consents.find((x) => (typeof x.clusters === 'string' ? JSON.parse(x.clusters) : x.clusters).includes(cluster));
    return c ? [{ cluster, consentId: c.id, lookbackMonths: c.lookback_months, from: lookbackStart(today, c.lookback_months), expiresOn: c.expires_on, purpose: c.purpose }] : [];
  });
  return { enterpriseId, asOf: today, clusters };
}
