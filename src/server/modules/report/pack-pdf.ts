// A report pack as a PDF (pdfkit): title page with the facts and the commentary, the charts drawn with vector
// primitives (lines, bars, a dashed tolerance line), then every table, wide ones on landscape pages, header
// repeated on each page. Chinese needs a CJK font: KCJR_PDF_FONT, by default Debian's fonts-noto-cjk.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { PackChart, PackContent, PackTable } from './pack-content';
import { packFacts, type PackMeta } from './pack-xlsx';

/** A pack that cannot be rendered for a reason an operator can fix (stored as the pack's error). */
export class PackRenderError extends Error {}

/**
 * The font file, and for a collection (.ttc) the face in it: `KCJR_PDF_FONT=/path/font.ttc#PostScriptName`;
 * a .ttc without a face uses Noto's simplified-Chinese face.
 */
export function resolveFont(spec: string): { file: string; family: string | undefined } {
  const [file, family] = spec.split('#') as [string, string | undefined];
  if (!fs.existsSync(file)) {
    throw new PackRenderError(`PDF font not found: ${file} — set KCJR_PDF_FONT to a font file with Chinese glyphs (Debian: apt-get install fonts-noto-cjk)`);
  }
  return { file, family: family ?? (file.toLowerCase().endsWith('.ttc') ? 'NotoSansCJKsc-Regular' : undefined) };
}

/** Axis maximum and step: the smallest 1/2/2.5/5 × 10^k step with `ticks` steps covering `max`. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 / ticks };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s * ticks >= max)!;
  return { max: step * ticks, step };
}

const grouped0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const grouped2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A cell as printed: money columns (yuan) always with two decimals, counts without. */
const cellText = (v: string | number | null | undefined, money = false): string =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? (money || !Number.isInteger(v) ? grouped2.format(v) : grouped0.format(v)) : v;
const isMoney = (header: string) => header.includes('（元）');
const axisText = (v: number) => (Math.abs(v) >= 1000 ? grouped0.format(v) : String(Math.round(v * 100) / 100));

type Doc = PDFKit.PDFDocument;
const MARGIN = 50;
const COLORS = ['#1f5fa8', '#3a8f5c', '#c77d1a', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d35400', '#2c3e50', '#b7950b'];

/** Every page A4: pdfkit's addPage defaults to Letter whatever the document's first page was. */
const newPage = (doc: Doc, layout: 'portrait' | 'landscape') => doc.addPage({ size: 'A4', layout, margin: MARGIN });

function heading(doc: Doc, text: string, size: number) {
  doc.fontSize(size).fillColor('#000').text(text, { paragraphGap: 6 });
}

function drawChart(doc: Doc, ch: PackChart, x: number, y: number, w: number, h: number) {
  doc.fontSize(10).fillColor('#000').text(ch.title, x, y, { width: w, align: 'center', lineBreak: false });
  const left = x + 52;
  const top = y + 22;
  const right = x + w - 10;
  const bottom = y + h - 34;
  const pw = right - left;
  const ph = bottom - top;
  const present = ch.values.filter((v): v is number => v !== null);
  if (ch.labels.length === 0 || present.length === 0) {
    doc.fontSize(9).fillColor('#888').text('无数据', x, top + ph / 2, { width: w, align: 'center', lineBreak: false });
    return;
  }
  const scale = niceScale(Math.max(...present, ch.reference?.value ?? 0, 0));
  const yOf = (v: number) => bottom - (Math.max(0, v) / scale.max) * ph;
  doc.lineWidth(0.5);
  for (let v = 0; v <= scale.max + scale.step / 2; v += scale.step) {
    const gy = yOf(v);
    doc.strokeColor('#dddddd').moveTo(left, gy).lineTo(right, gy).stroke();
    doc.fontSize(6.5).fillColor('#555').text(axisText(v), x, gy - 3, { width: 48, align: 'right', lineBreak: false });
  }
  doc.strokeColor('#333').moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).stroke();
  const slot = pw / ch.labels.length;
  ch.labels.forEach((label, i) => {
    const short = label.length > 8 ? `${label.slice(0, 7)}…` : label;
    doc.fontSize(6).fillColor('#333').text(short, left + i * slot, bottom + 4, { width: slot, align: 'center', lineBreak: false });
  });
  if (ch.kind === 'bar') {
    ch.values.forEach((v, i) => {
      if (v === null) return;
      const bw = slot * 0.6;
      const bx = left + i * slot + (slot - bw) / 2;
      doc.rect(bx, yOf(v), bw, bottom - yOf(v)).fill(COLORS[i % COLORS.length]!);
      doc.fontSize(6).fillColor('#000').text(axisText(v), bx - 10, yOf(v) - 9, { width: bw + 20, align: 'center', lineBreak: false });
    });
  } else {
    doc.lineWidth(1.5).strokeColor(COLORS[0]!);
    let pen = false;
    ch.values.forEach((v, i) => {
      const px = left + i * slot + slot / 2;
      if (v === null) { pen = false; return; }
      if (pen) doc.lineTo(px, yOf(v)); else doc.moveTo(px, yOf(v));
      pen = true;
    });
    doc.stroke();
    ch.values.forEach((v, i) => { if (v !== null) doc.circle(left + i * slot + slot / 2, yOf(v), 2).fill(COLORS[0]!); });
  }
  if (ch.reference) {
    const ry = yOf(ch.reference.value);
    doc.lineWidth(1).strokeColor('#c0392b').dash(4, { space: 3 }).moveTo(left, ry).lineTo(right, ry).stroke().undash();
    doc.fontSize(6.5).fillColor('#c0392b').text(ch.reference.label, right - 60, ry - 9, { width: 60, align: 'right', lineBreak: false });
  }
  doc.fillColor('#000').strokeColor('#000').lineWidth(1);
}

const isWide = (t: PackTable) => t.columns.length > 8;

function drawTable(doc: Doc, t: PackTable) {
  const wide = isWide(t);
  const size = wide ? 6.5 : 7.5;
  const rowH = size + 7;
  // A wide table needs a landscape page; any table needs room for its title, header and a few rows.
  if (wide !== (doc.page.width > doc.page.height) || doc.y > doc.page.height - MARGIN - rowH * 5) newPage(doc, wide ? 'landscape' : 'portrait');
  const avail = doc.page.width - 2 * MARGIN;
  doc.fontSize(size);
  const natural = t.columns.map((h, i) => {
    const cells = [h, ...t.rows.map((r) => cellText(r[i], isMoney(h)))];
    return Math.min(i === 0 ? 170 : 110, Math.max(...cells.map((c) => doc.widthOfString(c))) + 8);
  });
  const total = natural.reduce((s, w) => s + w, 0);
  const widths = natural.map((w) => (total > avail ? (w * avail) / total : w));
  doc.fontSize(10.5).fillColor('#000').text(t.title, MARGIN, doc.y, { width: avail });
  doc.moveDown(0.3);
  let y = doc.y;
  const row = (cells: string[], header: boolean) => {
    let x = MARGIN;
    const width = widths.reduce((s, w) => s + w, 0);
    if (header) doc.rect(MARGIN, y, width, rowH).fill('#eef2f7');
    doc.lineWidth(0.3).strokeColor('#bbbbbb').moveTo(MARGIN, y + rowH).lineTo(MARGIN + width, y + rowH).stroke();
    cells.forEach((c, i) => {
      const numeric = !header && i > 0 && /^[−\-+]?[\d,.]+%?$|^—$/.test(c);
      doc.fontSize(size).fillColor('#000').text(c, x + 3, y + 3.5, { width: widths[i]! - 6, height: rowH, lineBreak: false, ellipsis: true, align: numeric ? 'right' : 'left' });
      x += widths[i]!;
    });
    y += rowH;
  };
  row(t.columns, true);
  for (const r of t.rows) {
    if (y + rowH > doc.page.height - MARGIN) {
      newPage(doc, wide ? 'landscape' : 'portrait');
      y = MARGIN;
      row(t.columns, true);
    }
    row(t.columns.map((h, i) => cellText(r[i], isMoney(h))), false);
  }
  if (t.rows.length === 0) {
    doc.fontSize(size).fillColor('#888').text('（无数据）', MARGIN + 3, y + 3, { lineBreak: false });
    y += rowH;
  }
  doc.x = MARGIN;
  doc.y = y + 14;
}

export function packPdf(c: PackContent, meta: PackMeta, fontSpec: string): Promise<Buffer> {
  const font = resolveFont(fontSpec);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: c.title, Author: 'KCJR 科创金融服务平台', CreationDate: meta.generatedAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', font.file, font.family);
    doc.font('cjk');
  } catch (err) {
    throw new PackRenderError(`PDF font ${fontSpec} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }

  doc.fontSize(18).text(c.title, { align: 'center' });
  doc.moveDown(1);
  doc.fontSize(9.5);
  for (const [k, v] of packFacts(c, meta)) doc.fillColor('#555').text(`${k}：`, { continued: true }).fillColor('#000').text(v);
  doc.moveDown(1);
  heading(doc, '评述', 13);
  doc.fontSize(10.5);
  for (const l of c.commentary) doc.text(`• ${l.text}`, { paragraphGap: 4, indent: 0 });
  doc.moveDown(0.5);
  for (const s of c.sections) if (s.note) doc.fontSize(8.5).fillColor('#666').text(`注（${s.title}）：${s.note}`).fillColor('#000');

  const chartW = doc.page.width - 2 * MARGIN;
  const chartH = (doc.page.height - 2 * MARGIN - 30) / 2;
  c.charts.forEach((ch, i) => {
    if (i % 2 === 0) {
      newPage(doc, 'portrait');
      if (i === 0) heading(doc, '图表', 13);
    }
    const top = i % 2 === 0 ? MARGIN + 24 : MARGIN + 24 + chartH;
    drawChart(doc, ch, MARGIN, top, chartW, chartH - 10);
  });

  for (const s of c.sections) {
    newPage(doc, s.tables.some(isWide) ? 'landscape' : 'portrait');
    heading(doc, s.title, 13);
    s.tables.forEach((t) => drawTable(doc, t));
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(7.5).fillColor('#888').text(`${c.title} · 第 ${i + 1} / ${range.count} 页`, MARGIN, doc.page.height - 30, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
