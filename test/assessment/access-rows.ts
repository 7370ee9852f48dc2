// Issue #5's assessment, events and product-statistics rows of the role × route access table
// (test/access.db.test.ts spreads them into its table).
import { multipartFile, type TestContext } from '../helpers/app';

type Caller = 'anon' | 'admin' | 'officer' | 'reviewer' | 'auditor' | 'bank' | 'entA' | 'entB';
interface Prepared { url: string; payload?: unknown; headers?: Record<string, string> }
export interface AssessmentRow { method: string; route: string; prepare: (ctx: TestContext, caller: Caller) => Promise<Prepared> | Prepared; expect: Record<Caller, number> }

const all = (status: number, anon = 401): Record<Caller, number> => ({ anon, admin: status, officer: status, reviewer: status, auditor: status, bank: status, entA: status, entB: status });
const only = (allowed: Partial<Record<Caller, number>>): Record<Caller, number> => ({ ...all(403), ...allowed });
const staffWrite = (ok: number) => only({ admin: ok, officer: ok });
const staffRead = only({ admin: 200, officer: 200, auditor: 200 });
const staffAndBanks = only({ admin: 200, officer: 200, auditor: 200, bank: 200 });

let n = 0;
const next = () => ++n;

/** An event co-hosted by BANK2, so the fixture bank (BANK1) is out of scope (404); one per caller. */
async function eventOfBank2(ctx: TestContext) {
  const r = await ctx.db.insertInto('events').values({ held_on: '2025-04-01', title: `活动${next()}`, bank_org_id: ctx.ids.bank2Org, station_code: null, attendees: 10 }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const ASSESSMENT_ROWS: AssessmentRow[] = [
  // A bank sees its own assessment row (the service leaves the others out), office staff every bank.
  { method: 'GET', route: '/api/v1/assessments/banks', prepare: () => ({ url: '/api/v1/assessments/banks?year=2025' }), expect: staffAndBanks },
  { method: 'GET', route: '/api/v1/events', prepare: () => ({ url: '/api/v1/events?year=2025' }), expect: staffAndBanks },
  { method: 'GET', route: '/api/v1/events/:id', prepare: async (ctx) => ({ url: `/api/v1/events/${await eventOfBank2(ctx)}` }), expect: only({ admin: 200, officer: 200, auditor: 200, bank: 404 }) },
  { method: 'POST', route: '/api/v1/events', prepare: () => ({ url: '/api/v1/events', payload: { heldOn: '2025-05-01', title: `宣讲会${next()}`, bankCode: 'BANK1', attendees: 20 } }), expect: staffWrite(201) },
  { method: 'PATCH', route: '/api/v1/events/:id', prepare: async (ctx) => ({ url: `/api/v1/events/${await eventOfBank2(ctx)}`, payload: { attendees: 11 } }), expect: staffWrite(200) },
  { method: 'DELETE', route: '/api/v1/events/:id', prepare: async (ctx) => ({ url: `/api/v1/events/${await eventOfBank2(ctx)}` }), expect: staffWrite(204) },
  {
    method: 'POST', route: '/api/v1/events/import',
    prepare: () => {
      const m = multipartFile('e.csv', `date,title,bank_code,station,attendees\n2025-06-01,导入活动${next()},BANK1,,10\n`);
      return { url: '/api/v1/events/import', payload: m.payload, headers: m.headers };
    },
    expect: staffWrite(200),
  },
  { method: 'GET', route: '/api/v1/reports/products', prepare: () => ({ url: '/api/v1/reports/products?year=2025' }), expect: staffRead },
];
