// `kcjr import rounds FILE` and POST /equity/rounds/import: financing rounds with uscc,round,date,amount,investors
// (issue #7). All-or-nothing unless skipInvalid; a row equal to a stored round (same enterprise, round, date) is
// unchanged, one with a new amount or investors updates it, so re-importing a file changes nothing.
import { sql } from 'kysely';
import type { Database } from '../../db/connect';
import { writeAuditBatch, type AuditEntry } from '../../platform/audit';
import type { ActorContext } from '../../platform/principal';
import { col, defineColumns, importReport, parseTableFile, type ImportReport, type TableError } from '../../platform/tabular';
import { TABLE3_ROUNDS } from './linkage-rules';

export const ROUND_IMPORT_COLUMNS = defineColumns({
  uscc: col.uscc({ required: true }),
  round: col.enum(TABLE3_ROUNDS, { required: true }),
  date: col.date({ required: true, min: '1990-01-01' }),
  amount: col.moneyYuan({ required: true, min: 0 }),
  investors: col.text({ max: 500 }),
});

export interface RoundImportReport extends ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export async function importRounds(db: Database, ctx: ActorContext, file: { filename: string; buffer: Buffer }, options: { dryRun?: boolean; skipInvalid?: boolean } = {}): Promise<RoundImportReport> {
  const parsed = await parseTableFile(file, ROUND_IMPORT_COLUMNS, { uniqueBy: [['uscc', 'round', 'date']] });
  const base = { dryRun: Boolean(options.dryRun), created: 0, updated: 0, unchanged: 0, skipped: 0 };
  if (parsed.errors.length && !options.skipInvalid) return { ...importReport(0, parsed.errors), ...base };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kcjr.rounds.import'))`.execute(trx);
    const usccs = [...new Set(parsed.records.map((r) => r.value.uscc))];
    const ents = usccs.length ? await trx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs).execute() : [];
    const byUscc = new Map(ents.map((e) => [e.uscc, e.id]));
    const errors: TableError[] = [...parsed.errors];
    const good = parsed.records.filter(({ line, value }) => {
      if (byUscc.has(value.uscc)) return true;
      errors.push({ line, column: 'uscc', message: `no enterprise with USCC ${value.uscc} in the registry` });
      return false;
    });
    errors.sort((a, b) => a.line - b.line);
    if (errors.length && !options.skipInvalid) return { ...importReport(0, errors), ...base };
    const skipped = new Set(errors.map((e) => e.line)).size;
    const ids = [...new Set(good.map((g) => byUscc.get(g.value.uscc)!))];
    const existing = ids.length ? await trx.selectFrom('enterprise_rounds').select(['id', 'enterprise_id', 'round', 'date', 'amount', 'investors']).where('enterprise_id', 'in', ids).execute() : [];
    const key = (e: string, r: string, d: string) => `${e}|${r}|${d}`;
    const have = new Map(existing.map((x) => [key(x.enterprise_id, x.round, x.date), x]));
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const audits: AuditEntry[] = [];
    for (const { value: r } of good) {
      const enterpriseId = byUscc.get(r.uscc)!;
      const old = have.get(key(enterpriseId, r.round, r.date));
      const after = { round: r.round, date: r.date, amount: r.amount / 100, investors: r.investors };
      if (old && Number(old.amount) === r.amount && (old.investors ?? null) === r.investors) { counts.unchanged += 1; continue; }
      if (options.dryRun) { counts[old ? 'updated' : 'created'] += 1; continue; }
      if (old) {
        await trx.updateTable('enterprise_rounds').set({ amount: r.amount, investors: r.investors }).where('id', '=', old.id).execute();
        audits.push({ action: 'enterprise.round.import', entityType: 'enterprise', entityId: enterpriseId, before: { round: old.round, date: old.date, amount: Number(old.amount) / 100, investors: old.investors }, after });
        counts.updated += 1;
      } else {
        await trx.insertInto('enterprise_rounds').values({ enterprise_id: enterpriseId, round: r.round, date: r.date, amount: r.amount, investors: r.investors }).execute();
        audits.push({ action: 'enterprise.round.import', entityType: 'enterprise', entityId: enterpriseId, after });
        counts.created += 1;
      }
    }
    if (audits.length) await writeAuditBatch(trx, ctx, audits);
    return { ...importReport(good.length, errors), ...base, ...counts, skipped };
  });
}
