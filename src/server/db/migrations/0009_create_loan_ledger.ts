import { sql, type Kysely } from 'kysely';

// Issue #5, the loan ledger: a loan's schedule, its repayments, the banks' dated reports (clarifications:
// "a later report for the same loan number updates it without losing the earlier one"), the daily
// classification (current standing plus a dated history of changes) and the dated table of
// days-past-due floors that classification reads. Money is integer fen; classes are the five-category
// names of the glossary.
const CLASSES = `('normal','special_mention','substandard','doubtful','loss')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table loans add column source text not null default 'application' check (source in ('application','api','import'))`.execute(db);
  await sql`alter table loans add column updated_at timestamptz not null default now()`.execute(db);
  await sql`create index loans_bank on loans (bank_org_id)`.execute(db);
  await sql`create index loans_product on loans (product_id)`.execute(db);
  await sql`create index loans_start_date on loans (start_date)`.execute(db);

  await sql`
    create table loan_schedule (
      loan_id uuid not null references loans(id),
      seq int not null check (seq > 0),
      due_on date not null,
      principal bigint not null check (principal >= 0),
      interest bigint not null check (interest >= 0),
      primary key (loan_id, seq)
    )`.execute(db);

  await sql`
    create table loan_repayments (
      id uuid primary key default gen_random_uuid(),
      loan_id uuid not null references loans(id),
      external_id text not null,
      paid_on date not null,
      principal bigint not null check (principal >= 0),
      interest bigint not null check (interest >= 0),
      recorded_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (loan_id, external_id)
    )`.execute(db);
  await sql`create index loan_repayments_loan_paid on loan_repayments (loan_id, paid_on)`.execute(db);

  await sql.raw(`
    create table loan_reports (
      id uuid primary key default gen_random_uuid(),
      loan_id uuid not null references loans(id),
      as_of date not null,
      outstanding bigint not null check (outstanding >= 0),
      dpd int not null check (dpd >= 0),
      reported_class text check (reported_class in ${CLASSES}),
      source text not null check (source in ('import','api','disbursement')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (loan_id, as_of)
    )`).execute(db);

  await sql.raw(`
    create table loan_status (
      loan_id uuid primary key references loans(id),
      as_of date not null,
      dpd int not null check (dpd >= 0),
      outstanding bigint not null check (outstanding >= 0),
      computed_class text not null check (computed_class in ${CLASSES}),
      reported_class text check (reported_class in ${CLASSES}),
      final_class text not null check (final_class in ${CLASSES}),
      floors_id uuid not null,
      updated_at timestamptz not null default now()
    )`).execute(db);
  await sql`create index loan_status_final_class on loan_status (final_class)`.execute(db);

  await sql.raw(`
    create table loan_class_history (
      loan_id uuid not null references loans(id),
      effective_on date not null,
      dpd int not null,
      outstanding bigint not null,
      computed_class text not null check (computed_class in ${CLASSES}),
      reported_class text check (reported_class in ${CLASSES}),
      final_class text not null check (final_class in ${CLASSES}),
      primary key (loan_id, effective_on)
    )`).execute(db);

  // Floors by days past due, dated so a rule change applies from its effective date and earlier dates keep
  // the table that held then. floors: [{"minDpd":1,"class":"special_mention"}, …] ascending.
  await sql`
    create table classification_floors (
      id uuid primary key default gen_random_uuid(),
      effective_from date not null unique,
      floors jsonb not null,
      source text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  // 商业银行金融资产风险分类办法 (国家金融监督管理总局 中国人民银行令 2023年第1号), effective 2023-07-01:
  // any overdue → 关注 at least; > 90 days → 次级; > 270 → 可疑; > 360 → 损失 (clarifications.md).
  await sql`
    insert into classification_floors (effective_from, floors, source) values (
      '2023-07-01',
      '[{"minDpd":1,"class":"special_mention"},{"minDpd":91,"class":"substandard"},{"minDpd":271,"class":"doubtful"},{"minDpd":361,"class":"loss"}]'::jsonb,
      '商业银行金融资产风险分类办法（2023年第1号令）：逾期即至少关注，逾期超过90天至少次级，超过270天至少可疑，超过360天为损失'
    )`.execute(db);
}
