import { sql, type Kysely } from 'kysely';

// Financing (issue #4): products and their filing with the district, applications from submission to bank
// credit with their full history, SLA warning lines, the loan record a disbursement creates (issue #5 extends
// it), consents (授权, 银税互动) with a log of every read, and the data clusters institutions read under consent.
// Money is integer fen; rates are exact numerics.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table products (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      type text not null check (type in ('credit_loan','ip_pledge_loan','guaranteed_loan','performance_insurance_loan','micro_loan',
        'investment_linked_loan','equity_investment','guarantee','insurance','bond_underwriting')),
      -- The institution offering it, or the office for a platform programme (科技履约贷, 科技微贷通 …) offered through partners.
      owner_org_id uuid not null references organizations(id),
      is_programme boolean not null default false,
      status text not null default 'active' check (status in ('draft','active','withdrawn')),
      current_version int not null default 1,
      filing_status text not null default 'not_filed' check (filing_status in ('not_filed','filed','approved','rejected')),
      -- 区政策性金融产品 (杨府发〔2025〕2号 第5条): designated by officers after filing review; YP2025-5 reads it.
      policy_product boolean not null default false,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table product_partners (
      product_id uuid not null references products(id) on delete cascade,
      org_id uuid not null references organizations(id),
      primary key (product_id, org_id)
    )`.execute(db);
  await sql`
    create table product_versions (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products(id) on delete cascade,
      version int not null,
      amount_min bigint check (amount_min >= 0),
      amount_max bigint check (amount_max >= 0),
      term_min_months int check (term_min_months > 0),
      term_max_months int check (term_max_months > 0),
      rate_min numeric(9,6) check (rate_min >= 0),
      rate_max numeric(9,6) check (rate_max >= 0),
      collateral_mode text check (collateral_mode in ('credit','ip_pledge','guarantee','performance_insurance','other')),
      description text,
      -- Eligibility: { stages, sectors, certifications, minYearsSinceFounding, minRevenue (fen), maxNplCount, yangpuRegistered }
      criteria jsonb not null default '{}',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (product_id, version),
      check (amount_min is null or amount_max is null or amount_min <= amount_max),
      check (term_min_months is null or term_max_months is null or term_min_months <= term_max_months),
      check (rate_min is null or rate_max is null or rate_min <= rate_max)
    )`.execute(db);
  await sql`
    create table product_filings (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products(id),
      product_version int not null,
      status text not null check (status in ('submitted','reviewed','approved','rejected','withdrawn')),
      submitted_by uuid not null references users(id),
      submitted_at timestamptz not null default now(),
      -- maker: the officer who reviews; checker: a different officer who approves (or rejects)
      reviewed_by uuid references users(id),
      reviewed_at timestamptz,
      review_note text,
      propose_policy_product boolean not null default false,
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_note text,
      check (decided_by is null or reviewed_by is null or decided_by <> reviewed_by)
    )`.execute(db);
  await sql`create index product_filings_product on product_filings (product_id, submitted_at)`.execute(db);

  await sql`
    create table applications (
      id uuid primary key default gen_random_uuid(),
      application_no text not null unique,
      enterprise_id uuid not null references enterprises(id),
      product_id uuid references products(id),
      product_version int,
      requested_amount bigint check (requested_amount >= 0),
      requested_term_months int check (requested_term_months > 0),
      purpose text,
      status text not null check (status in ('draft','submitted','screening','review','recommended','deferred','rejected',
        'accepted','approved','declined','disbursed','reassigned','withdrawn')),
      -- The current recommendation (to one bank and product, with an amount); earlier ones are in application_assignments.
      bank_org_id uuid references organizations(id),
      recommended_product_id uuid references products(id),
      recommended_product_version int,
      recommended_amount bigint check (recommended_amount >= 0),
      recommended_on date,
      approved_amount bigint check (approved_amount >= 0),
      approved_rate numeric(9,6),
      approved_term_months int,
      decided_on date,
      disbursed_on date,
      submitted_on date,
      deferral_reason text,
      imported boolean not null default false,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index applications_status on applications (status, submitted_on)`.execute(db);
  await sql`create index applications_bank_status on applications (bank_org_id, status, recommended_on)`.execute(db);
  await sql`create index applications_enterprise on applications (enterprise_id, created_at)`.execute(db);
  await sql`create index applications_submitted_on on applications (submitted_on)`.execute(db);

  await sql`
    create table application_events (
      id bigserial primary key,
      application_id uuid not null references applications(id) on delete cascade,
      at timestamptz not null default now(),
      actor_user_id uuid references users(id),
      action text not null,
      from_status text,
      to_status text not null,
      reason text,
      data jsonb not null default '{}',
      imported boolean not null default false
    )`.execute(db);
  await sql`create index application_events_application on application_events (application_id, id)`.execute(db);

  await sql`
    create table application_assignments (
      application_id uuid not null references applications(id) on delete cascade,
      seq int not null,
      bank_org_id uuid not null references organizations(id),
      product_id uuid references products(id),
      product_version int,
      amount bigint check (amount >= 0),
      recommended_on date not null,
      ended_on date,
      end_reason text,
      primary key (application_id, seq)
    )`.execute(db);

  await sql`
    create table application_documents (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      filename text not null,
      content_type text not null,
      size int not null check (size >= 0),
      content bytea not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table review_meetings (
      id uuid primary key default gen_random_uuid(),
      held_on date not null,
      title text not null,
      notes text,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table application_reviews (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      meeting_id uuid references review_meetings(id),
      reviewer_user_id uuid not null references users(id),
      score int not null check (score between 0 and 100),
      opinion text,
      decision text check (decision in ('recommend','defer','reject')),
      created_at timestamptz not null default now(),
      unique (application_id, reviewer_user_id, meeting_id)
    )`.execute(db);

  // One row per line crossed, so the sweeper marks each line once however often it runs.
  await sql`
    create table application_sla_warnings (
      application_id uuid not null references applications(id) on delete cascade,
      assignment_seq int not null,
      line_days int not null,
      bank_org_id uuid not null references organizations(id),
      recommended_on date not null,
      due_on date not null,
      marked_at timestamptz not null default now(),
      resolved_at timestamptz,
      primary key (application_id, assignment_seq, line_days)
    )`.execute(db);
  await sql`create index application_sla_warnings_bank on application_sla_warnings (bank_org_id, resolved_at)`.execute(db);

  // The loan a disbursement creates; issue #5's ledger adds schedules, repayments and classification.
  await sql`
    create table loans (
      id uuid primary key default gen_random_uuid(),
      loan_no text not null,
      bank_org_id uuid not null references organizations(id),
      enterprise_id uuid not null references enterprises(id),
      application_id uuid references applications(id),
      product_id uuid references products(id),
      collateral_mode text not null check (collateral_mode in ('credit','ip_pledge','guarantee','performance_insurance','other')),
      guarantor_org_id uuid references organizations(id),
      insurer_org_id uuid references organizations(id),
      guarantee_fee_rate numeric(9,6),
      principal bigint not null check (principal > 0),
      annual_rate numeric(9,6) not null check (annual_rate >= 0),
      term_months int not null check (term_months > 0),
      start_date date not null,
      maturity_date date not null,
      repayment_method text not null check (repayment_method in ('equal_instalment','equal_principal','interest_only')),
      first_time_borrower boolean not null default false,
      linkage_mode text check (linkage_mode in ('loan_direct_equity','loan_warrant','loan_external_equity_warrant','other')),
      created_at timestamptz not null default now(),
      unique (bank_org_id, loan_no)
    )`.execute(db);
  await sql`create index loans_enterprise on loans (enterprise_id)`.execute(db);

  await sql`
    create table consents (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id),
      institution_org_id uuid not null references organizations(id),
      clusters jsonb not null,
      purpose text not null,
      application_id uuid references applications(id),
      lookback_months int not null check (lookback_months between 1 and 120),
      expires_on date not null,
      granted_by uuid references users(id),
      granted_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references users(id)
    )`.execute(db);
  await sql`create index consents_institution on consents (institution_org_id, enterprise_id)`.execute(db);
  await sql`create index consents_enterprise on consents (enterprise_id)`.execute(db);
  await sql`
    create table consent_reads (
      id bigserial primary key,
      consent_id uuid not null references consents(id),
      enterprise_id uuid not null references enterprises(id),
      institution_org_id uuid not null references organizations(id),
      user_id uuid references users(id),
      token_id uuid references api_tokens(id),
      cluster text not null,
      at timestamptz not null default now(),
      request_id text
    )`.execute(db);
  await sql`create index consent_reads_enterprise on consent_reads (enterprise_id, at)`.execute(db);

  // Data clusters institutions may read under consent, as received from their sources (tax bureau, social insurance).
  await sql`
    create table enterprise_tax_filings (
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      period text not null check (period ~ '^[0-9]{4}(-(Q[1-4]|[0-9]{2}))?$'),
      tax_type text not null,
      taxable_revenue bigint check (taxable_revenue >= 0),
      tax_paid bigint not null check (tax_paid >= 0),
      filed_on date,
      source text not null default 'tax_bureau',
      primary key (enterprise_id, period, tax_type)
    )`.execute(db);
  await sql`
    create table enterprise_social_insurance (
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
      headcount int not null check (headcount >= 0),
      source text not null default 'social_insurance',
      primary key (enterprise_id, month)
    )`.execute(db);
}
