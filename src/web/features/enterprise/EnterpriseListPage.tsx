import { DownloadOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { enterpriseApi } from '../../api/endpoints';
import { CERTIFICATION_TYPES, SECTORS, SHANGHAI_DISTRICTS, type EnterpriseSummary } from '../../api/types';
import { useAuth } from '../../app/auth';
import { labelOr, useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { DemoTag } from '../../components/DemoBanner';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterButtons } from '../../components/FilterButtons';
import { orDash } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FILTER_KEYS, paramsFromQuery, parseSort, queryFromParams, type Filters } from './query';

function DateLabel({ text }: { text: string }) {
  return <Typography.Text type="secondary">{text}</Typography.Text>;
}

export function EnterpriseListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const [form] = Form.useForm<Filters>();
  const { data, error, loading, reload } = useApi(
    (signal) => enterpriseApi.list(query, signal),
    params.toString(),
  );

  // Back/forward or a pasted URL changes the query: keep the inputs in step.
  useEffect(() => {
    const values: Filters = {};
    for (const key of FILTER_KEYS) values[key] = params.get(key) ?? undefined;
    form.setFieldsValue(values);
  }, [params, form]);

  function applyFilters(values: Filters) {
    setParams(paramsFromQuery({ ...values, sort: query.sort, page: 1, pageSize: query.pageSize }));
  }

  function onTableChange(
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<EnterpriseSummary> | SorterResult<EnterpriseSummary>[],
  ) {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.order ? String(single.columnKey ?? single.field) : undefined;
    const sort = field ? (single?.order === 'descend' ? `-${field}` : field) : undefined;
    const sortChanged = sort !== query.sort;
    setParams(
      paramsFromQuery({
        ...query,
        sort,
        page: sortChanged ? 1 : (pagination.current ?? 1),
        pageSize: pagination.pageSize ?? query.pageSize,
      }),
    );
  }

  const sort = parseSort(query.sort);
  const sortOrderOf = (key: string) => (sort?.field === key ? sort.order : null);

  const columns: ColumnsType<EnterpriseSummary> = [
    {
      key: 'name',
      title: t('enterprise.field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (_, e) => (
        <span>
          <Link to={`/enterprises/${e.id}`} data-testid="enterprise-link">
            {e.name}
          </Link>
          <DemoTag demo={e.demo} />
        </span>
      ),
    },
    {
      key: 'uscc',
      title: t('enterprise.field.uscc'),
      dataIndex: 'uscc',
      sorter: true,
      sortOrder: sortOrderOf('uscc'),
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      key: 'sector',
      title: t('enterprise.field.sector'),
      dataIndex: 'sector',
      render: (v: string) => labelOr(t, `sector.${v}`, v),
    },
    {
      key: 'district',
      title: t('enterprise.field.district'),
      render: (_, e) => [e.district, e.street].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'foundedOn',
      title: t('enterprise.field.foundedOn'),
      dataIndex: 'foundedOn',
      sorter: true,
      sortOrder: sortOrderOf('foundedOn'),
      render: (v: string | null) => orDash(v),
    },
    {
      key: 'certifications',
      title: t('enterprise.field.certifications'),
      dataIndex: 'certifications',
      render: (certs: string[]) =>
        certs.length === 0
          ? '—'
          : certs.map((c) => (
              <Tag key={c} color="blue">
                {labelOr(t, `cert.${c}`, c)}
              </Tag>
            )),
    },
    {
      key: 'listingStatus',
      title: t('enterprise.field.listingStatus'),
      dataIndex: 'listingStatus',
      render: (v: string) => labelOr(t, `listing.${v}`, v),
    },
    ...(query.evaluation
      ? [{
          key: 'evaluation',
          title: t('evaluation.column'),
          render: (_: unknown, e: EnterpriseSummary) =>
            e.evaluation ? (
              <span data-testid="evaluation-cell">
                {e.evaluation.year} · {e.evaluation.score ?? '—'}{' '}
                {e.evaluation.eligible !== null && <Tag color={e.evaluation.eligible ? 'green' : 'red'}>{t(`evaluation.eligible.${String(e.evaluation.eligible)}` as 'evaluation.eligible.true')}</Tag>}
              </span>
            ) : '—',
        }]
      : []),
  ];
  const evaluationFilters = user && user.role !== 'institution_user';

  return (
    <Card
      title={t('enterprise.list.title')}
      extra={
        <Space>
          {can(user ?? null, 'enterprise.create') && (
            <Link to="/enterprises/new">
              <Button type="primary">{t('nav.createEnterprise')}</Button>
            </Link>
          )}
          <Button icon={<DownloadOutlined />} href={enterpriseApi.exportUrl('csv', query)} data-testid="export-csv">
            {t('enterprise.export.csv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={enterpriseApi.exportUrl('xlsx', query)} data-testid="export-xlsx">
            {t('enterprise.export.xlsx')}
          </Button>
        </Space>
      }
    >
      <Form form={form} onFinish={applyFilters} data-testid="enterprise-filters">
        <Row gutter={[12, 0]}>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="q">
              <Input allowClear placeholder={t('enterprise.filter.q')} data-testid="filter-q" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="uscc">
              <Input allowClear placeholder={t('enterprise.field.uscc')} data-testid="filter-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="sector">
              <Select
                allowClear
                placeholder={t('enterprise.filter.sector')}
                data-testid="filter-sector"
                options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="district">
              <Select
                allowClear
                showSearch
                placeholder={t('enterprise.field.district')}
                data-testid="filter-district"
                options={SHANGHAI_DISTRICTS.map((d) => ({ value: d, label: d }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="certification">
              <AutoComplete
                allowClear
                placeholder={t('enterprise.filter.certification')}
                data-testid="filter-certification"
                options={CERTIFICATION_TYPES.map((c) => ({ value: c, label: t(`cert.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="foundedFrom">
              <Input
                type="date"
                prefix={<DateLabel text={t('enterprise.filter.foundedFrom')} />}
                data-testid="filter-founded-from"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="foundedTo">
              <Input
                type="date"
                prefix={<DateLabel text={t('enterprise.filter.foundedTo')} />}
                data-testid="filter-founded-to"
              />
            </Form.Item>
          </Col>
          {evaluationFilters && (
            <>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="evaluation">
                  <Select allowClear placeholder={t('evaluation.filter.kind')} data-testid="filter-evaluation"
                    options={(['tech_sme', 'hnte', 'innovation_points', 'listing_readiness'] as const).map((k) => ({ value: k, label: t(`evaluation.kind.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="minScore">
                  <Input type="number" min={0} placeholder={t('evaluation.filter.minScore')} data-testid="filter-min-score" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="eligible">
                  <Select allowClear placeholder={t('evaluation.filter.eligible')} data-testid="filter-eligible"
                    options={[{ value: 'true', label: t('evaluation.eligible.true') }, { value: 'false', label: t('evaluation.eligible.false') }]} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Form.Item name="stage">
                  <Select allowClear placeholder={t('evaluation.filter.stage')} data-testid="filter-stage"
                    options={(['startup', 'growth', 'mature'] as const).map((k) => ({ value: k, label: t(`evaluation.stage.${k}`) }))} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Space style={{ marginBottom: 16 }}>
          <FilterButtons
            submitTestId="filter-submit"
            onReset={() => {
              form.resetFields();
              setParams(new URLSearchParams());
            }}
          />
        </Space>
      </Form>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<EnterpriseSummary>
        rowKey="id"
        size="middle"
        data-testid="enterprise-table"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: data?.page ?? query.page,
          pageSize: data?.pageSize ?? query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => <span data-testid="enterprise-total">{t('common.total', { total })}</span>,
        }}
      />
    </Card>
  );
}
