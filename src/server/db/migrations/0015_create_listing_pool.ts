import { sql, type Kysely } from 'kysely';

// Listing cultivation pool (上市企业培育库; seed 000 第14条, 004 第12条, 001 二(一)): pool membership with a tier and a
// target board, the tier changes with the criteria that justified them, account officers' service logs with
// follow-ups, the green channel (绿色通道, 限时办结) on a working-day calendar, and listing milestones (第15、16条).
const TIERS = `('reserve','cultivating','tutoring','filed','listed','exited')`;
const BOARDS = `('main_board','chinext','star','bse','neeq_innovation','neeq_base','n_board','overseas')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table listing_pool (
      enterprise_id uuid primary key references enterprises(id),
      tier text not null check (tier in ${TIERS}),
      target_board text not null check (target_board in ${BOARDS}),
      entry_source text not null check (entry_source in ('nomination','readiness')),
      entry_reason text not null check (length(entry_reason) between 1 and 1000),
      readiness_evaluation_id uuid,
      entered_on date not null,
      tier_since date not null,
      officer_user_id uuid references users(id),
      exit_reason text,
      nominated_by uuid references users(id),
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((tier = 'exited') = (exit_reason is not null))
    )`).execute(db);
  await sql`create index listing_pool_tier on listing_pool (tier, target_board)`.execute(db);
  await sql`create index listing_pool_officer on listing_pool (officer_user_id, tier)`.execute(db);
  await sql`create index listing_pool_board on listing_pool (target_board, tier)`.execute(db);
  await sql`create index listing_pool_entered on listing_pool (entered_on desc, enterprise_id)`.execute(db);

  await sql.raw(`
    create table listing_tier_changes (
      id bigserial primary key,
      enterprise_id uuid not null references listing_pool(enterprise_id),
      from_tier text check (from_tier in ${TIERS}),
      to_tier text not null check (to_tier in ${TIERS}),
      changed_on date not null,
      criteria jsonb not null,
      note text,
      changed_by uuid references users(id),
      created_at timestamptz not null default now()
    )`).execute(db);
  await sql`create index listing_tier_changes_enterprise on listing_tier_changes (enterprise_id, id)`.execute(db);

  // 联络 (contact only) or one of the four services of 第14条; the mode tells a phone call from a site visit.
  await sql`
    create table listing_services (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references listing_pool(enterprise_id),
      officer_user_id uuid not null references users(id),
      kind text not null check (kind in ('contact','consulting','training','financing_matchmaking','administrative_coordination')),
      mode text not null check (mode in ('phone','visit','online','meeting')),
      served_on date not null,
      summary text not null check (length(summary) between 1 and 2000),
      follow_up_on date,
      follow_up_done_on date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      check (follow_up_on is null or follow_up_on >= served_on),
      check (follow_up_done_on is null or follow_up_on is not null)
    )`.execute(db);
  await sql`create index listing_services_enterprise on listing_services (enterprise_id, served_on desc)`.execute(db);
  await sql`create index listing_services_officer on listing_services (officer_user_id, served_on)`.execute(db);
  await sql`create index listing_services_served_on on listing_services (served_on)`.execute(db);
  await sql`create index listing_services_follow_up on listing_services (follow_up_on) where follow_up_on is not null and follow_up_done_on is null`.execute(db);

  // The working-day calendar: weekends are off unless listed as a make-up workday (调休上班); listed holidays are off.
  await sql`
    create table working_calendar (
      day date primary key,
      kind text not null check (kind in ('holiday','workday')),
      note text,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table green_channel_requests (
      id uuid primary key default gen_random_uuid(),
      request_no text not null unique,
      enterprise_id uuid not null references listing_pool(enterprise_id),
      department text not null check (length(department) between 1 and 200),
      document text not null check (length(document) between 1 and 500),
      requested_on date not null,
      working_days int not null check (working_days between 1 and 60),
      due_on date not null check (due_on >= requested_on),
      status text not null check (status in ('open','in_progress','done','cancelled')),
      handler_user_id uuid references users(id),
      completed_on date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'done') = (completed_on is not null))
    )`.execute(db);
  await sql`create index green_channel_requests_open on green_channel_requests (due_on) where status in ('open','in_progress')`.execute(db);
  await sql`create index green_channel_requests_enterprise on green_channel_requests (enterprise_id, requested_on)`.execute(db);
  await sql`
    create table green_channel_events (
      id bigserial primary key,
      request_id uuid not null references green_channel_requests(id),
      at timestamptz not null default now(),
      actor_user_id uuid references users(id),
      action text not null,
      from_status text,
      to_status text not null,
      note text
    )`.execute(db);
  await sql`create index green_channel_events_request on green_channel_events (request_id, id)`.execute(db);
  // One row per alert kind per request, so the sweep raises each alert once however often it runs.
  await sql`
    create table green_channel_alerts (
      request_id uuid not null references green_channel_requests(id),
      kind text not null check (kind in ('due_soon','due','overdue')),
      due_on date not null,
      raised_on date not null,
      raised_at timestamptz not null default now(),
      acknowledged_by uuid references users(id),
      acknowledged_at timestamptz,
      primary key (request_id, kind)
    )`.execute(db);
  await sql`create index green_channel_alerts_open on green_channel_alerts (raised_on) where acknowledged_at is null`.execute(db);

  await sql.raw(`
    create table listing_milestones (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id),
      kind text not null check (kind in ('neeq_base_listing','neeq_innovation_move','neeq_innovation_direct','n_board_listing','ipo','refinancing','major_restructuring')),
      occurred_on date not null,
      board text check (board in ${BOARDS}),
      amount bigint check (amount > 0),
      reference text,
      note text,
      created_by uuid references users(id),
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      check ((kind = 'ipo') = (board is not null)),
      check (kind not in ('ipo','refinancing','major_restructuring') or amount is not null)
    )`).execute(db);
  await sql`create index listing_milestones_enterprise on listing_milestones (enterprise_id, occurred_on)`.execute(db);
  await sql`create index listing_milestones_occurred on listing_milestones (occurred_on)`.execute(db);
  // A listing happens once per enterprise and kind; refinancings and restructurings repeat.
  await sql`create unique index listing_milestones_once on listing_milestones (enterprise_id, kind) where kind not in ('refinancing','major_restructuring')`.execute(db);
}
