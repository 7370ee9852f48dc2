import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { reportPackApi, type PackBasis, type PackKind, type PackStatus, type ReportPack } from '../../api/report';
import { useAuth } from '../../app/auth';
import { useI18n, type Translate } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';

const STATUS_COLOR: Record<PackStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
/** While a pack is queued or generating, the list is read again this often. */
const POLL_MS = 2000;

const periodLabel = (t: Translate, p: Pick<ReportPack, 'kind' | 'period'>) =>
  p.kind === 'monthly' ? t('packs.label.monthly', { year: p.period.slice(0, 4), month: Number(p.period.slice(5, 7)) }) : t('packs.label.annual', { year: p.period });

const lastMonth = () => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

interface RequestForm {
  kind: PackKind;
  month?: string;
  year?: number;
  basis: PackBasis;
}

/** 报告归档: monthly and annual report packs, their status while a worker generates them, and their files. */
export function ReportPacksPage() {
  const { t, language } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const kind = (params.get('kind') ?? undefined) as PackKind | undefined;
  const { data, error, loading, reload } = useApi((signal) => reportPackApi.list({ page, pageSize: 20, kind }, signal), `${page}|${kind ?? ''}`);
  const [open, setOpen] = useState(false);
  const pending = (data?.items ?? []).some((p) => p.status === 'queued' || p.status === 'running');

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, data, reload]);

  const setQuery = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  };

  const columns: ColumnsType<ReportPack> = [
    { key: 'period', title: t('packs.col.period'), render: (_, p) => periodLabel(t, p) },
    { key: 'kind', title: t('packs.col.kind'), render: (_, p) => t(`packs.kind.${p.kind}`) },
    { key: 'basis', title: t('packs.col.basis'), render: (_, p) => t(`packs.basis.${p.basis}`) },
    {
      key: 'status',
      title: t('packs.col.status'),
      render: (_, p) => {
        const tag = <Tag color={STATUS_COLOR[p.status]} data-testid="pack-status">{t(`packs.status.${p.status}`)}</Tag>;
        return p.error ? <Tooltip title={p.error}>{tag}</Tooltip> : tag;
      },
    },
    {
      key: 'requested',
      title: t('packs.col.requested'),
      render: (_, p) => (
        <span>
          {p.requestedBy.name}
          <br />
          <Typography.Text type="secondary">{formatDateTime(p.requestedAt, language)}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'generated',
      title: t('packs.col.generated'),
      render: (_, p) =>
        p.generatedAt ? (
          <span>
            <Typography.Text code>{p.generatedBy}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{formatDateTime(p.generatedAt, language)}</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'files',
      title: t('packs.col.files'),
      render: (_, p) =>
        p.status === 'done' ? (
          <Space>
            {(['xlsx', 'pdf'] as const).map((format) => (
              <Button key={format} size="small" icon={<DownloadOutlined />} href={reportPackApi.fileUrl(p.id, format)} data-testid={`pack-download-${format}`}>
                {format.toUpperCase()}
              </Button>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const details = (p: ReportPack) => (
    <div data-testid="pack-details">
      {p.error ? <Alert type="error" showIcon message={t('packs.error')} description={p.error} style={{ marginBottom: 8 }} /> : null}
      {p.commentary?.length ? (
        <>
          <Typography.Text strong>{t('packs.commentary')}</Typography.Text>
          <ul style={{ marginTop: 4 }}>
            {p.commentary.map((l) => (
              <li key={l.topic}>{l.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.sources ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('packs.sources')}：
          {[p.sources.current, p.sources.previous]
            .map((s) => `${t('packs.source', { asOf: s.asOf, version: s.version })}${s.restated ? t('packs.source.restated') : ''}${s.computed ? t('packs.source.computed') : ''}`)
            .join('；')}
          {p.sources.trendMissing.length ? `；${t('packs.trendMissing', { months: p.sources.trendMissing.join('、') })}` : ''}
        </Typography.Paragraph>
      ) : null}
    </div>
  );

  return (
    <Card
      title={t('nav.reportPacks')}
      data-testid="report-packs-page"
      extra={
        can(user ?? null, 'report.packsRequest') ? (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setOpen(true)} data-testid="pack-generate">
            {t('packs.generate')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('packs.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Select<PackKind | ''>
          style={{ width: 140 }}
          value={kind ?? ''}
          onChange={(v) => setQuery({ kind: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('packs.filter.kind') },
            { value: 'monthly', label: t('packs.kind.monthly') },
            { value: 'annual', label: t('packs.kind.annual') },
          ]}
          data-testid="packs-filter-kind"
        />
        {pending ? <Typography.Text type="secondary" data-testid="packs-polling">{t('packs.polling')}</Typography.Text> : null}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ReportPack>
        rowKey="id"
        size="small"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        columns={columns}
        expandable={{ expandedRowRender: details, rowExpandable: (p) => !!(p.commentary?.length || p.error || p.sources) }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: (n) => setQuery({ page: String(n) }) }}
        data-testid="packs-table"
      />
      <ModalForm<RequestForm>
        open={open}
        title={t('packs.generateTitle')}
        okText={t('packs.generate')}
        testId="pack-form"
        initialValues={{ kind: 'monthly', month: lastMonth(), year: new Date().getFullYear() - 1, basis: 'reported' }}
        onCancel={() => setOpen(false)}
        onSubmit={async (v) => {
          await reportPackApi.request({ kind: v.kind, period: v.kind === 'monthly' ? (v.month ?? '') : String(v.year ?? ''), basis: v.basis });
          setOpen(false);
          message.success(t('packs.requested'));
          if (page !== 1) setQuery({ page: undefined });
          else reload();
        }}
      >
        {(form) => (
          <>
            <Form.Item name="kind" label={t('packs.kind')}>
              <Select<PackKind>
                options={[{ value: 'monthly', label: t('packs.kind.monthly') }, { value: 'annual', label: t('packs.kind.annual') }]}
                data-testid="pack-kind"
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
              {() =>
                form.getFieldValue('kind') === 'annual' ? (
                  <Form.Item name="year" label={t('packs.period.annual')} rules={[{ required: true, message: t('packs.period.required') }]}>
                    <InputNumber min={2000} max={2200} style={{ width: '100%' }} data-testid="pack-year" />
                  </Form.Item>
                ) : (
                  <Form.Item name="month" label={t('packs.period.monthly')} rules={[{ required: true, message: t('packs.period.required') }]}>
                    <Input type="month" data-testid="pack-month" />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item name="basis" label={t('packs.basis')}>
              <Select<PackBasis>
                options={[{ value: 'reported', label: t('packs.basis.reported') }, { value: 'latest', label: t('packs.basis.latest') }]}
                data-testid="pack-basis"
              />
            </Form.Item>
          </>
        )}
      </ModalForm>
    </Card>
  );
}
