import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../src/server/db/connect';
import { freshDatabase } from './helpers/db';

// Migrations are forward-only and additive. This snapshot shows a reviewer every schema change a migration
// makes; an edit to a shipped migration shows up here as an unexplained diff.
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await freshDatabase({ fromScratch: true });
});
afterAll(async () => opened?.close());

it('matches the committed schema snapshot', async () => {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>`
    select table_name, column_name, data_type, is_nullable, column_default
    from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name, ordinal_position`.execute(opened.db);
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename not like 'kysely_%' order by indexname`.execute(opened.db);
  const text = [
    ...columns.rows.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === 'NO' ? ' not null' : ''}${c.column_default ? ` default ${c.column_default}` : ''}`),
    '',
    ...indexes.rows.map((i) => i.indexdef),
  ].join('\n');
  await expect(`${text}\n`).toMatchFileSnapshot('./__snapshots__/schema.txt');
});
