import { Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n';

type Json = Record<string, unknown> | null;

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

/** Field-by-field before/after for one audit entry; unchanged fields are shown dimmed for context. */
export function diffRows(before: Json, after: Json): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return fields.map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) };
  });
}

export function JsonDiff({ before, after }: { before: Json; after: Json }) {
  const { t } = useI18n();
  const rows = diffRows(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.diff.none')}</Typography.Text>;
  const cell = (value: unknown, row: DiffRow, color: string) => (
    <pre
      style={{
        margin: 0,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        fontSize: 12,
        background: row.changed && value !== undefined ? color : undefined,
        opacity: row.changed ? 1 : 0.55,
      }}
    >
      {show(value)}
    </pre>
  );
  return (
    <Table<DiffRow>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      data-testid="audit-diff"
      columns={[
        {
          key: 'field',
          title: t('audit.diff.field'),
          dataIndex: 'field',
          width: 200,
          render: (v: string, row) => (row.changed ? <strong>{v}</strong> : v),
        },
        { key: 'before', title: t('audit.diff.before'), render: (_, row) => cell(row.before, row, '#fff1f0') },
        { key: 'after', title: t('audit.diff.after'), render: (_, row) => cell(row.after, row, '#f6ffed') },
      ]}
    />
  );
}
