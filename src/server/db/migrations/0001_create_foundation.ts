import { sql, type Kysely } from 'kysely';

// Foundation: organisations, users, sessions, API tokens, the hash-chained audit log and the enterprise
// registry (科创企业名录库). Forward-only: later changes are new migrations.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table meta (
      key text primary key,
      value jsonb not null
    )`.execute(db);

  await sql`
    create table enterprises (
      id uuid primary key default gen_random_uuid(),
      uscc char(18) not null unique,
      name text not null check (length(name) between 1 and 200),
      district text not null,
      street text,
      founded_on date,
      sector text not null check (sector in ('数字经济','人工智能','生命健康','绿色低碳','智能制造','其他')),
      industry_code text,
      listing_status text not null default 'unlisted'
        check (listing_status in ('unlisted','neeq_base','neeq_innovation','bse','star','main_board','chinext','n_board','overseas')),
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index enterprises_name_trgm on enterprises using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index enterprises_sector_name on enterprises (sector, name)`.execute(db);
  await sql`create index enterprises_district_name on enterprises (district, name)`.execute(db);
  await sql`create index enterprises_name on enterprises (name, id)`.execute(db);
  await sql`create index enterprises_founded_on on enterprises (founded_on, id)`.execute(db);

  await sql`
    create table enterprise_certifications (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      type text not null check (length(type) between 1 and 50),
      certificate_no text,
      issued_on date not null,
      expires_on date,
      check (expires_on is null or expires_on >= issued_on)
    )`.execute(db);
  await sql`create index enterprise_certifications_enterprise on enterprise_certifications (enterprise_id)`.execute(db);
  await sql`create index enterprise_certifications_type on enterprise_certifications (type, enterprise_id)`.execute(db);

  await sql`
    create table enterprise_financials (
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      year int not null check (year between 1900 and 2200),
      revenue bigint check (revenue >= 0),
      main_business_revenue bigint check (main_business_revenue >= 0),
      high_tech_product_revenue bigint check (high_tech_product_revenue >= 0),
      rd_expense bigint check (rd_expense >= 0),
      total_cost bigint check (total_cost >= 0),
      net_profit bigint,
      total_assets bigint check (total_assets >= 0),
      total_liabilities bigint check (total_liabilities >= 0),
      employees int check (employees >= 0),
      rd_staff int check (rd_staff >= 0),
      primary key (enterprise_id, year)
    )`.execute(db);

  await sql`
    create table enterprise_ip_assets (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      kind text not null check (kind in ('invention_patent','utility_model','design','software_copyright','ic_layout','plant_variety','trademark')),
      number text not null,
      title text,
      applied_on date,
      granted_on date,
      status text not null check (status in ('pending','granted','expired','invalid')),
      pledged boolean not null default false,
      unique (enterprise_id, kind, number)
    )`.execute(db);

  await sql`
    create table enterprise_rounds (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      round text not null,
      date date not null,
      amount bigint not null check (amount >= 0),
      investors text
    )`.execute(db);
  await sql`create index enterprise_rounds_enterprise on enterprise_rounds (enterprise_id, date)`.execute(db);

  await sql`
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('office','bank','guarantor','insurer','fund','enterprise')),
      enterprise_id uuid unique references enterprises(id),
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      check ((kind = 'enterprise') = (enterprise_id is not null))
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      username text not null,
      display_name text not null,
      role text not null check (role in ('admin','officer','reviewer','institution_user','enterprise_user','auditor')),
      password_hash text not null,
      failed_logins int not null default 0,
      locked_until timestamptz,
      disabled boolean not null default false,
      demo boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_username on users (lower(username))`.execute(db);

  // Sessions and tokens live in the database so any app server can check them (no sticky sessions).
  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      created_by uuid not null references users(id),
      name text not null,
      token_hash text not null unique,
      scopes jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);

  // The audit log is append-only and hash-chained: seq is gapless, each row stores the previous row's hash.
  // audit_head is the chain's tip; writers lock it so concurrent app servers append in one order.
  await sql`
    create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_user_id uuid,
      actor_username text,
      actor_token_id uuid,
      organization_id uuid,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      diff jsonb not null,
      request_id text,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_log_entity on audit_log (entity_type, entity_id, seq)`.execute(db);
  await sql`create index audit_log_actor on audit_log (actor_user_id, seq)`.execute(db);
  await sql`create index audit_log_at on audit_log (at)`.execute(db);
  await sql`
    create table audit_head (
      id int primary key check (id = 1),
      seq bigint not null,
      hash text not null
    )`.execute(db);
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
}

export const GENESIS_HASH = '0'.repeat(64);
