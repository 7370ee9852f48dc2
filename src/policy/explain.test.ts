import { describe, expect, it } from 'vitest';
import { runPolicyEvaluate, runPolicyList } from './cli';
import { evaluate } from './evaluate';
import { explainResponse, explainResult, explainTrace } from './explain';
import { loadRuleset } from './load';

const ruleset = loadRuleset();
const beneficiary = { uscc: '91310110666007217T', kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true };
const run = (claims: unknown[], extra: Record<string, unknown> = {}) => evaluate(ruleset, { beneficiary, claims, ...extra });

describe('explanation', () => {
  it.each([
    [
      'granted with a year cap partly used',
      run([{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: { interestPaid: 1200000 } }], { granted: [{ measure: 'YP2025-8.2', year: 2025, amount: 300000 }] }),
      '按贷款利息 1,200,000 元的 50% 计 600,000 元；本年度已享受 300,000 元，上限 1,000,000 元，核定 600,000 元（杨府发〔2025〕2号 第8条）',
      '50% of loan interest paid 1,200,000 yuan = 600,000 yuan; already granted this year 300,000 yuan, annual cap 1,000,000 yuan, approved 600,000 yuan (杨府发〔2025〕2号 第8条)',
    ],
    [
      'granted at the item cap',
      evaluate(ruleset, { beneficiary: { ...beneficiary, kind: 'incubator' }, claims: [{ id: 'c1', measure: 'YP2025-3', eventDate: '2025-06-30', facts: { investmentAmount: 100000000 } }] }),
      '按实际投资额 100,000,000 元的 5% 计 5,000,000 元；单笔上限 3,000,000 元，核定 3,000,000 元（杨府发〔2025〕2号 第3条）',
      '5% of amount invested 100,000,000 yuan = 5,000,000 yuan; per-item cap 3,000,000 yuan, approved 3,000,000 yuan (杨府发〔2025〕2号 第3条)',
    ],
    [
      'ineligible outside the window',
      run([{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2027-01-01', matter: 'L', facts: { interestPaid: 1 } }]),
      '不予支持：事项日期 2027-01-01 不在杨府发〔2025〕2号有效期 2025-03-21 至 2026-12-31 内（杨府发〔2025〕2号 附则第1条 本政策自印发之日起施行，有效期至2026年12月31日）',
      'not eligible: event date 2027-01-01 is outside the window 2025-03-21 to 2026-12-31 (杨府发〔2025〕2号 附则第1条 本政策自印发之日起施行，有效期至2026年12月31日)',
    ],
    [
      'needs-parameters',
      run([{ id: 'c1', measure: 'YP2024-11', eventDate: '2025-01-01', matter: 'L', facts: { interestPaid: 1 } }]),
      '待实施细则设定参数 YP2024-11.rate、YP2024-11.cap 后方可计算（杨府发〔2024〕1号 第11条）',
      'awaiting implementing-rule parameters YP2024-11.rate, YP2024-11.cap (杨府发〔2024〕1号 第11条)',
    ],
  ])('%s', (_name, res, zh, en) => {
    const r = res.results[0]!;
    expect(explainResult(r, 'zh')).toBe(zh);
    expect(explainResult(r, 'en')).toBe(en);
    expect(r.reasons).toEqual([zh]);
  });

  it('explains an exclusion naming the winner and the rule', () => {
    const res = run([
      { id: 'a', measure: 'YP2025-8.1', eventDate: '2025-06-30', matter: 'M', facts: { issuanceCost: 1000000 } },
      { id: 'b', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'M', facts: { interestPaid: 1200000 } },
    ]);
    expect(explainResult(res.results[0]!, 'zh')).toContain('按从优、从高、不重复原则由 b 享受');
    expect(explainResult(res.results[0]!, 'en')).toContain('claim b gets 600,000 yuan');
    expect(explainResponse(res, 'zh').split('\n').at(-1)).toBe('合计核定 600,000 元');
  });

  it('renders one line per trace step, marking conditions met or failed', () => {
    const r = run([{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: { interestPaid: 2000000.02 } }]).results[0]!;
    const zh = explainTrace(r, 'zh');
    const en = explainTrace(r, 'en');
    expect(zh).toHaveLength(r.trace.length);
    expect(zh[0]).toMatch(/^✓ 事项日期 2025-06-30 在/);
    expect(zh[4]).toBe('参数 YP2025-8.2.cap（年度上限） = 1,000,000 元，自 2025-03-21 起（杨府发〔2025〕2号 第8条 每家企业每年最高100万元）');
    expect(en[5]).toBe('50% of loan interest paid 2,000,000.02 yuan = 1,000,000.01 yuan (杨府发〔2025〕2号 第8条)');
    expect(en[6]).toBe('annual cap 1,000,000 yuan, already granted 0 yuan: 1,000,000.01 → 1,000,000 yuan (杨府发〔2025〕2号 第8条 每家企业每年最高100万元)');
  });
});

describe('CLI cores', () => {
  it('prints the response JSON and exits 0', () => {
    const out = runPolicyEvaluate(JSON.stringify({ beneficiary, claims: [{ id: 'c1', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: { interestPaid: 1000 } }] }), ruleset);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ total: 500, rulesetVersion: ruleset.version });
    expect(out.stdout).toContain('\n  "results"');
  });
  it.each([
    ['{not json', 'invalid JSON'],
    [JSON.stringify({ beneficiary, claims: [{ id: 'c9', measure: 'YP2025-8.2', eventDate: '2025-06-30', matter: 'L', facts: {} }] }), 'claims[0].facts.interestPaid: claim c9: required fact interestPaid'],
  ])('exits 2 naming the problem for %s', (input, message) => {
    const out = runPolicyEvaluate(input, ruleset);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(message);
  });
  it('lists documents, measures and parameters as text and JSON', () => {
    const text = runPolicyList(ruleset, 'text').stdout;
    expect(text).toContain('YP2025-8.2');
    expect(text).toContain('杨府发〔2024〕1号');
    expect(text).toMatch(/YP2024-11.rate\s+（待细则）/);
    const json = JSON.parse(runPolicyList(ruleset, 'json').stdout);
    expect(json.measures).toHaveLength(41);
    expect(json.measures.find((m: { id: string }) => m.id === 'YP2025-8.2')).toMatchObject({ clause: '第8条', kind: 'computed', group: 'ip-financing', cap: { kind: 'year', parameter: 'YP2025-8.2.cap' } });
    expect(json.parameters.find((p: { key: string }) => p.key === 'YP2025-8.2.rate')).toMatchObject({ value: '0.5', effectiveFrom: '2025-03-21', reference: '杨府发〔2025〕2号 第8条 按照贷款利息的50%' });
  });
});
