// The report pack's short commentary (issue #8): sentences naming the largest changes against the previous
// period. Pure: the figures in, Chinese sentences out (the report's language), tested as a table of cases.

/** The part of the indicators the commentary reads (a stored snapshot of any version has these). */
export interface CommentaryFigures {
  asOf: string;
  borrowers: number;
  outstanding: number;
  nplOutstanding: number;
  nplRatio: number | null;
  byBank: { bank: string | null; bankName?: string | null; outstanding: number; nplRatio: number | null }[];
  byProduct: { product: string | null; productName?: string | null; outstanding: number; nplRatio: number | null }[];
}

export interface CommentaryLine {
  topic: 'baseline' | 'outstanding' | 'borrowers' | 'npl' | 'bank' | 'product' | 'tolerance';
  text: string;
}

/** NPL tolerance the commentary names (seed 003: 科技金融转型重点银行普遍设定了3%的不良容忍度). */
export const NPL_TOLERANCE = 0.03;

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Yuan → 万元 with two decimals (hundreds of yuan, half up), through integer fen (display only). */
export const wan = (yuan: number): string => grouped.format(Math.round(Math.round(yuan * 100) / 10_000) / 100);
const percent = (r: number): string => `${(Math.round(r * 10_000) / 100).toFixed(2)}%`;
const signedWan = (yuan: number): string => `${yuan > 0 ? '+' : '−'}${wan(Math.abs(yuan))}万元`;
const fen = (yuan: number): number => Math.round(yuan * 100);

function change(now: number, before: number, unit: (abs: number) => string): string {
  const d = fen(now) - fen(before);
  if (d === 0) return '与上期持平';
  const rate = fen(before) === 0 ? '' : `（${d > 0 ? '+' : '−'}${percent(Math.abs(d) / fen(before))}）`;
  return `较上期${d > 0 ? '增加' : '减少'}${unit(Math.abs(d) / 100)}${rate}`;
}

interface Slice { key: string; name: string; outstanding: number; nplRatio: number | null }
const banks = (f: CommentaryFigures): Slice[] => f.byBank.map((b) => ({ key: b.bank ?? '', name: b.bankName ?? b.bank ?? '（无银行）', outstanding: b.outstanding, nplRatio: b.nplRatio }));
const products = (f: CommentaryFigures): Slice[] => f.byProduct.map((p) => ({ key: p.product ?? '', name: p.productName ?? p.product ?? '其他', outstanding: p.outstanding, nplRatio: p.nplRatio }));

/** The `limit` slices whose outstanding moved most (either way), largest first; ties by key. */
function largestMoves(now: Slice[], before: Slice[], limit: number) {
  const prev = new Map(before.map((s) => [s.key, s]));
  const names = new Map([...before, ...now].map((s) => [s.key, s.name]));
  const keys = [...new Set([...now.map((s) => s.key), ...before.map((s) => s.key)])];
  const cur = new Map(now.map((s) => [s.key, s]));
  return keys
    .map((k) => ({ key: k, name: names.get(k)!, delta: fen(cur.get(k)?.outstanding ?? 0) - fen(prev.get(k)?.outstanding ?? 0) }))
    .filter((m) => m.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/**
 * The commentary of `current` against `previous` (null: no earlier figures, so only the level is stated):
 * outstanding, borrowers and the NPL ratio against the previous period; the banks and products whose outstanding
 * moved most (two each); the banks above the NPL tolerance, worst first (three at most), saying which crossed it
 * in this period.
 */
export function packCommentary(current: CommentaryFigures, previous: CommentaryFigures | null): CommentaryLine[] {
  const npl = (r: number | null) => (r === null ? '无贷款余额' : `不良率${percent(r)}`);
  if (!previous) {
    return [{ topic: 'baseline', text: `截至${current.asOf}，贷款余额${wan(current.outstanding)}万元，贷款企业${current.borrowers}户，${npl(current.nplRatio)}；无上期数据可比。` }];
  }
  const lines: CommentaryLine[] = [];
  lines.push({ topic: 'outstanding', text: `截至${current.asOf}，贷款余额${wan(current.outstanding)}万元，${change(current.outstanding, previous.outstanding, (a) => `${wan(a)}万元`)}。` });
  const db = current.borrowers - previous.borrowers;
  lines.push({ topic: 'borrowers', text: `贷款企业${current.borrowers}户，${db === 0 ? '与上期持平' : `较上期${db > 0 ? '增加' : '减少'}${Math.abs(db)}户`}。` });
  if (current.nplRatio === null) lines.push({ topic: 'npl', text: '本期无贷款余额，不计不良率。' });
  else if (previous.nplRatio === null) lines.push({ topic: 'npl', text: `不良率${percent(current.nplRatio)}（上期无贷款余额）。` });
  else {
    const pp = Math.round((current.nplRatio - previous.nplRatio) * 10_000) / 100;
    lines.push({
      topic: 'npl',
      text: `不良率${percent(current.nplRatio)}，${pp === 0 ? '与上期持平' : `较上期${pp > 0 ? '上升' : '下降'}${Math.abs(pp).toFixed(2)}个百分点`}（不良余额${wan(current.nplOutstanding)}万元）。`,
    });
  }
  const moves = (topic: 'bank' | 'product', label: string, now: Slice[], before: Slice[]) => {
    const m = largestMoves(now, before, 2);
    if (m.length > 0) lines.push({ topic, text: `按${label}，余额变动最大的是${m.map((x) => `${x.name}（${signedWan(x.delta / 100)}）`).join('、')}。` });
  };
  moves('bank', '银行', banks(current), banks(previous));
  moves('product', '产品', products(current), products(previous));
  const before = new Map(banks(previous).map((b) => [b.key, b.nplRatio]));
  const above = banks(current)
    .filter((b) => b.nplRatio !== null && b.nplRatio > NPL_TOLERANCE)
    .sort((a, b) => b.nplRatio! - a.nplRatio! || a.key.localeCompare(b.key))
    .slice(0, 3);
  if (above.length > 0) {
    const crossed = (b: Slice) => { const r = before.get(b.key); return r === undefined || r === null || r <= NPL_TOLERANCE; };
    lines.push({
      topic: 'tolerance',
      text: `不良率高于${percent(NPL_TOLERANCE)}容忍度的银行：${above.map((b) => `${b.name}（${percent(b.nplRatio!)}${crossed(b) ? '，本期新超过' : ''}）`).join('、')}。`,
    });
  }
  return lines;
}
