import { sql, type Kysely } from 'kysely';

// Issue #5, the risk compensation pool (风险补偿资金池): 杨府发〔2025〕2号 第10条 (区域信贷损失补偿, 风险代偿金),
// seed 003 第三章 四 (漕河泾 pool, 9:1 between pool and bank), 沪科提复〔2025〕42号 (前补偿 55% for IP-pledge loans,
// no loss threshold). Money is integer fen; shares and tolerances are exact decimals.
//
// Invariants the database holds on its own, whatever the code does: a pool's balance is never negative, a claim is
// never paid more than its payable amount, a loan is enrolled in one pool and carries at most one open claim, an
// idempotency key is used once per pool (contributions) or once overall (approvals).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table risk_pools (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      sponsor_org_id uuid not null references organizations(id),
      mode text not null check (mode in ('loss_sharing','upfront')),
      share numeric(5,4) not null check (share > 0 and share <= 1),
      collateral_modes jsonb not null default '[]',
      per_loan_cap bigint check (per_loan_cap > 0),
      per_bank_year_cap bigint check (per_bank_year_cap > 0),
      npl_tolerance numeric(5,4) not null check (npl_tolerance >= 0 and npl_tolerance <= 1),
      balance bigint not null default 0 check (balance >= 0),
      contributed bigint not null default 0 check (contributed >= 0),
      paid_out bigint not null default 0 check (paid_out >= 0),
      recovered bigint not null default 0 check (recovered >= 0),
      status text not null default 'active' check (status in ('active','closed')),
      basis text not null,
      demo boolean not null default false,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (balance = contributed + recovered - paid_out)
    )`.execute(db);

  await sql`
    create table risk_pool_products (
      pool_id uuid not null references risk_pools(id),
      product_id uuid not null references products(id),
      primary key (pool_id, product_id)
    )`.execute(db);

  // A loan is enrolled in one pool at most: two pools sharing one loss would pay it twice.
  await sql`
    create table risk_pool_enrolments (
      id uuid primary key default gen_random_uuid(),
      pool_id uuid not null references risk_pools(id),
      loan_id uuid not null unique references loans(id),
      bank_org_id uuid not null references organizations(id),
      enrolled_on date not null,
      principal bigint not null check (principal > 0),
      enrolled_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index risk_pool_enrolments_pool on risk_pool_enrolments (pool_id, bank_org_id)`.execute(db);

  await sql`create sequence risk_pool_claim_queue`.execute(db);
  await sql`create sequence risk_pool_claim_no`.execute(db);
  await sql`
    create table risk_pool_claims (
      id uuid primary key default gen_random_uuid(),
      claim_no text not null unique,
      pool_id uuid not null references risk_pools(id),
      enrolment_id uuid not null references risk_pool_enrolments(id),
      loan_id uuid not null references loans(id),
      bank_org_id uuid not null references organizations(id),
      status text not null check (status in ('filed','reviewed','awaiting_funds','paid','rejected','withdrawn')),
      defaulted_on date not null,
      principal_at_default bigint not null check (principal_at_default > 0),
      recoveries_before bigint not null default 0 check (recoveries_before >= 0),
      loss bigint not null check (loss > 0),
      assessed_loss bigint check (assessed_loss > 0 and assessed_loss <= loss),
      share numeric(5,4),
      payable bigint check (payable >= 0),
      cap_note text,
      paid_amount bigint not null default 0 check (paid_amount >= 0),
      recovered_share bigint not null default 0 check (recovered_share >= 0),
      queue_seq bigint unique,
      filed_by uuid references users(id),
      reviewed_by uuid references users(id),
      reviewed_at timestamptz,
      review_note text,
      approved_by uuid references users(id),
      approved_at timestamptz,
      approved_on date,
      approval_key text unique,
      closing_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (recoveries_before < principal_at_default),
      check (paid_amount <= coalesce(payable, 0)),
      check (recovered_share <= coalesce(payable, 0))
    )`.execute(db);
  await sql`create unique index risk_pool_claims_open_per_loan on risk_pool_claims (loan_id) where status not in ('rejected','withdrawn')`.execute(db);
  await sql`create index risk_pool_claims_pool_status on risk_pool_claims (pool_id, status)`.execute(db);
  await sql`create index risk_pool_claims_bank on risk_pool_claims (bank_org_id, status)`.execute(db);

  await sql`
    create table risk_pool_claim_events (
      id bigserial primary key,
      claim_id uuid not null references risk_pool_claims(id),
      action text not null,
      from_status text,
      to_status text not null,
      actor_user_id uuid references users(id),
      actor_name text not null,
      note text,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index risk_pool_claim_events_claim on risk_pool_claim_events (claim_id, id)`.execute(db);

  // Recoveries the bank reports on a loan after its claim was approved; the pool's part flows back in the claim's ratio.
  await sql`
    create table risk_pool_recoveries (
      id uuid primary key default gen_random_uuid(),
      claim_id uuid not null references risk_pool_claims(id),
      reference text not null,
      recovered_on date not null,
      amount bigint not null check (amount > 0),
      pool_part bigint not null check (pool_part >= 0),
      recorded_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (claim_id, reference)
    )`.execute(db);

  // The pool's money: contributions and recoveries in, payouts out. balance_after is the pool's balance right after
  // the entry, in the order entries were written (seq), under the pool's row lock.
  await sql`
    create table risk_pool_ledger (
      seq bigserial primary key,
      pool_id uuid not null references risk_pools(id),
      kind text not null check (kind in ('contribution','payout','recovery')),
      amount bigint not null check (amount > 0),
      balance_after bigint not null check (balance_after >= 0),
      entry_date date not null,
      claim_id uuid references risk_pool_claims(id),
      reference text,
      idempotency_key text,
      recorded_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (pool_id, idempotency_key),
      check ((kind = 'contribution') = (claim_id is null))
    )`.execute(db);
  await sql`create index risk_pool_ledger_pool_date on risk_pool_ledger (pool_id, entry_date)`.execute(db);
  await sql`create index risk_pool_ledger_claim on risk_pool_ledger (claim_id) where claim_id is not null`.execute(db);
  // The ledger is the pool's books: entries are corrected by new entries, never edited or removed.
  await sql`
    create function risk_pool_ledger_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'risk_pool_ledger is append-only';
    end $$`.execute(db);
  await sql`
    create trigger risk_pool_ledger_no_update_delete before update or delete on risk_pool_ledger
    for each row execute function risk_pool_ledger_append_only()`.execute(db);
}
