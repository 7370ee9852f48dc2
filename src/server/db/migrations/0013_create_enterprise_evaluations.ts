import { sql, type Kysely } from 'kysely';

// Issue #6, enterprise evaluations. (1) Registry facts the evaluations need that migration 0001 did not hold,
// all nullable so "not recorded" stays distinguishable from zero: a year's tech staff, domestic R&D, operating
// cash flow, weighted ROE, share capital, the tech-SME conditions and direct paths, the HNTE expert sub-scores,
// an officer's market-value estimate; and a round's post-money valuation. (2) The stored results:
// enterprise_evaluations holds the current result per enterprise, year and kind (the contract other modules
// read, docs/evaluation.md); enterprise_evaluation_versions keeps one row per model version as well.
const KINDS = `('tech_sme','hnte','innovation_points','lifecycle','listing_readiness')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table enterprise_rounds add column post_money bigint check (post_money >= 0)`.execute(db);

  await sql`
    create table enterprise_evaluation_facts (
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      year int not null check (year between 1900 and 2200),
      tech_staff int check (tech_staff >= 0),
      rd_expense_domestic bigint check (rd_expense_domestic >= 0),
      operating_cash_flow bigint,
      weighted_roe_bp int check (weighted_roe_bp between -100000 and 100000),
      share_capital bigint check (share_capital >= 0),
      resident_enterprise boolean,
      prohibited_industry boolean,
      serious_violation boolean,
      national_award_top3 boolean,
      provincial_rd_institution boolean,
      led_standard boolean,
      other_class_i_ip int check (other_class_i_ip >= 0),
      hnte_ip_score int check (hnte_ip_score between 0 and 30),
      hnte_conversion_score int check (hnte_conversion_score between 0 and 30),
      hnte_rd_management_score int check (hnte_rd_management_score between 0 and 20),
      main_business_invention_patents int check (main_business_invention_patents >= 0),
      star5_qualitative boolean,
      market_value_estimate bigint check (market_value_estimate >= 0),
      market_value_estimated_on date,
      neeq_listed_on date,
      updated_at timestamptz not null default now(),
      primary key (enterprise_id, year),
      check ((market_value_estimate is null) = (market_value_estimated_on is null))
    )`.execute(db);

  await sql`
    create table enterprise_evaluations (
      id uuid not null default gen_random_uuid() unique,
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      year int not null check (year between 1900 and 2200),
      kind text not null check (kind in ${sql.raw(KINDS)}),
      model_version text not null,
      score numeric(10,2),
      eligible boolean,
      result jsonb not null,
      evaluated_at timestamptz not null default now(),
      input_hash text not null,
      primary key (enterprise_id, year, kind)
    )`.execute(db);
  await sql`create index enterprise_evaluations_kind_year_score on enterprise_evaluations (kind, year, score)`.execute(db);
  await sql`create index enterprise_evaluations_kind_year_eligible on enterprise_evaluations (kind, year, eligible, enterprise_id)`.execute(db);

  await sql`
    create table enterprise_evaluation_versions (
      enterprise_id uuid not null references enterprises(id) on delete cascade,
      year int not null,
      kind text not null check (kind in ${sql.raw(KINDS)}),
      model_version text not null,
      score numeric(10,2),
      eligible boolean,
      result jsonb not null,
      evaluated_at timestamptz not null default now(),
      input_hash text not null,
      primary key (enterprise_id, year, kind, model_version)
    )`.execute(db);
}
