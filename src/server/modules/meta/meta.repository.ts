import type { Database } from '../../db/connect';

export async function isDemo(db: Database): Promise<boolean> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'demo').executeTakeFirst();
  return row?.value === true;
}
