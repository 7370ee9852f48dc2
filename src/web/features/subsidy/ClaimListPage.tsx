import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { claimApi } from '../../api/subsidy';
import { CLAIM_STATUSES, type ClaimQuery, type ClaimSummary } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterButtons } from '../../components/FilterButtons';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { measureOptions, monetaryMeasures, useMeasures } from '../policy/useMeasures';
import { ClaimStatusTag } from './ClaimStatusTag';

const FILTERS = ['status', 'measure', 'year', 'origin', 'q'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

function queryFrom(params: URLSearchParams): ClaimQuery {
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  return {
    status: params.get('status') ?? undefined,
    measure: params.get('measure') ?? undefined,
    year: num('year'),
    origin: params.get('origin') ?? undefined,
    enterpriseId: params.get('enterpriseId') ?? undefined,
    q: params.get('q') ?? undefined,
    page: num('page') ?? 1,
    pageSize: num('pageSize') ?? 20,
  };
}

function paramsFrom(query: Record<string, string | number | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== null) out.set(k, String(v));
  return out;
}

/**
 * 政策兑现: claims with filters in the URL. Claimants see their own (the server scopes) and create new ones;
 * office staff reach one enterprise's claims from a claim page (`?enterpriseId=`).
 */
export function ClaimListPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const claimant = user.role === 'enterprise_user' || user.role === 'institution_user';
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const [form] = Form.useForm<Filters>();
  const measures = useMeasures();
  const { data, error, loading, reload } = useApi((signal) => claimApi.list(query, signal), params.toString());

  useEffect(() => {
    const values: Filters = {};
    for (const key of FILTERS) values[key] = params.get(key) ?? undefined;
    form.setFieldsValue({ ...values, year: values.year ? (Number(values.year) as never) : undefined });
  }, [params, form]);

  const columns: ColumnsType<ClaimSummary> = [
    {
      key: 'number',
      title: t('claim.field.number'),
      dataIndex: 'number',
      render: (v: string, c) => (
        <Link to={`/subsidy/claims/${c.id}`} data-testid="claim-link">
          {v}
        </Link>
      ),
    },
    { key: 'measure', title: t('claim.field.measure'), dataIndex: 'measure', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'beneficiary', title: t('claim.field.beneficiary'), render: (_, c) => c.beneficiary.name },
    { key: 'eventDate', title: t('claim.field.eventDate'), dataIndex: 'eventDate' },
    { key: 'status', title: t('claim.field.status'), dataIndex: 'status', render: (v: ClaimSummary['status']) => <ClaimStatusTag status={v} /> },
    {
      key: 'origin',
      title: t('claim.field.origin'),
      dataIndex: 'origin',
      render: (v: ClaimSummary['origin']) => <Tag color={v === 'proactive' ? 'magenta' : undefined}>{t(`claim.origin.${v}`)}</Tag>,
    },
    { key: 'amount', title: t('claim.field.amountWan'), dataIndex: 'amount', align: 'right', render: (v: number | null) => formatWan(v, language) },
    { key: 'noticeTo', title: t('claim.field.noticeTo'), dataIndex: 'noticeTo', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      title={t('claim.list.title')}
      data-testid="claim-list-page"
      extra={
        claimant && (
          <Link to="/subsidy/claims/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="claim-new">
              {t('claim.new')}
            </Button>
          </Link>
        )
      }
    >
      <Form
        form={form}
        data-testid="claim-filters"
        onFinish={(values: Filters) => setParams(paramsFrom({ ...values, enterpriseId: query.enterpriseId, page: 1, pageSize: query.pageSize }))}
      >
        <Row gutter={[12, 0]}>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="q">
              <Input allowClear placeholder={t('claim.filter.q')} data-testid="claim-filter-q" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={5}>
            <Form.Item name="status">
              <Select
                allowClear
                placeholder={t('claim.field.status')}
                data-testid="claim-filter-status"
                options={CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claim.status.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="measure">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('claim.field.measure')}
                data-testid="claim-filter-measure"
                options={measureOptions(monetaryMeasures(measures.data), language)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} lg={3}>
            <Form.Item name="year">
              <InputNumber placeholder={t('claim.field.year')} min={2000} max={2100} style={{ width: '100%' }} data-testid="claim-filter-year" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} lg={4}>
            <Form.Item name="origin">
              <Select
                allowClear
                placeholder={t('claim.field.origin')}
                options={(['application', 'proactive'] as const).map((o) => ({ value: o, label: t(`claim.origin.${o}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ marginBottom: 16 }} wrap>
          {query.enterpriseId && (
            <Tag
              closable
              color="blue"
              data-testid="claim-filter-enterprise"
              onClose={() => setParams(paramsFrom({ ...Object.fromEntries(params), enterpriseId: undefined, page: 1 }))}
            >
              {t('claim.field.beneficiary')}: {data?.items[0]?.beneficiary.name ?? '…'}
            </Tag>
          )}
          <FilterButtons
            submitTestId="claim-filter-submit"
            onReset={() => {
              form.resetFields();
              setParams(new URLSearchParams());
            }}
          />
        </Space>
      </Form>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ClaimSummary>
        rowKey="id"
        size="middle"
        data-testid="claim-table"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onChange={(p: TablePaginationConfig) =>
          setParams(paramsFrom({ ...Object.fromEntries(params), page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))
        }
        pagination={{
          current: data?.page ?? query.page,
          pageSize: data?.pageSize ?? query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => <span data-testid="claim-total">{t('common.total', { total })}</span>,
        }}
      />
    </Card>
  );
}
