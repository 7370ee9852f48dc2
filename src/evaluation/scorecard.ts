// Innovation points (创新积分, the platform's model): indicators → normalised 0–100 → weighted within groups →
// groups weighted by lifecycle stage. Normalisation uses fixed anchors from the model (not the registry's
// min/max), so an enterprise's score depends only on its own data and the model version; the percentile in the
// registry and in the sector is computed from the stored scores when shown.
import type { EnterpriseYearFacts } from './facts';
import { indicatorValue } from './indicators';
import { INDICATORS, type InnovationModel, type Stage } from './models';

export interface IndicatorScore {
  id: string;
  label: string;
  group: string;
  value: number | null;
  unit: string;
  normalised: number;
  weight: number;
  /** Points this indicator adds to the total (after group and stage weights). */
  contribution: number;
  note?: string;
  needed: string[];
}

export interface ScorecardResult {
  score: number;
  stage: Stage;
  groups: { id: string; label: string; score: number; stageWeight: number; contribution: number }[];
  indicators: IndicatorScore[];
  needed: string[];
}

type Normalise = InnovationModel['groups'][number]['indicators'][number]['normalise'];

export function normalise(v: number, n: Normalise): number {
  let x: number;
  if (n.kind === 'linear') x = ((v - n.min) / (n.max - n.min)) * 100;
  else if (n.kind === 'log') x = v <= 0 ? 0 : (Math.log1p(v) / Math.log1p(n.max)) * 100;
  else x = n.bands.find((b) => v >= b.min)?.points ?? 0;
  return Math.min(100, Math.max(0, x));
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export function evaluateScorecard(f: EnterpriseYearFacts, model: InnovationModel, stage: Stage): ScorecardResult {
  const indicators: IndicatorScore[] = [];
  const groups: ScorecardResult['groups'] = [];
  let total = 0;
  for (const g of model.groups) {
    const stageWeight = model.stageWeights[stage][g.id] ?? 0;
    const wsum = g.indicators.reduce((s, i) => s + i.weight, 0);
    let groupScore = 0;
    for (const ind of g.indicators) {
      const v = indicatorValue(ind.id, f);
      // A missing fact scores 0 (never an invented value) and is listed as needed.
      const n = v.value === null ? 0 : normalise(v.value, ind.normalise);
      groupScore += (n * ind.weight) / wsum;
      indicators.push({
        id: ind.id, label: ind.label, group: g.id, value: v.value === null ? null : INDICATORS[ind.id] === 'share' ? Math.round(v.value * 10000) / 10000 : r2(v.value),
        unit: INDICATORS[ind.id], normalised: r2(n), weight: ind.weight,
        contribution: r2((n * ind.weight * stageWeight) / wsum / 100), ...(v.note ? { note: v.note } : {}),
        needed: v.needed,
      });
    }
    const contribution = (groupScore * stageWeight) / 100;
    total += contribution;
    groups.push({ id: g.id, label: g.label, score: r2(groupScore), stageWeight, contribution: r2(contribution) });
  }
  return { score: r2(total), stage, groups, indicators, needed: [...new Set(indicators.flatMap((i) => i.needed))] };
}
