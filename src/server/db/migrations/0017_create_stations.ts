import { sql, type Kysely } from 'kysely';

// Service stations (科技金融服务站) and their officers (科技金融专员), seed 003 appendix 七: the area or parks each
// serves, applications and screenings attributed to a station, and the officer-entered items of the station
// assessment (考核评价指标表); events held come from the events register (station_code = service_stations.code).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table service_stations (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[A-Z0-9-]{2,32}$'),
      name text not null check (length(name) between 1 and 200),
      host text not null check (length(host) between 1 and 200),
      parks jsonb not null default '[]',
      active boolean not null default true,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // An area is a district, or a street of a district; each belongs to one station.
  await sql`
    create table station_areas (
      station_id uuid not null references service_stations(id) on delete cascade,
      district text not null,
      street text not null default '',
      primary key (district, street)
    )`.execute(db);
  await sql`create index station_areas_station on station_areas (station_id)`.execute(db);
  await sql`
    create table station_officers (
      id uuid primary key default gen_random_uuid(),
      station_id uuid not null references service_stations(id),
      name text not null check (length(name) between 1 and 100),
      phone text,
      user_id uuid references users(id),
      active boolean not null default true,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index station_officers_station on station_officers (station_id)`.execute(db);

  await sql`alter table applications add column station_id uuid references service_stations(id)`.execute(db);
  await sql`create index applications_station on applications (station_id, submitted_on) where station_id is not null`.execute(db);

  // 推荐、初审、调查 of a loan project by a station (appendix 七 专项 1).
  await sql`
    create table station_screenings (
      id uuid primary key default gen_random_uuid(),
      station_id uuid not null references service_stations(id),
      application_id uuid not null references applications(id),
      stage text not null check (stage in ('recommendation','initial_review','investigation')),
      done_on date not null,
      officer_id uuid references station_officers(id),
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (station_id, application_id, stage)
    )`.execute(db);
  await sql`create index station_screenings_year on station_screenings (station_id, done_on)`.execute(db);

  await sql`
    create table station_assessment_entries (
      station_id uuid not null references service_stations(id),
      year int not null check (year between 2000 and 2200),
      item text not null check (item in ('attendance_absences','responsiveness','work_reports','adopted_research','cooperation_projects')),
      value numeric(6,1) not null check (value >= 0),
      note text,
      entered_by uuid references users(id),
      entered_at timestamptz not null default now(),
      primary key (station_id, year, item)
    )`.execute(db);
}
