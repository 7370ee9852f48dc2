// Renders a claim result as a readable explanation, Chinese or English. Pure and free of
// node imports: the web app imports this file directly.
import { formatYuan } from './money';
import type { ArithmeticStep, ClaimResult, EvaluationResponse, TraceStep } from './types';

export type Lang = 'zh' | 'en';

const yuan = (amount: number) => formatYuan(Math.round(amount * 100));

function arithmetic(s: ArithmeticStep, lang: Lang): string {
  if (!s.base) return lang === 'zh' ? s.value : `fixed amount ${yuan(s.amount)} yuan`;
  const base = yuan(s.base.amount);
  if (lang === 'zh') {
    if (s.factors.length === 1) return `按${s.base.label} ${base} 元的 ${s.factors[0]!.percent} 计 ${yuan(s.amount)} 元`;
    return `按${s.base.label} ${base} 元 × ${s.factors.map((f) => `${f.label} ${f.percent}`).join(' × ')} 计 ${yuan(s.amount)} 元`;
  }
  if (s.factors.length === 1) return `${s.factors[0]!.percent} of ${s.base.labelEn} ${base} yuan = ${yuan(s.amount)} yuan`;
  return `${s.base.labelEn} ${base} yuan × ${s.factors.map((f) => `${f.labelEn} ${f.percent}`).join(' × ')} = ${yuan(s.amount)} yuan`;
}

/** The steps that shaped a granted amount, as sentence parts. */
function amountParts(trace: TraceStep[], lang: Lang): string[] {
  const parts: string[] = [];
  for (const s of trace) {
    if (s.kind === 'arithmetic') parts.push(arithmetic(s, lang));
    else if (s.kind === 'assessed') {
      if (s.assessed !== null) parts.push(lang === 'zh' ? `经认定金额 ${yuan(s.assessed)} 元` : `assessed amount ${yuan(s.assessed)} yuan`);
      else parts.push(lang === 'zh' ? '未提供认定金额，按上限估算' : 'no assessed amount: estimated at the cap');
    } else if (s.kind === 'cap' && s.capKind === 'year') {
      parts.push(lang === 'zh' ? `本年度已享受 ${yuan(s.used ?? 0)} 元，上限 ${yuan(s.cap)} 元` : `already granted this year ${yuan(s.used ?? 0)} yuan, annual cap ${yuan(s.cap)} yuan`);
    } else if (s.kind === 'cap' && s.binding) {
      const zh = s.capKind === 'once' ? '一次性' : '单笔';
      parts.push(lang === 'zh' ? `${zh}上限 ${yuan(s.cap)} 元` : `${s.capKind === 'once' ? 'one-off' : 'per-item'} cap ${yuan(s.cap)} yuan`);
    }
  }
  return parts;
}

/** One sentence saying what was decided and why, citing the clause. */
export function explainResult(r: ClaimResult, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  switch (r.status) {
    case 'granted': {
      const parts = amountParts(r.trace, lang).join(zh ? '；' : '; ');
      const decided = zh ? `核定 ${yuan(r.amount)} 元（${r.citation}）` : `approved ${yuan(r.amount)} yuan (${r.citation})`;
      return parts ? `${parts}${zh ? '，' : ', '}${decided}` : decided;
    }
    case 'ineligible': {
      const failed = r.trace.find((s) => s.kind === 'condition' && !s.met);
      if (!failed || failed.kind !== 'condition') return zh ? `不予支持（${r.citation}）` : `not eligible (${r.citation})`;
      return zh ? `不予支持：${failed.value}（${failed.clause}）` : `not eligible: ${failed.valueEn} (${failed.clause})`;
    }
    case 'excluded': {
      const ex = r.trace.find((s) => s.kind === 'exclusion');
      if (!ex || ex.kind !== 'exclusion') return zh ? `不予重复支持（${r.citation}）` : `excluded (${r.citation})`;
      return zh
        ? `不予重复支持：${ex.value}（${ex.clause}）`
        : `excluded: ${ex.groupLabelEn} is paid once per matter ${ex.matter}; claim ${ex.winner} gets ${yuan(ex.winnerAmount)} yuan (pay the highest, once; ${ex.clause})`;
    }
    case 'needs-parameters':
      return zh
        ? `待实施细则设定参数 ${r.missingParameters.join('、')} 后方可计算（${r.citation}）`
        : `awaiting implementing-rule parameters ${r.missingParameters.join(', ')} (${r.citation})`;
  }
}

/** Every trace step as one line, in evaluation order. */
export function explainTrace(r: ClaimResult, lang: Lang = 'zh'): string[] {
  return r.trace.map((s) => {
    const cite = lang === 'zh' ? `（${s.clause}）` : ` (${s.clause})`;
    const mark = (met: boolean) => (met ? '✓ ' : '✗ ');
    if (lang === 'zh') return s.kind === 'condition' ? `${mark(s.met)}${s.value}${cite}` : `${s.value}${cite}`;
    switch (s.kind) {
      case 'condition':
        return `${mark(s.met)}${s.valueEn}${cite}`;
      case 'parameter':
        return s.parameterValue === null
          ? `parameter ${s.key} (${s.labelEn}) is not set yet${cite}`
          : `parameter ${s.key} (${s.labelEn}) = ${s.parameterValue}${s.effectiveFrom ? `, effective ${s.effectiveFrom}` : ' (simulation overlay)'}${cite}`;
      case 'arithmetic':
        return `${arithmetic(s, 'en')}${cite}`;
      case 'assessed':
        return `${s.assessed === null ? 'no assessed amount: estimated at the cap' : `assessed amount ${yuan(s.assessed)} yuan`}${cite}`;
      case 'cap':
        return s.capKind === 'year'
          ? `annual cap ${yuan(s.cap)} yuan, already granted ${yuan(s.used ?? 0)} yuan: ${yuan(s.before)} → ${yuan(s.after)} yuan${cite}`
          : `${s.capKind === 'once' ? 'one-off' : 'per-item'} cap ${yuan(s.cap)} yuan: ${yuan(s.before)} → ${yuan(s.after)} yuan${cite}`;
      case 'exclusion':
        return `excluded in favour of ${s.winner} (${s.groupLabelEn}, matter ${s.matter})${cite}`;
    }
  });
}

/** A whole response: one line per claim, then the total. */
export function explainResponse(res: EvaluationResponse, lang: Lang = 'zh'): string {
  const lines = res.results.map((r) => `${r.id} ${r.measure}: ${explainResult(r, lang)}`);
  lines.push(lang === 'zh' ? `合计核定 ${yuan(res.total)} 元` : `total approved ${yuan(res.total)} yuan`);
  return lines.join('\n');
}
