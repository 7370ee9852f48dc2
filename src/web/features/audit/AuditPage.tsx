import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { auditApi } from '../../api/endpoints';
import type { AuditEntry, AuditQuery, AuditVerification } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterButtons } from '../../components/FilterButtons';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { JsonDiff } from './JsonDiff';

const FILTERS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
const DEFAULT_PAGE_SIZE = 20;

function queryFrom(params: URLSearchParams): AuditQuery {
  const query: AuditQuery = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  query.page = Math.max(1, Number(params.get('page')) || 1);
  query.pageSize = Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE);
  return query;
}

function paramsFrom(query: AuditQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  return params;
}

export function AuditPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const [form] = Form.useForm<Filters>();
  const { data, error, loading, reload } = useApi((signal) => auditApi.list(query, signal), params.toString());
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    const values: Filters = {};
    for (const key of FILTERS) values[key] = params.get(key) ?? undefined;
    form.setFieldsValue(values);
  }, [params, form]);

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await auditApi.verify());
    } catch (err) {
      setVerification(null);
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  }

  const columns: ColumnsType<AuditEntry> = [
    { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 80 },
    {
      key: 'at',
      title: t('audit.col.at'),
      dataIndex: 'at',
      render: (v: string) => formatDateTime(v, language),
    },
    {
      key: 'actor',
      title: t('audit.col.actor'),
      dataIndex: 'actor',
      render: (actor: AuditEntry['actor']) => actor?.username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      key: 'action',
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      key: 'entity',
      title: t('audit.col.entity'),
      render: (_, e) => (
        <span>
          {e.entityType} <Typography.Text type="secondary" copyable={{ text: e.entityId }}>{e.entityId}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'requestId',
      title: t('audit.col.requestId'),
      dataIndex: 'requestId',
      render: (v: string | null) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v ?? '—'}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={verifying} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {verification && (
        <Alert
          showIcon
          closable
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
          type={verification.ok ? 'success' : 'error'}
          title={
            verification.ok || !verification.firstBroken
              ? t('audit.verify.ok', { checked: verification.checked })
              : t('audit.verify.broken', {
                  seq: verification.firstBroken.seq,
                  reason: verification.firstBroken.reason,
                  checked: verification.checked,
                })
          }
          onClose={() => setVerification(null)}
        />
      )}
      <ErrorAlert error={verifyError} />
      <Form form={form} onFinish={(values) => setParams(paramsFrom({ ...values, page: 1, pageSize: query.pageSize }))}>
        <Row gutter={[12, 0]}>
          <Col xs={24} md={8}>
            <Form.Item name="actor">
              <Input allowClear placeholder={t('audit.filter.actor')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="action">
              <Input allowClear placeholder={t('audit.filter.action')} data-testid="audit-filter-action" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="entityType">
              <Input allowClear placeholder={t('audit.filter.entityType')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="entityId">
              <Input allowClear placeholder={t('audit.filter.entityId')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="from" label={t('audit.filter.from')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="to" label={t('audit.filter.to')}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ marginBottom: 16 }}>
          <FilterButtons
            submitTestId="audit-filter-submit"
            onReset={() => {
              form.resetFields();
              setParams(new URLSearchParams());
            }}
          />
        </Space>
      </Form>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        data-testid="audit-table"
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (e) => <JsonDiff before={e.diff.before} after={e.diff.after} /> }}
        onChange={(pagination) =>
          setParams(paramsFrom({ ...query, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize }))
        }
        pagination={{
          current: data?.page ?? query.page,
          pageSize: data?.pageSize ?? query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </Card>
  );
}
