import { sql, type Kysely } from 'kysely';

// Equity financing and investment-loan linkage (投贷联动, seed 003 三): enterprises' equity needs with the funds
// that may see them, funds' interest, investments (each becomes a financing round of the enterprise, tagged with
// government guidance-fund participation), and the investment a linked loan goes with.
const ROUNDS = `('seed','angel','pre_a','a','a_plus','b','b_plus','c','c_plus','after_c','strategic','other')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table equity_needs (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id),
      round text not null check (round in ${ROUNDS}),
      amount bigint not null check (amount > 0),
      use_of_funds text not null check (length(use_of_funds) between 1 and 2000),
      visibility text not null check (visibility in ('private','all_funds','selected_funds')),
      show_financials boolean not null default false,
      status text not null check (status in ('open','closed')),
      created_by uuid references users(id),
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`).execute(db);
  await sql`create index equity_needs_enterprise on equity_needs (enterprise_id, created_at)`.execute(db);
  await sql`create index equity_needs_visible on equity_needs (created_at desc) where status = 'open' and visibility <> 'private'`.execute(db);
  await sql`
    create table equity_need_funds (
      need_id uuid not null references equity_needs(id) on delete cascade,
      fund_org_id uuid not null references organizations(id),
      primary key (need_id, fund_org_id)
    )`.execute(db);
  await sql`
    create table fund_interests (
      id uuid primary key default gen_random_uuid(),
      need_id uuid not null references equity_needs(id),
      fund_org_id uuid not null references organizations(id),
      note text,
      status text not null check (status in ('expressed','withdrawn')),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (need_id, fund_org_id)
    )`.execute(db);

  await sql.raw(`
    create table investments (
      id uuid primary key default gen_random_uuid(),
      enterprise_id uuid not null references enterprises(id),
      fund_org_id uuid references organizations(id),
      need_id uuid references equity_needs(id),
      round text not null check (round in ${ROUNDS}),
      invested_on date not null,
      amount bigint not null check (amount > 0),
      investors text not null check (length(investors) between 1 and 500),
      guidance_participation text check (guidance_participation in ('mother_fund','participating','direct')),
      round_id uuid not null unique references enterprise_rounds(id),
      created_by uuid references users(id),
      demo boolean not null default false,
      created_at timestamptz not null default now()
    )`).execute(db);
  await sql`create index investments_enterprise on investments (enterprise_id, invested_on)`.execute(db);
  await sql`create index investments_fund on investments (fund_org_id, invested_on)`.execute(db);

  // The mode itself is loans.linkage_mode (0003; also set by the loan import); this row names the investment.
  await sql`
    create table loan_linkages (
      loan_id uuid primary key references loans(id),
      investment_id uuid references investments(id),
      note text,
      linked_by uuid references users(id),
      linked_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index loan_linkages_investment on loan_linkages (investment_id)`.execute(db);
  // The linkage report reads only linked loans: a partial index keeps it off the other million.
  await sql`create index loans_linked on loans (linkage_mode, start_date) include (enterprise_id, principal) where linkage_mode is not null`.execute(db);
  await sql`create index enterprise_rounds_enterprise_round on enterprise_rounds (enterprise_id, date, round)`.execute(db);
}
