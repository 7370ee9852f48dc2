import { sql, type Kysely } from 'kysely';

// Issue #3: officer-approved 细则 parameter values (maker-checker), subsidy claims (申请 → 认定 → 公示 → 拨付)
// with evidence files, objections and transitions, budgets per measure and year, and 免申即享 entitlements.
// Money is bigint fen; calendar dates are date.
export async function up(db: Kysely<any>): Promise<void> {
  // Maker proposes, a different checker approves or rejects. Only approved rows feed the ruleset.
  await sql`
    create table policy_parameter_changes (
      id uuid primary key default gen_random_uuid(),
      key text not null,
      value text not null,
      effective_from date not null,
      reference text not null,
      reason text not null,
      status text not null default 'proposed' check (status in ('proposed','approved','rejected')),
      proposed_by uuid not null references users(id),
      proposed_at timestamptz not null default now(),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_reason text,
      approved_seq int,
      check ((status = 'proposed') = (decided_by is null)),
      check (decided_by is null or decided_by <> proposed_by)
    )`.execute(db);
  await sql`create index policy_parameter_changes_status on policy_parameter_changes (status, proposed_at)`.execute(db);
  await sql`create unique index policy_parameter_changes_approved_seq on policy_parameter_changes (approved_seq) where approved_seq is not null`.execute(db);
  // One row: a token that changes with every approval. Each app server compares it with the token of its
  // cached ruleset, so all servers evaluate with the same parameters (no process-local truth).
  await sql`
    create table policy_parameter_state (
      id int primary key check (id = 1),
      token text not null,
      approved_count int not null
    )`.execute(db);
  await sql`insert into policy_parameter_state (id, token, approved_count) values (1, gen_random_uuid()::text, 0)`.execute(db);

  // Claims lock this row per beneficiary while determining, so year and once caps hold across servers.
  await sql`
    create table subsidy_beneficiaries (
      uscc char(18) primary key,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table subsidy_claims (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      measure text not null,
      origin text not null check (origin in ('application','proactive')),
      status text not null check (status in ('draft','submitted','under_review','determined','rejected','in_public_notice','approved_for_payment','paid','withdrawn')),
      beneficiary_uscc char(18) not null references subsidy_beneficiaries(uscc),
      beneficiary_name text not null,
      beneficiary_kind text not null check (beneficiary_kind in ('enterprise','institution','bank','guarantor','insurer','fund','incubator')),
      registered_in_yangpu boolean not null,
      registered_in_shanghai boolean not null,
      enterprise_id uuid references enterprises(id),
      organization_id uuid references organizations(id),
      event_date date not null,
      matter text,
      facts jsonb not null,
      entitlement_key text unique,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_at timestamptz,
      engine_status text,
      engine_amount bigint,
      engine_result jsonb,
      ruleset_version text,
      input_hash text,
      amount bigint check (amount >= 0),
      adjustment_reason text,
      determined_by uuid references users(id),
      determined_at timestamptz,
      needs_second_approval boolean not null default false,
      second_approved_by uuid references users(id),
      second_approved_at timestamptz,
      notice_start date,
      notice_end date,
      payment_reference text,
      payment_key text unique,
      paid_at timestamptz,
      paid_by uuid references users(id),
      closing_reason text,
      check (engine_amount is null or amount is null or amount <= engine_amount),
      check (second_approved_by is null or second_approved_by <> determined_by)
    )`.execute(db);
  await sql`create index subsidy_claims_beneficiary on subsidy_claims (beneficiary_uscc, status)`.execute(db);
  await sql`create index subsidy_claims_enterprise on subsidy_claims (enterprise_id, created_at)`.execute(db);
  await sql`create index subsidy_claims_organization on subsidy_claims (organization_id, created_at)`.execute(db);
  await sql`create index subsidy_claims_status on subsidy_claims (status, created_at)`.execute(db);
  await sql`create index subsidy_claims_measure_year on subsidy_claims (measure, event_date)`.execute(db);
  await sql`create sequence subsidy_claim_number_seq`.execute(db);

  await sql`
    create table subsidy_claim_transitions (
      id bigserial primary key,
      claim_id uuid not null references subsidy_claims(id),
      action text not null,
      from_status text,
      to_status text not null,
      actor_user_id uuid references users(id),
      actor_name text not null,
      reason text,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index subsidy_claim_transitions_claim on subsidy_claim_transitions (claim_id, id)`.execute(db);

  // Evidence lives in the database: app servers keep no files.
  await sql`
    create table subsidy_claim_files (
      id uuid primary key default gen_random_uuid(),
      claim_id uuid not null references subsidy_claims(id),
      filename text not null,
      content_type text not null,
      size int not null check (size >= 0),
      sha256 char(64) not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index subsidy_claim_files_claim on subsidy_claim_files (claim_id, uploaded_at)`.execute(db);

  await sql`
    create table subsidy_objections (
      id uuid primary key default gen_random_uuid(),
      claim_id uuid not null references subsidy_claims(id),
      raised_by_name text not null,
      content text not null,
      recorded_by uuid not null references users(id),
      recorded_at timestamptz not null default now(),
      upheld boolean,
      resolution text,
      resolved_by uuid references users(id),
      resolved_at timestamptz,
      check ((resolved_by is null) = (upheld is null))
    )`.execute(db);
  await sql`create index subsidy_objections_claim on subsidy_objections (claim_id, recorded_at)`.execute(db);

  await sql`
    create table subsidy_budgets (
      measure text not null,
      year int not null check (year between 1900 and 2200),
      allocated bigint not null check (allocated >= 0),
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (measure, year)
    )`.execute(db);

  await sql`
    create table subsidy_settings (
      id int primary key check (id = 1),
      second_approval_threshold bigint not null check (second_approval_threshold >= 0),
      notice_working_days int not null check (notice_working_days between 1 and 30),
      holidays jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into subsidy_settings (id, second_approval_threshold, notice_working_days, holidays) values (1, 100000000, 5, '[]'::jsonb)`.execute(db);

  // 免申即享: what a scan found. key = source|measure|uscc|matter|eventDate, so rescans update, never duplicate.
  await sql`
    create table subsidy_entitlements (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      year int not null,
      source text not null,
      measure text not null,
      beneficiary_uscc char(18) not null,
      beneficiary_name text not null,
      beneficiary_kind text not null,
      registered_in_yangpu boolean not null,
      registered_in_shanghai boolean not null,
      enterprise_id uuid references enterprises(id),
      organization_id uuid references organizations(id),
      event_date date not null,
      matter text,
      facts jsonb not null,
      basis_note text,
      status text not null,
      amount bigint not null,
      basis text,
      ruleset_version text not null,
      scanned_at timestamptz not null,
      claim_id uuid references subsidy_claims(id)
    )`.execute(db);
  await sql`create index subsidy_entitlements_year on subsidy_entitlements (year, measure, status)`.execute(db);
}
