// A report pack as a workbook: 说明 (period, sources, who, commentary), one sheet per table (title row, header
// row, rows; yuan columns formatted with two decimals) and 图表数据 with each chart's series as a table — the PDF
// draws them; a workbook reader charts them in Excel.
import ExcelJS from 'exceljs';
import type { PackContent, PackTable } from './pack-content';

export interface PackMeta {
  requestedBy: string;
  requestedAt: Date;
  generatedBy: string;
  generatedAt: Date;
}

const stamp = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const basisText = (c: PackContent) => (c.sources.basis === 'reported' ? '月末快照首次报送版本（不含其后更正）' : '月末快照最新版本（含更正）');
const versionText = (s: PackContent['sources']['current']) =>
  `${s.asOf} 版本${s.version}${s.restated ? '（该月已有更正版本）' : ''}${s.computed ? '（生成时补算并存档）' : ''}`;

/** Lines every rendering repeats under the title: period, basis, sources and who. */
export function packFacts(c: PackContent, meta: PackMeta): [string, string][] {
  return [
    ['报告期', `${c.period.label}（截至${c.period.asOf}）`],
    ['对比期', `截至${c.period.previousAsOf}`],
    ['数据口径', basisText(c)],
    ['本期快照', versionText(c.sources.current)],
    ['上期快照', versionText(c.sources.previous)],
    ...(c.sources.trendMissing.length ? [['走势缺少快照的月末', c.sources.trendMissing.join('、')] as [string, string]] : []),
    ['申请人', `${meta.requestedBy}（${stamp(meta.requestedAt)}）`],
    ['生成', `${meta.generatedBy}（${stamp(meta.generatedAt)}）`],
  ];
}

function addTable(wb: ExcelJS.Workbook, t: PackTable) {
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([t.title]).font = { bold: true, size: 12 };
  ws.addRow(t.columns).font = { bold: true };
  for (const r of t.rows) ws.addRow(r.map((v) => v ?? null));
  t.columns.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = i === 0 ? 28 : Math.max(12, Math.min(24, h.length * 2));
    if (h.includes('（元）')) col.numFmt = '#,##0.00';
  });
}

export async function packXlsx(c: PackContent, meta: PackMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'KCJR';
  wb.created = meta.generatedAt;
  const cover = wb.addWorksheet('说明');
  cover.addRow([c.title]).font = { bold: true, size: 14 };
  cover.addRow([]);
  for (const [k, v] of packFacts(c, meta)) cover.addRow([k, v]);
  cover.addRow([]);
  cover.addRow(['评述']).font = { bold: true };
  for (const l of c.commentary) cover.addRow(['', l.text]);
  cover.addRow([]);
  cover.addRow(['目录']).font = { bold: true };
  for (const s of c.sections) {
    cover.addRow([s.title, s.tables.map((t) => t.sheet).join('、')]);
    if (s.note) cover.addRow(['', s.note]);
  }
  cover.getColumn(1).width = 22;
  cover.getColumn(2).width = 100;

  for (const s of c.sections) for (const t of s.tables) addTable(wb, t);

  const charts = wb.addWorksheet('图表数据');
  for (const ch of c.charts) {
    charts.addRow([ch.title]).font = { bold: true };
    charts.addRow(['', ch.unit]).font = { bold: true };
    ch.labels.forEach((label, i) => charts.addRow([label, ch.values[i] ?? null]));
    if (ch.reference) charts.addRow([ch.reference.label, ch.reference.value]);
    charts.addRow([]);
  }
  charts.getColumn(1).width = 28;
  charts.getColumn(2).width = 16;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
