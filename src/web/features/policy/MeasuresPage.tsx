import { Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import type { DocumentDescription, MeasureDescription, ParameterDescription } from '../../api/subsidy-types';
import { labelOr, useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { factLabel } from './FactFields';
import { ParameterValue } from './ParameterValue';
import { useMeasures } from './useMeasures';

/** 政策目录: the documents, their measures and every parameter with the value in force on a day. */
export function MeasuresPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const { data, error, loading, reload } = useMeasures(asOf);
  const parametersOf = (m: MeasureDescription) => (data?.parameters ?? []).filter((p) => p.measure === m.id);

  const documentColumns: ColumnsType<DocumentDescription> = [
    { key: 'docNumber', title: t('policy.doc.number'), dataIndex: 'docNumber', render: (v: string) => <strong>{v}</strong> },
    { key: 'title', title: t('policy.doc.title'), dataIndex: 'title' },
    { key: 'issuer', title: t('policy.doc.issuer'), dataIndex: 'issuer' },
    { key: 'issuedOn', title: t('policy.doc.issuedOn'), dataIndex: 'issuedOn' },
    { key: 'window', title: t('policy.doc.window'), render: (_, d) => `${d.window.from} ~ ${d.window.to}` },
    { key: 'registration', title: t('policy.doc.registration'), dataIndex: 'registration', render: (v: string) => labelOr(t, `policy.registration.${v}`, v) },
    { key: 'supersedes', title: t('policy.doc.supersedes'), dataIndex: 'supersedes', render: (v: string[]) => (v.length ? v.join('、') : '—') },
  ];

  const measureColumns: ColumnsType<MeasureDescription> = [
    { key: 'id', title: t('policy.measure.id'), dataIndex: 'id', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'title', title: t('policy.measure.title'), render: (_, m) => (language === 'en-US' ? m.titleEn : m.title) },
    { key: 'citation', title: t('policy.measure.citation'), dataIndex: 'citation' },
    { key: 'kind', title: t('policy.measure.kind'), dataIndex: 'kind', render: (v: string) => <Tag>{labelOr(t, `policy.kind.${v}`, v)}</Tag> },
    { key: 'beneficiary', title: t('policy.measure.beneficiary'), dataIndex: 'beneficiary', render: (v: string) => labelOr(t, `policy.beneficiary.${v}`, v) },
    { key: 'cap', title: t('policy.measure.cap'), render: (_, m) => (m.cap ? `${t(`policy.cap.${m.cap.kind}`)} · ${m.cap.clause}` : '—') },
    { key: 'group', title: t('policy.measure.group'), dataIndex: 'group', render: (v: string | null) => v ?? '—' },
  ];

  const parameterColumns: ColumnsType<ParameterDescription> = [
    { key: 'key', title: t('policy.param.key'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'label', title: t('policy.param.label'), render: (_, p) => (language === 'en-US' ? p.labelEn : p.label) },
    { key: 'value', title: t('policy.param.value'), render: (_, p) => <ParameterValue parameter={p} /> },
    { key: 'effectiveFrom', title: t('policy.param.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string | null) => v ?? '—' },
    { key: 'reference', title: t('policy.param.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
    {
      key: 'source',
      title: t('policy.param.source'),
      dataIndex: 'source',
      render: (v: string | null) => (v ? <Tag color={v === 'officer' ? 'purple' : 'default'}>{labelOr(t, `policy.source.${v}`, v)}</Tag> : '—'),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="measures-page">
      <Card
        title={t('policy.catalog.title')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('policy.catalog.asOf')}</Typography.Text>
            <Input
              type="date"
              value={data?.asOf ?? asOf ?? ''}
              data-testid="catalog-as-of"
              onChange={(e) => setParams(e.target.value ? { asOf: e.target.value } : {})}
            />
          </Space>
        }
      >
        <ErrorAlert error={error} onRetry={reload} />
        {data && (
          <Typography.Paragraph type="secondary">
            {t('policy.catalog.version', { version: data.version, count: data.measures.length })}
          </Typography.Paragraph>
        )}
        <Table<DocumentDescription>
          rowKey="id"
          size="small"
          pagination={false}
          loading={loading}
          columns={documentColumns}
          dataSource={data?.documents ?? []}
          data-testid="document-table"
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card title={t('policy.catalog.measures')}>
        <Table<MeasureDescription>
          rowKey="id"
          size="small"
          loading={loading}
          columns={measureColumns}
          dataSource={data?.measures ?? []}
          data-testid="measure-table"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (m) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {t('policy.measure.formula')}：<Typography.Text code>{m.formula}</Typography.Text>
                </Typography.Text>
                {m.conditions.length > 0 && (
                  <div>
                    {t('policy.measure.conditions')}：
                    {m.conditions.map((c) => (
                      <div key={c} style={{ paddingInlineStart: 16 }}>
                        {c}
                      </div>
                    ))}
                  </div>
                )}
                <div>
                  {t('policy.measure.facts')}：
                  {m.facts.map((f) => (
                    <Tag key={f.name}>
                      {factLabel(f, language)} · {f.name} · {labelOr(t, `policy.factType.${f.type}`, f.type)}
                    </Tag>
                  ))}
                </div>
                <Table<ParameterDescription>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  columns={parameterColumns}
                  dataSource={parametersOf(m)}
                  data-testid={`parameters-${m.id}`}
                />
              </Space>
            ),
          }}
        />
      </Card>
      <Card title={t('policy.catalog.groups')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data?.groups ?? []}
          columns={[
            { key: 'label', title: t('policy.group.label'), dataIndex: 'label' },
            { key: 'measures', title: t('policy.group.measures'), dataIndex: 'measures', render: (v: string[]) => v.join('、') },
            { key: 'clause', title: t('policy.group.clause'), dataIndex: 'clause' },
          ]}
        />
      </Card>
    </Space>
  );
}
