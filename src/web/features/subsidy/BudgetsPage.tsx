import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space, Statistic, Table, Typography, message, Row, Col } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { subsidyApi } from '../../api/subsidy';
import type { BudgetRow } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan, toWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { currentYear } from '../policy/money';
import { measureOptions, monetaryMeasures, useMeasures } from '../policy/useMeasures';
import { BarChart } from './BarChart';

interface AllocationValues {
  measure: string;
  allocated: number;
  reason?: string;
}

/** 预算: per measure and year, allocated vs committed (determined, in notice, approved) vs paid vs remaining. */
export function BudgetsPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const staff = can(user, 'subsidy.staff');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const { data, error, loading, reload } = useApi((signal) => subsidyApi.budgets(year, signal), `budgets:${year}`);
  const measures = useMeasures();
  const [editing, setEditing] = useState<Partial<AllocationValues> | null>(null);

  const columns: ColumnsType<BudgetRow> = [
    { key: 'measure', title: t('claim.field.measure'), dataIndex: 'measure', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'title', title: t('policy.measure.title'), dataIndex: 'title' },
    { key: 'allocated', title: t('budget.allocated'), dataIndex: 'allocated', align: 'right', render: (v: number | null) => formatWan(v, language) },
    { key: 'committed', title: t('budget.committed'), dataIndex: 'committed', align: 'right', render: (v: number) => <span data-testid="budget-committed">{formatWan(v, language)}</span> },
    { key: 'paid', title: t('budget.paid'), dataIndex: 'paid', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'remaining', title: t('budget.remaining'), dataIndex: 'remaining', align: 'right', render: (v: number | null) => formatWan(v, language) },
    ...(staff
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, r: BudgetRow) => (
              <Button size="small" icon={<EditOutlined />} data-testid="budget-edit" onClick={() => setEditing({ measure: r.measure, allocated: r.allocated ?? undefined })}>
                {t('budget.setAllocation')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const items = data?.items ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="budgets-page">
      <Card
        title={t('budget.title')}
        extra={
          <Space>
            <InputNumber
              min={2000}
              max={2100}
              value={year}
              data-testid="budget-year"
              onChange={(v) => v && setParams({ year: String(v) })}
              prefix={t('claim.field.year')}
            />
            {staff && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="budget-add" onClick={() => setEditing({})}>
                {t('budget.setAllocation')}
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={error} onRetry={reload} />
        {data && (
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(['allocated', 'committed', 'paid', 'remaining'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Statistic title={`${t(`budget.${k}`)}（${t('unit.wan')}）`} value={toWan(data.totals[k]) ?? 0} precision={2} data-testid={`budget-total-${k}`} />
              </Col>
            ))}
          </Row>
        )}
        {items.length > 0 && (
          <BarChart
            testId="budget-chart"
            unit={t('unit.wan')}
            categories={items.map((r) => r.measure)}
            series={[
              { name: t('budget.allocated'), data: items.map((r) => toWan(r.allocated)), color: '#1456c8' },
              { name: t('budget.committed'), data: items.map((r) => toWan(r.committed)), color: '#e8862a' },
              { name: t('budget.paid'), data: items.map((r) => toWan(r.paid)), color: '#36a3a0' },
              { name: t('budget.remaining'), data: items.map((r) => toWan(r.remaining)), color: '#9aa5b1' },
            ]}
          />
        )}
      </Card>
      <Card>
        <Table<BudgetRow>
          rowKey="measure"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={items}
          data-testid="budget-table"
          pagination={false}
          locale={{ emptyText: t('budget.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <ModalForm<AllocationValues>
        open={!!editing}
        testId="budget-modal"
        title={t('budget.setAllocationFor', { year })}
        initialValues={editing ?? {}}
        onCancel={() => setEditing(null)}
        onSubmit={async (values) => {
          await subsidyApi.setBudget(values.measure, year, { allocated: values.allocated, ...(values.reason ? { reason: values.reason } : {}) });
          message.success(t('common.saved'));
          setEditing(null);
          reload();
        }}
      >
        <Form.Item name="measure" label={t('claim.field.measure')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!editing?.measure}
            data-testid="budget-measure"
            options={measureOptions(monetaryMeasures(measures.data), language)}
          />
        </Form.Item>
        <Form.Item name="allocated" label={t('budget.allocatedYuan')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="budget-allocated" />
        </Form.Item>
        <Form.Item name="reason" label={t('claim.field.reason')}>
          <Input data-testid="budget-reason" />
        </Form.Item>
      </ModalForm>
    </Space>
  );
}
