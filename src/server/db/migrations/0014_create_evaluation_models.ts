import { sql, type Kysely } from 'kysely';

// Issue #6: officers' versions of the configurable evaluation models (innovation-points scorecard, lifecycle
// rules), maker-checker: one officer proposes, another approves or rejects; the model in force is the latest
// approved one, else the default shipped in src/evaluation/data. And a log of evaluation runs (nightly job, CLI).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table evaluation_models (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('innovation_points','lifecycle')),
      version text not null,
      definition jsonb not null,
      reason text not null check (length(reason) between 1 and 1000),
      status text not null default 'proposed' check (status in ('proposed','approved','rejected')),
      proposed_by uuid not null references users(id),
      proposed_at timestamptz not null default now(),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_reason text,
      unique (kind, version),
      check (decided_by is null or decided_by <> proposed_by),
      check ((status = 'proposed') = (decided_at is null))
    )`.execute(db);
  await sql`create index evaluation_models_kind_status on evaluation_models (kind, status, decided_at)`.execute(db);

  await sql`
    create table evaluation_runs (
      id uuid primary key default gen_random_uuid(),
      year int not null,
      trigger text not null check (trigger in ('nightly','cli','api')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      enterprises int not null default 0,
      changed int not null default 0,
      unchanged int not null default 0,
      compute_ms int not null default 0,
      model_versions jsonb not null
    )`.execute(db);
}
