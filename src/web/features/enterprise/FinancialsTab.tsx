import { Button, Col, Empty, Form, InputNumber, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useState } from 'react';
import { Spin } from 'antd';
import { enterpriseApi } from '../../api/endpoints';
import { FINANCIAL_FIELDS, type FinancialField, type FinancialYear } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { formatCount, formatWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';

// ECharts is the heaviest dependency; it loads only when someone opens this tab.
const FinancialChart = lazy(() => import('./FinancialChart'));

const COUNT_FIELDS: readonly FinancialField[] = ['employees', 'rdStaff'];

interface Props {
  enterpriseId: string;
  financials: FinancialYear[];
  editable: boolean;
  onChanged(): void;
}

type FinancialForm = { year: number } & Partial<Record<FinancialField, number | null>>;

export function FinancialsTab({ enterpriseId, financials, editable, onChanged }: Props) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState<FinancialForm | null>(null);
  const rows = [...financials].sort((a, b) => b.year - a.year);

  const columns: ColumnsType<FinancialYear> = [
    { key: 'year', title: t('fin.field.year'), dataIndex: 'year', fixed: 'left' },
    ...FINANCIAL_FIELDS.map((field) => ({
      key: field,
      title: t(`fin.field.${field}`),
      dataIndex: field,
      align: 'right' as const,
      render: (v: number | null) => (COUNT_FIELDS.includes(field) ? formatCount(v, language) : formatWan(v, language)),
    })),
  ];
  if (editable) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, row) => (
        <Button size="small" type="link" onClick={() => setEditing({ ...row })}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <div data-testid="financials-tab">
      {rows.length > 0 ? (
        <Suspense fallback={<Spin />}>
          <Typography.Title level={5}>{t('fin.chart.title')}</Typography.Title>
          <FinancialChart financials={financials} />
        </Suspense>
      ) : (
        <Empty description={t('common.empty')} />
      )}
      <Space style={{ margin: '16px 0', justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('fin.unit')}</Typography.Text>
        {editable && (
          <Button
            onClick={() => setEditing({ year: (rows[0]?.year ?? new Date().getFullYear() - 1) + 1 })}
            data-testid="financials-add"
          >
            {t('fin.edit')}
          </Button>
        )}
      </Space>
      <Table<FinancialYear>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="financials-table"
      />
      <ModalForm<FinancialForm>
        open={editing !== null}
        title={t('fin.edit')}
        width={720}
        initialValues={editing ?? undefined}
        onCancel={() => setEditing(null)}
        onSubmit={async ({ year, ...values }) => {
          const body: Partial<Record<FinancialField, number | null>> = {};
          for (const field of FINANCIAL_FIELDS) body[field] = values[field] ?? null;
          await enterpriseApi.putFinancials(enterpriseId, year, body);
          setEditing(null);
          onChanged();
        }}
      >
        <Typography.Paragraph type="secondary">{t('fin.yuanHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="year" label={t('fin.field.year')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1980} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {FINANCIAL_FIELDS.map((field) => (
            <Col span={12} key={field}>
              <Form.Item name={field} label={t(`fin.field.${field}`)}>
                <InputNumber
                  style={{ width: '100%' }}
                  precision={COUNT_FIELDS.includes(field) ? 0 : 2}
                  min={COUNT_FIELDS.includes(field) ? 0 : undefined}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </ModalForm>
    </div>
  );
}
