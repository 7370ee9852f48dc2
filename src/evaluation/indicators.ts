// Indicator values from the registry, for the scorecard and the lifecycle rules. A value is null when a fact is
// missing (then `needed` names it); ratios with a zero base are 0 with a note, not unknown.
import { KNOWN_CERTIFICATIONS, ROUNDS } from '../shared/enterprise';
import { yearOf, type EnterpriseYearFacts } from './facts';
import { yearsBefore } from './logic';
import type { IndicatorId } from './models';

export interface IndicatorValue {
  value: number | null;
  note?: string;
  needed: string[];
}

const miss = (...fields: string[]): IndicatorValue => ({ value: null, needed: fields });
const share = (part: number | null, whole: number | null, names: [string, string], zeroNote: string): IndicatorValue => {
  if (part === null || whole === null) return miss(...(part === null ? [names[0]] : []), ...(whole === null ? [names[1]] : []));
  if (whole === 0) return { value: 0, note: zeroNote, needed: [] };
  return { value: part / whole, needed: [] };
};
const growth = (now: number | null, before: number | null, names: [string, string]): IndicatorValue => {
  if (now === null || before === null) return miss(...(now === null ? [names[0]] : []), ...(before === null ? [names[1]] : []));
  if (before === 0) return { value: 0, note: 'no base-year figure (0): growth not defined, scored 0', needed: [] };
  return { value: (now - before) / Math.abs(before), needed: [] };
};

const RANKED_ROUNDS = ROUNDS.filter((r) => r !== 'other');

export function indicatorValue(id: IndicatorId | 'ageYears' | 'roundRank' | 'employees' | 'netProfit', f: EnterpriseYearFacts): IndicatorValue {
  const y = f.year;
  const cur = yearOf(f, y);
  const prev = yearOf(f, y - 1);
  switch (id) {
    case 'rdExpense': return cur.rdExpense === null ? miss(`rdExpense[${y}]`) : { value: cur.rdExpense / 100, needed: [] };
    case 'rdIntensity': return share(cur.rdExpense, cur.revenue, [`rdExpense[${y}]`, `revenue[${y}]`], 'no revenue: intensity not defined, scored 0');
    case 'rdStaffShare': return share(cur.rdStaff, cur.employees, [`rdStaff[${y}]`, `employees[${y}]`], 'no employees');
    case 'techStaffShare': return share(cur.techStaff, cur.employees, [`techStaff[${y}]`, `employees[${y}]`], 'no employees');
    case 'inventionPatents': return { value: f.ipGranted.invention_patent ?? 0, needed: [] };
    case 'otherIp': return { value: ['utility_model', 'design', 'software_copyright', 'ic_layout', 'plant_variety'].reduce((s, k) => s + (f.ipGranted[k] ?? 0), 0), needed: [] };
    case 'revenueGrowth': return growth(cur.revenue, prev.revenue, [`revenue[${y}]`, `revenue[${y - 1}]`]);
    case 'profitGrowth': return growth(cur.netProfit, prev.netProfit, [`netProfit[${y}]`, `netProfit[${y - 1}]`]);
    case 'revenue': return cur.revenue === null ? miss(`revenue[${y}]`) : { value: cur.revenue / 100, needed: [] };
    case 'netProfit': return cur.netProfit === null ? miss(`netProfit[${y}]`) : { value: cur.netProfit / 100, needed: [] };
    case 'employees': return cur.employees === null ? miss(`employees[${y}]`) : { value: cur.employees, needed: [] };
    case 'netProfitMargin': return share(cur.netProfit, cur.revenue, [`netProfit[${y}]`, `revenue[${y}]`], 'no revenue: margin not defined, scored 0');
    case 'equityRaised3y': {
      const from = yearsBefore(f.asOf, 3);
      return { value: f.rounds.filter((r) => r.date > from && r.date <= f.asOf).reduce((s, r) => s + r.amount, 0) / 100, needed: [] };
    }
    case 'certifications': return { value: f.certifications.filter((c) => (KNOWN_CERTIFICATIONS as readonly string[]).includes(c)).length, needed: [] };
    case 'ageYears': {
      if (!f.foundedOn) return miss('foundedOn');
      let age = Number(f.asOf.slice(0, 4)) - Number(f.foundedOn.slice(0, 4));
      if (f.foundedOn.slice(5) > f.asOf.slice(5)) age -= 1;
      return { value: Math.max(0, age), needed: [] };
    }
    case 'roundRank': {
      let rank = -1;
      for (const r of f.rounds) if (r.date <= f.asOf) rank = Math.max(rank, RANKED_ROUNDS.indexOf(r.round as (typeof RANKED_ROUNDS)[number]));
      return { value: rank, note: rank < 0 ? 'no ranked financing round' : undefined, needed: [] };
    }
  }
}
