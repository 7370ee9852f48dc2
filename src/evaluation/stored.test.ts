// The compact stored form (decisions + facts snapshot, explanation rendered on read) shows exactly what the
// whole stored form showed: same JSON for every kind over thousands of generated enterprise-years.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMPACT_FORM, explainEnterpriseYear, evaluateEnterpriseYear, renderStoredResult, storedResultText, DEFAULT_MODELS, EVALUATION_KINDS } from './index';
import { factsFromSnapshot, factsSnapshot } from './facts';
import { validateModel, type InnovationModel, type LifecycleModel } from './models';
import { syntheticFacts } from './test-facts';

// The bench's registry plus the other shapes (NEEQ listings, officers' inputs, missing and zero years), two seeds.
const inputs = [...syntheticFacts(1500, 42, { varied: true }), ...syntheticFacts(1500, 7, { varied: true })];

/** As PostgreSQL/PGlite give it back: the stored text parsed (jsonb reorders keys; values round-trip). */
const asStored = (text: string) => JSON.parse(text) as Record<string, unknown>;
/** JSON as a client receives it (undefined members dropped). */
const wire = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('full explanations (what results stored whole held)', () => {
  it('are byte for byte those of the whole-form code (main at b780d23) for 3,000 enterprise-years', () => {
    // Digest of JSON.stringify(evaluateEnterpriseYear(f)) per enterprise, computed with the code that stored results
    // whole, before the compact form. A change of any explanation text or number changes it: then the change is
    // deliberate and this digest is recomputed, or it is a regression.
    const h = createHash('sha256');
    for (const f of inputs) h.update(JSON.stringify(explainEnterpriseYear(f, DEFAULT_MODELS)));
    expect(h.digest('hex')).toBe('53958674a79918dd001208bb39fea88c75f60c6e3ae46a8eb068c7340b48efc7');
  });
});

describe('compact stored results', () => {
  it('render to the same JSON as the full form for every kind, with the same score and eligibility', () => {
    let compared = 0;
    for (const f of inputs) {
      const full = explainEnterpriseYear(f, DEFAULT_MODELS);
      const snapshot = factsSnapshot(f);
      const compact = evaluateEnterpriseYear(f, DEFAULT_MODELS);
      expect(compact.map((r) => r.kind)).toEqual([...EVALUATION_KINDS]);
      for (let k = 0; k < full.length; k++) {
        const c = compact[k]!;
        const stored = asStored(storedResultText(c.result, snapshot));
        expect(stored.form).toBe(COMPACT_FORM);
        expect([c.kind, c.modelVersion, c.score, c.eligible]).toEqual([full[k]!.kind, full[k]!.modelVersion, full[k]!.score, full[k]!.eligible]);
        expect(wire(renderStoredResult(c.kind, stored, DEFAULT_MODELS))).toStrictEqual(wire(full[k]!.result));
        compared++;
      }
    }
    expect(compared).toBe(inputs.length * 5);
  });

  it('keep the decisions other modules read from result: lifecycle stage, listing standards met, ready boards, nearest', () => {
    for (const f of inputs.slice(0, 600)) {
      const full = explainEnterpriseYear(f, DEFAULT_MODELS);
      const compact = evaluateEnterpriseYear(f, DEFAULT_MODELS);
      const stored = (k: number) => asStored(storedResultText(compact[k]!.result, factsSnapshot(f)));
      expect(stored(3).stage).toBe(full[3]!.result.stage);
      expect(stored(2).stage).toBe(full[3]!.result.stage);
      const listing = full[4]!.result as { met: unknown; ready: unknown; nearest: { board: string; standard: string; clause: string; gap: number } | null };
      expect(stored(4).met).toEqual(listing.met);
      expect(stored(4).ready).toEqual(listing.ready);
      expect(stored(4).nearest).toEqual(listing.nearest && { board: listing.nearest.board, standard: listing.nearest.standard, clause: listing.nearest.clause, gap: listing.nearest.gap });
    }
  });

  it('are rendered with the models of their version (an officer\'s innovation and lifecycle models)', () => {
    const innovation = structuredClone(DEFAULT_MODELS.innovation) as InnovationModel;
    innovation.version = 'officer-2026.2';
    innovation.title = 'Officer model';
    innovation.stageWeights.growth = { tech: 30, growth: 55, aux: 15 };
    const lifecycle = structuredClone(DEFAULT_MODELS.lifecycle) as LifecycleModel;
    lifecycle.version = 'officer-lc-2026.2';
    lifecycle.defaultStage = 'mature';
    expect(validateModel('innovation_points', innovation).ok).toBe(true);
    expect(validateModel('lifecycle', lifecycle).ok).toBe(true);
    const models = { innovation, lifecycle };
    for (const f of inputs.slice(0, 300)) {
      const full = explainEnterpriseYear(f, models);
      const compact = evaluateEnterpriseYear(f, models);
      for (const k of [2, 3]) {
        const stored = asStored(storedResultText(compact[k]!.result, factsSnapshot(f)));
        expect(compact[k]!.modelVersion).toBe(full[k]!.modelVersion);
        expect(wire(renderStoredResult(compact[k]!.kind, stored, models))).toStrictEqual(wire(full[k]!.result));
      }
    }
  });

  it('the facts snapshot round-trips (the input hash digests the same text)', () => {
    for (const f of inputs.slice(0, 300)) expect(factsSnapshot(factsFromSnapshot(JSON.parse(factsSnapshot(f))))).toBe(factsSnapshot(f));
  });
});

describe('results stored whole (before the compact form)', () => {
  it('are shown as they were stored', () => {
    const whole = wire(explainEnterpriseYear(inputs[0]!, DEFAULT_MODELS)[4]!.result) as Record<string, unknown>;
    expect(renderStoredResult('listing_readiness', whole, DEFAULT_MODELS)).toBe(whole);
  });
});
