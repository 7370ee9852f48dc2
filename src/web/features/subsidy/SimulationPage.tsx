import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, InputNumber, Radio, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { subsidyApi } from '../../api/subsidy';
import { CLAIM_STATUSES, type BudgetsReply, type SimulationInput, type SimulationReply, type SubsidyClaimStatus } from '../../api/subsidy-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../components/errors';
import { formatWan, toWan } from '../../components/format';
import { currentYear } from '../policy/money';
import { ParameterValue } from '../policy/ParameterValue';
import { measureOptions, monetaryMeasures, useMeasures } from '../policy/useMeasures';
import { BarChart } from './BarChart';

interface Values {
  overlay: Array<{ key?: string; value?: number | string }>;
  over: 'claims' | 'scan';
  measure?: string;
  year?: number;
  statuses?: SubsidyClaimStatus[];
}

type Change = SimulationReply['changes'][number];

/**
 * 政策模拟: an officer edits parameters (an overlay that never leaves this request) and compares baseline and
 * scenario totals per measure, against the year's budgets, with the beneficiaries whose amounts change.
 */
export function SimulationPage() {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Values>();
  const measures = useMeasures();
  const parameters = measures.data?.parameters ?? [];
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  const overlay = Form.useWatch('overlay', form) ?? [];
  const over = Form.useWatch('over', form) ?? 'claims';
  const [reply, setReply] = useState<SimulationReply | null>(null);
  const [budgets, setBudgets] = useState<BudgetsReply | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(values: Values) {
    const parametersIn: Record<string, number | string> = {};
    for (const row of values.overlay ?? []) if (row.key && row.value !== undefined && row.value !== null) parametersIn[row.key] = row.value;
    const input: SimulationInput = {
      parameters: parametersIn,
      over:
        values.over === 'scan'
          ? { kind: 'scan', year: values.year ?? currentYear() }
          : {
              kind: 'claims',
              filter: {
                ...(values.measure ? { measure: values.measure } : {}),
                ...(values.year ? { year: values.year } : {}),
                ...(values.statuses?.length ? { statuses: values.statuses } : {}),
              },
            },
      limit: 200,
    };
    setBusy(true);
    setError(null);
    try {
      const [sim, budget] = await Promise.all([
        subsidyApi.simulate(input),
        values.year ? subsidyApi.budgets(values.year).catch(() => null) : Promise.resolve(null),
      ]);
      setReply(sim);
      setBudgets(budget);
    } catch (err) {
      setReply(null);
      setError(err);
      applyServerIssues(form, err);
    } finally {
      setBusy(false);
    }
  }

  const allocated = new Map((budgets?.items ?? []).map((b) => [b.measure, b.allocated]));
  const changeColumns: ColumnsType<Change> = [
    { key: 'name', title: t('claim.field.beneficiary'), dataIndex: 'name' },
    { key: 'uscc', title: t('claim.field.uscc'), dataIndex: 'uscc', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'baseline', title: t('sim.baseline'), dataIndex: 'baseline', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'scenario', title: t('sim.scenario'), dataIndex: 'scenario', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'delta', title: t('sim.delta'), dataIndex: 'delta', align: 'right', render: (v: number) => <Delta value={v} locale={language} /> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="simulation-page">
      <Card title={t('sim.title')}>
        <Typography.Paragraph type="secondary">{t('sim.intro')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={run} initialValues={{ overlay: [{}], over: 'claims', year: currentYear() }}>
          <Form.List name="overlay">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => {
                  const p = byKey.get(overlay[i]?.key ?? '');
                  return (
                    <Row key={field.key} gutter={12} align="middle">
                      <Col xs={24} md={9}>
                        <Form.Item name={[field.name, 'key']} label={i === 0 ? t('sim.parameter') : undefined} rules={[{ required: true, message: t('common.required') }]}>
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            data-testid={`sim-param-${i}`}
                            options={parameters.map((x) => ({ value: x.key, label: `${x.key} ${language === 'en-US' ? x.labelEn : x.label}` }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'value']} label={i === 0 ? t('sim.value') : undefined} extra={p ? t(`param.unitHint.${p.unit}`) : undefined} rules={[{ required: true, message: t('common.required') }]}>
                          <InputNumber min={0} style={{ width: '100%' }} data-testid={`sim-value-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} md={7}>
                        {p && (
                          <Typography.Text type="secondary">
                            {t('sim.current')} <ParameterValue parameter={p} />
                          </Typography.Text>
                        )}
                      </Col>
                      <Col xs={2} md={2}>
                        {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />}
                      </Col>
                    </Row>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                  {t('sim.addParameter')}
                </Button>
              </>
            )}
          </Form.List>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="over" label={t('sim.over')}>
                <Radio.Group
                  data-testid="sim-over"
                  options={[
                    { value: 'claims', label: t('sim.over.claims') },
                    { value: 'scan', label: t('sim.over.scan') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="year" label={t('claim.field.year')} rules={over === 'scan' ? [{ required: true, message: t('common.required') }] : []}>
                <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="sim-year" />
              </Form.Item>
            </Col>
            {over === 'claims' && (
              <>
                <Col xs={12} md={6}>
                  <Form.Item name="measure" label={t('claim.field.measure')}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} data-testid="sim-measure" options={measureOptions(monetaryMeasures(measures.data), language)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name="statuses" label={t('sim.statuses')} extra={t('sim.statusesHint')}>
                    <Select mode="multiple" allowClear options={CLAIM_STATUSES.filter((s) => s !== 'draft' && s !== 'withdrawn' && s !== 'rejected').map((s) => ({ value: s, label: t(`claim.status.${s}`) }))} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={busy} data-testid="sim-run">
            {t('sim.run')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={error ?? measures.error} />
      {reply && (
        <Card title={t('sim.result')} data-testid="sim-result">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Statistic title={t('sim.claims')} value={reply.claims} /></Col>
            <Col xs={12} md={6}><Statistic title={`${t('sim.baseline')}（${t('unit.wan')}）`} value={toWan(reply.totals.baseline) ?? 0} precision={2} /></Col>
            <Col xs={12} md={6}>
              <span data-testid="sim-total-scenario">
                <Statistic title={`${t('sim.scenario')}（${t('unit.wan')}）`} value={toWan(reply.totals.scenario) ?? 0} precision={2} />
              </span>
            </Col>
            <Col xs={12} md={6}>
              <span data-testid="sim-total-delta">
                <Statistic
                  title={`${t('sim.delta')}（${t('unit.wan')}）`}
                  value={toWan(reply.totals.delta) ?? 0}
                  precision={2}
                  styles={{ content: { color: reply.totals.delta > 0 ? '#cf1322' : reply.totals.delta < 0 ? '#389e0d' : undefined } }}
                  prefix={reply.totals.delta > 0 ? '+' : ''}
                />
              </span>
            </Col>
          </Row>
          {reply.byMeasure.length > 0 && (
            <BarChart
              testId="sim-chart"
              unit={t('unit.wan')}
              categories={reply.byMeasure.map((m) => m.measure)}
              series={[
                { name: t('sim.baseline'), data: reply.byMeasure.map((m) => toWan(m.baseline)), color: '#9aa5b1' },
                { name: t('sim.scenario'), data: reply.byMeasure.map((m) => toWan(m.scenario)), color: '#1456c8' },
                ...(budgets
                  ? [{ name: t('budget.allocated'), type: 'line' as const, data: reply.byMeasure.map((m) => toWan(allocated.get(m.measure) ?? null)), color: '#e8862a' }]
                  : []),
              ]}
            />
          )}
          <Table
            rowKey="measure"
            size="small"
            pagination={false}
            data-testid="sim-by-measure"
            dataSource={reply.byMeasure}
            style={{ marginTop: 16 }}
            columns={[
              { key: 'measure', title: t('claim.field.measure'), render: (_, m) => `${m.measure} ${m.title}` },
              { key: 'claims', title: t('sim.claims'), dataIndex: 'claims' },
              { key: 'granted', title: t('sim.granted'), render: (_, m) => `${m.baselineGranted} → ${m.scenarioGranted}` },
              { key: 'baseline', title: t('sim.baseline'), dataIndex: 'baseline', align: 'right', render: (v: number) => formatWan(v, language) },
              { key: 'scenario', title: t('sim.scenario'), dataIndex: 'scenario', align: 'right', render: (v: number) => <span data-testid="sim-measure-scenario">{formatWan(v, language)}</span> },
              { key: 'delta', title: t('sim.delta'), dataIndex: 'delta', align: 'right', render: (v: number) => <Delta value={v} locale={language} /> },
              ...(budgets ? [{ key: 'budget', title: t('budget.allocated'), align: 'right' as const, render: (_: unknown, m: { measure: string }) => formatWan(allocated.get(m.measure) ?? null, language) }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('sim.changes', { count: reply.changedBeneficiaries })}
          </Typography.Title>
          <Table<Change>
            rowKey="uscc"
            size="small"
            data-testid="sim-changes"
            dataSource={reply.changes}
            columns={changeColumns}
            expandable={{
              expandedRowRender: (c) => (
                <Table
                  rowKey="ref"
                  size="small"
                  pagination={false}
                  dataSource={c.claims}
                  columns={[
                    { key: 'ref', title: t('sim.ref'), dataIndex: 'ref' },
                    { key: 'measure', title: t('claim.field.measure'), dataIndex: 'measure' },
                    { key: 'status', title: t('claim.field.status'), render: (_, x) => `${x.baselineStatus} → ${x.scenarioStatus}` },
                    { key: 'amount', title: t('claim.field.amountWan'), render: (_, x) => `${formatWan(x.baseline, language)} → ${formatWan(x.scenario, language)}` },
                  ]}
                />
              ),
            }}
          />
        </Card>
      )}
    </Space>
  );
}

function Delta({ value, locale }: { value: number; locale: string }) {
  const color = value > 0 ? '#cf1322' : value < 0 ? '#389e0d' : undefined;
  return <span style={{ color }}>{value > 0 ? '+' : ''}{formatWan(value, locale)}</span>;
}
