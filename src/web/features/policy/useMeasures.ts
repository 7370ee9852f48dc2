import { policyApi } from '../../api/subsidy';
import type { MeasureDescription, MeasuresReply } from '../../api/subsidy-types';
import { useApi } from '../../components/useApi';

/** The ruleset described by the server (values in force on `asOf`, default today). */
export function useMeasures(asOf?: string) {
  return useApi((signal) => policyApi.measures(asOf, signal), `measures:${asOf ?? ''}`);
}

/** Measures that pay money, which are the only ones a claim, budget or simulation can name. */
export function monetaryMeasures(reply: MeasuresReply | undefined): MeasureDescription[] {
  return (reply?.measures ?? []).filter((m) => m.kind !== 'non-monetary');
}

export function measureOptions(measures: MeasureDescription[], language: string) {
  return measures.map((m) => ({ value: m.id, label: `${m.id} ${language === 'en-US' ? m.titleEn : m.title}` }));
}
