import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { enterpriseApi } from '../../api/endpoints';
import { policyApi } from '../../api/subsidy';
import type { ApiIssue } from '../../api/client';
import type { BeneficiaryKind, EvaluationRequest, EvaluationResponse, FactValue } from '../../api/subsidy-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../components/errors';
import { cleanFacts, FactFields, MeasureFacts } from './FactFields';
import { formatYuanExact, todayInShanghai } from './money';
import { ResultExplanation } from './ResultExplanation';
import { measureOptions, monetaryMeasures, useMeasures } from './useMeasures';

const KINDS: BeneficiaryKind[] = ['enterprise', 'incubator', 'institution', 'bank', 'guarantor', 'insurer', 'fund'];

interface ClaimValues {
  measure?: string;
  eventDate?: string;
  matter?: string;
  facts?: Record<string, unknown>;
}

interface Values {
  beneficiary: { uscc: string; kind: BeneficiaryKind; registeredInYangpu: boolean; registeredInShanghai: boolean };
  claims: ClaimValues[];
  granted?: Array<{ measure?: string; year?: number; amount?: number; matter?: string }>;
}

/**
 * 政策测算: an officer tries a beneficiary's claims against the ruleset in force and reads each result with
 * its explanation and trace. Nothing is stored; the same contract as `kcjr policy evaluate`.
 */
export function CalculatorPage() {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Values>();
  const measures = useMeasures();
  const monetary = monetaryMeasures(measures.data);
  const byId = new Map(monetary.map((m) => [m.id, m]));
  const [result, setResult] = useState<EvaluationResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [enterpriseOptions, setEnterpriseOptions] = useState<Array<{ value: string; label: string; district: string | null }>>([]);
  const claims = Form.useWatch('claims', form) ?? [];

  async function searchEnterprises(q: string) {
    if (!q.trim()) return setEnterpriseOptions([]);
    const page = await enterpriseApi.list({ q, page: 1, pageSize: 10 });
    setEnterpriseOptions(page.items.map((e) => ({ value: e.uscc, label: `${e.name} · ${e.uscc}`, district: e.district })));
  }

  async function evaluate(values: Values) {
    const request: EvaluationRequest = {
      beneficiary: { ...values.beneficiary, uscc: values.beneficiary.uscc.trim() },
      claims: values.claims.map((c, i) => ({
        id: `c${i + 1}`,
        measure: c.measure!,
        eventDate: c.eventDate!,
        ...(c.matter ? { matter: c.matter } : {}),
        facts: cleanFacts(byId.get(c.measure!), c.facts) as Record<string, FactValue>,
      })),
      granted: (values.granted ?? [])
        .filter((g) => g.measure && g.year && g.amount !== undefined)
        .map((g) => ({ measure: g.measure!, year: g.year!, amount: g.amount!, ...(g.matter ? { matter: g.matter } : {}) })),
    };
    setBusy(true);
    setError(null);
    setUnmatched([]);
    try {
      setResult(await policyApi.evaluate(request));
    } catch (err) {
      setResult(null);
      setError(err);
      // The API names fields as `body.claims.0.facts.x`, the form's own names (['claims', 0, 'facts', 'x']):
      // each message goes beside its field; the alert lists only those no field shows.
      setUnmatched(applyServerIssues(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={11}>
        <Card title={t('calc.title')} data-testid="calculator-page">
          <Typography.Paragraph type="secondary">{t('calc.intro')}</Typography.Paragraph>
          <ErrorAlert error={measures.error} onRetry={measures.reload} />
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={evaluate}
            initialValues={{
              beneficiary: { kind: 'enterprise', registeredInYangpu: true, registeredInShanghai: true, uscc: '' },
              claims: [{ eventDate: todayInShanghai() }],
            }}
          >
            <Divider titlePlacement="start">{t('calc.beneficiary')}</Divider>
            <Form.Item label={t('calc.pickEnterprise')}>
              <AutoComplete
                data-testid="calc-enterprise-search"
                options={enterpriseOptions}
                onSearch={searchEnterprises}
                onSelect={(uscc: string) => {
                  const found = enterpriseOptions.find((o) => o.value === uscc);
                  form.setFieldsValue({
                    beneficiary: {
                      uscc,
                      kind: 'enterprise',
                      registeredInYangpu: found?.district === '杨浦区',
                      registeredInShanghai: true,
                    },
                  });
                }}
                placeholder={t('calc.pickEnterprisePlaceholder')}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item name={['beneficiary', 'uscc']} label={t('claim.field.uscc')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input data-testid="calc-uscc" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name={['beneficiary', 'kind']} label={t('claim.field.kind')}>
                  <Select data-testid="calc-kind" options={KINDS.map((k) => ({ value: k, label: t(`policy.beneficiary.${k}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Space size="large">
              <Form.Item name={['beneficiary', 'registeredInYangpu']} label={t('claim.field.registeredInYangpu')} valuePropName="checked">
                <Switch data-testid="calc-yangpu" />
              </Form.Item>
              <Form.Item name={['beneficiary', 'registeredInShanghai']} label={t('claim.field.registeredInShanghai')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>

            <Form.List name="claims">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => {
                    const measure = byId.get(claims[i]?.measure ?? '');
                    return (
                      <div key={field.key} data-testid={`calc-claim-${i}`}>
                        <Divider titlePlacement="start">
                          <Space>
                            {t('calc.claim', { n: i + 1 })}
                            {fields.length > 1 && <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />}
                          </Space>
                        </Divider>
                        <Form.Item name={[field.name, 'measure']} label={t('claim.field.measure')} rules={[{ required: true, message: t('common.required') }]}>
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            data-testid={`calc-measure-${i}`}
                            options={measureOptions(monetary, language)}
                            loading={measures.loading}
                          />
                        </Form.Item>
                        <MeasureFacts measure={measure} />
                        <Row gutter={12}>
                          <Col span={12}>
                            <Form.Item name={[field.name, 'eventDate']} label={t('claim.field.eventDate')} rules={[{ required: true, message: t('common.required') }]}>
                              <Input type="date" data-testid={`calc-event-date-${i}`} />
                            </Form.Item>
                          </Col>
                          <Col span={12}>
                            <Form.Item name={[field.name, 'matter']} label={t('claim.field.matter')} extra={measure?.group ? t('claim.field.matterGroupHint') : undefined}>
                              <Input data-testid={`calc-matter-${i}`} />
                            </Form.Item>
                          </Col>
                        </Row>
                        <FactFields measure={measure} prefix={[field.name]} />
                      </div>
                    );
                  })}
                  <Button icon={<PlusOutlined />} onClick={() => add({ eventDate: todayInShanghai() })} data-testid="calc-add-claim">
                    {t('calc.addClaim')}
                  </Button>
                </>
              )}
            </Form.List>

            <Divider titlePlacement="start">{t('calc.granted')}</Divider>
            <Typography.Paragraph type="secondary">{t('calc.grantedHint')}</Typography.Paragraph>
            <Form.List name="granted">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item name={[field.name, 'measure']} rules={[{ required: true, message: t('common.required') }]}>
                        <Select style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} placeholder={t('claim.field.measure')} options={measureOptions(monetary, language)} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'year']} rules={[{ required: true, message: t('common.required') }]}>
                        <InputNumber placeholder={t('claim.field.year')} min={2000} max={2100} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'amount']} rules={[{ required: true, message: t('common.required') }]}>
                        <InputNumber placeholder={t('calc.grantedAmount')} min={0} precision={2} style={{ width: 160 }} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('calc.addGranted')}
                  </Button>
                </>
              )}
            </Form.List>
            <Divider />
            <Button type="primary" htmlType="submit" loading={busy} data-testid="calc-evaluate">
              {t('calc.evaluate')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={13}>
        <Card title={t('calc.results')} data-testid="calc-results">
          <ErrorAlert error={error} issues={unmatched} />
          {!result && !error && <Typography.Text type="secondary">{t('calc.noResult')}</Typography.Text>}
          {result && (
            <>
              <Alert
                type="info"
                style={{ marginBottom: 16 }}
                title={
                  <span data-testid="calc-total">
                    {t('calc.total', { total: formatYuanExact(result.total, language) })}
                  </span>
                }
                description={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('calc.version', { version: result.rulesetVersion, hash: result.inputHash.slice(0, 16) })}
                  </Typography.Text>
                }
              />
              {result.results.map((r) => (
                <Card
                  key={r.id}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid="calc-result"
                  title={`${r.id} · ${r.measure} ${language === 'en-US' ? '' : r.title}`}
                >
                  <ResultExplanation result={r} />
                </Card>
              ))}
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
