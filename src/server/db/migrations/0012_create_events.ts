import { sql, type Kysely } from 'kysely';

// Issue #5, cooperating-bank assessment (seed 003 appendix 六, 附件 指标 5(1)): the events register (活动) — a
// science-finance activity a bank co-hosted with the platform or a service station (科技金融服务站). One row per
// hosting bank: an activity two banks co-hosted is two rows, each counting for its bank. `station_code` is the
// service station's code as text; issue #7 adds the stations table and joins on it.
// The natural key (date, title, bank, station) makes `kcjr import events` an idempotent upsert; NULLS NOT
// DISTINCT so an event without a bank (or without a station) is still one row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table events (
      id uuid primary key default gen_random_uuid(),
      held_on date not null,
      title text not null check (length(title) between 1 and 200),
      bank_org_id uuid references organizations(id),
      station_code text check (station_code is null or length(station_code) between 1 and 50),
      attendees int not null check (attendees >= 0),
      created_by uuid references users(id),
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint events_natural_key unique nulls not distinct (held_on, title, bank_org_id, station_code)
    )`.execute(db);
  // The assessment counts a bank's events in a year; the register lists by date.
  await sql`create index events_bank_held_on on events (bank_org_id, held_on)`.execute(db);
  await sql`create index events_held_on on events (held_on, id)`.execute(db);
}
