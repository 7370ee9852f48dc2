import { sql, type Kysely } from 'kysely';

// Issue #5, rewards from ledger data: YP2025-9.1/9.2 (guarantors) and YP2025-11 (banks) name an institution as
// the beneficiary, and a claim's beneficiary is a 统一社会信用代码. Institutions get an optional USCC; the loan
// fact sources skip an institution without one. `if not exists`: another module needing the same column may
// add it under the same name without the two migrations failing each other.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table organizations add column if not exists uscc char(18)`.execute(db);
  await sql`create unique index if not exists organizations_uscc on organizations (uscc) where uscc is not null`.execute(db);
  // The daily classification's history comparison and the loan page read a loan's history by date.
  await sql`create index if not exists loan_class_history_effective_on on loan_class_history (effective_on)`.execute(db);
  // Interest paid in a year (YP2025-8.2) scans repayments by date across loans.
  await sql`create index if not exists loan_repayments_paid_on on loan_repayments (paid_on)`.execute(db);
}
