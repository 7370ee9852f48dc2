import { describe, expect, it } from 'vitest';
import { addDays, addMonths, checkSlaLines, crossedLines, daysBetween } from '../../src/server/modules/application/calendar';
import { actionsFrom, APPLICATION_ACTION_NAMES, APPLICATION_STATUSES, checkTransition, type ApplicationActionName, type ApplicationActor } from '../../src/server/modules/application/transitions';
import type { ApplicationStatus } from '../../src/server/db/schema-financing';

// Every allowed move of issue #4's state machine: [from, action, by, to, facts].
const ALLOWED: [ApplicationStatus, ApplicationActionName, ApplicationActor, ApplicationStatus, object?][] = [
  ['draft', 'submit', 'enterprise', 'submitted'],
  ['draft', 'withdraw', 'enterprise', 'withdrawn'],
  ['submitted', 'withdraw', 'enterprise', 'withdrawn'],
  ['screening', 'withdraw', 'enterprise', 'withdrawn'],
  ['submitted', 'screen', 'officer', 'screening'],
  ['screening', 'send_to_review', 'officer', 'review'],
  ['screening', 'defer', 'officer', 'deferred', { reason: '材料不全' }],
  ['screening', 'reject', 'officer', 'rejected', { reason: '不符合条件' }],
  ['review', 'score', 'reviewer', 'review'],
  ['review', 'recommend', 'officer', 'recommended', { meetingId: 'm' }],
  ['review', 'defer', 'officer', 'deferred', { reason: '暂缓', meetingId: 'm' }],
  ['review', 'reject', 'officer', 'rejected', { reason: '否决', meetingId: 'm' }],
  ['reassigned', 'recommend', 'officer', 'recommended'],
  ['recommended', 'accept', 'bank', 'accepted'],
  ['accepted', 'approve', 'bank', 'approved'],
  ['accepted', 'decline', 'bank', 'declined', { reason: '风险' }],
  ['approved', 'disburse', 'bank', 'disbursed'],
  ['declined', 'reassign', 'officer', 'reassigned', { reason: '更换银行' }],
  ['recommended', 'reassign', 'officer', 'reassigned', { reason: '超60天未审批', slaBreached: true }],
  ['accepted', 'reassign', 'officer', 'reassigned', { reason: '超90天未审批', slaBreached: true }],
];

describe('application transition table', () => {
  it.each(ALLOWED)('%s --%s by %s--> %s', (from, action, by, to, facts) => {
    expect(checkTransition(from, action, by, facts ?? {})).toEqual({ ok: true, to });
  });

  it('lists exactly these moves: every other (status, action) pair is refused as a state conflict', () => {
    const allowed = new Set(ALLOWED.map(([f, a]) => `${f}:${a}`));
    let refused = 0;
    for (const from of APPLICATION_STATUSES) {
      for (const action of APPLICATION_ACTION_NAMES) {
        if (allowed.has(`${from}:${action}`)) continue;
        const by = ALLOWED.find(([, a]) => a === action)![2];
        const r = checkTransition(from, action, by, { reason: 'r', meetingId: 'm', slaBreached: true });
        expect(r, `${from} ${action}`).toMatchObject({ ok: false, reason: 'state' });
        refused += 1;
      }
    }
    expect(refused).toBe(APPLICATION_STATUSES.length * APPLICATION_ACTION_NAMES.length - ALLOWED.length);
  });

  it.each([
    ['disbursed', 'withdraw', 'enterprise'],
    ['review', 'withdraw', 'enterprise'],
    ['recommended', 'approve', 'bank'],
    ['declined', 'recommend', 'officer'],
    ['deferred', 'recommend', 'officer'],
    ['rejected', 'send_to_review', 'officer'],
    ['withdrawn', 'submit', 'enterprise'],
    ['screening', 'score', 'reviewer'],
    ['approved', 'decline', 'bank'],
  ] as const)('illegal: %s --%s by %s is a 409 (state)', (from, action, by) => {
    expect(checkTransition(from, action, by, { reason: 'r', meetingId: 'm' })).toMatchObject({ ok: false, reason: 'state' });
  });

  it.each([
    ['draft', 'submit', 'officer'],
    ['submitted', 'screen', 'enterprise'],
    ['recommended', 'accept', 'officer'],
    ['review', 'score', 'officer'],
    ['review', 'recommend', 'reviewer'],
    ['accepted', 'approve', 'enterprise'],
    ['declined', 'reassign', 'bank'],
  ] as const)('wrong actor: %s --%s by %s is refused as actor (403)', (from, action, by) => {
    expect(checkTransition(from, action, by, { reason: 'r', meetingId: 'm', slaBreached: true })).toMatchObject({ ok: false, reason: 'actor' });
  });

  it('reassigns a recommendation still waiting only after a warning line was crossed', () => {
    expect(checkTransition('recommended', 'reassign', 'officer', { reason: 'x' })).toMatchObject({ ok: false, reason: 'state' });
    expect(checkTransition('accepted', 'reassign', 'officer', { reason: 'x', slaBreached: false })).toMatchObject({ ok: false, reason: 'state' });
    expect(checkTransition('declined', 'reassign', 'officer', { reason: 'x', slaBreached: false })).toEqual({ ok: true, to: 'reassigned' });
  });

  it('needs a reason to defer, reject, decline and reassign, and the meeting for decisions in review', () => {
    expect(checkTransition('accepted', 'decline', 'bank', {})).toMatchObject({ ok: false, reason: 'input', field: 'body.reason' });
    expect(checkTransition('review', 'defer', 'officer', { reason: ' ' })).toMatchObject({ ok: false, reason: 'input', field: 'body.reason' });
    expect(checkTransition('review', 'recommend', 'officer', {})).toMatchObject({ ok: false, reason: 'input', field: 'body.meetingId' });
    expect(checkTransition('review', 'reject', 'officer', { reason: 'r' })).toMatchObject({ ok: false, reason: 'input', field: 'body.meetingId' });
    expect(checkTransition('screening', 'reject', 'officer', { reason: 'r' })).toEqual({ ok: true, to: 'rejected' });
  });

  it('offers each role its buttons', () => {
    expect(actionsFrom('draft', 'enterprise')).toEqual(['submit', 'withdraw']);
    expect(actionsFrom('review', 'officer')).toEqual(['recommend', 'defer', 'reject']);
    expect(actionsFrom('accepted', 'bank')).toEqual(['approve', 'decline']);
    expect(actionsFrom('accepted', 'officer')).toEqual(['reassign']);
    expect(actionsFrom('disbursed', 'bank')).toEqual([]);
  });
});

describe('calendar arithmetic for warning lines and maturities', () => {
  it.each([
    ['2025-01-01', 30, '2025-01-31'],
    ['2025-01-31', 29, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
  ] as const)('%s + %d days = %s', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
    expect(daysBetween(d, out)).toBe(n);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-15', 12, '2026-03-15'],
    ['2025-11-30', 3, '2026-02-28'],
  ] as const)('%s + %d months = %s', (d, n, out) => expect(addMonths(d, n)).toBe(out));

  it('crosses a line on exactly its day, not the day before', () => {
    expect(crossedLines('2025-01-01', '2025-01-30', [30, 60, 90])).toEqual([]);
    expect(crossedLines('2025-01-01', '2025-01-31', [30, 60, 90])).toEqual([{ lineDays: 30, dueOn: '2025-01-31' }]);
    expect(crossedLines('2025-01-01', '2025-04-01', [90, 30, 60]).map((l) => l.lineDays)).toEqual([30, 60, 90]);
    expect(crossedLines('2025-01-01', '2025-03-31', [30, 60, 90]).map((l) => l.dueOn)).toEqual(['2025-01-31', '2025-03-02']);
  });

  it('accepts 1–10 distinct day counts as lines', () => {
    expect(checkSlaLines([90, 30, 60])).toEqual({ ok: true, lines: [30, 60, 90] });
    expect(checkSlaLines([])).toMatchObject({ ok: false });
    expect(checkSlaLines([30, 30])).toMatchObject({ ok: false, message: 'lines must be distinct' });
    expect(checkSlaLines([0])).toMatchObject({ ok: false });
    expect(checkSlaLines([1.5])).toMatchObject({ ok: false });
  });
});
