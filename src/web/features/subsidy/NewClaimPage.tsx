import { Button, Card, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { claimApi } from '../../api/subsidy';
import type { BeneficiaryKind, CreateClaimInput, MeasureDescription } from '../../api/subsidy-types';
import type { User } from '../../api/types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../components/errors';
import { cleanFacts, FactFields, MeasureFacts } from '../policy/FactFields';
import { todayInShanghai } from '../policy/money';
import { measureOptions, monetaryMeasures, useMeasures } from '../policy/useMeasures';

const ENTERPRISE_SIDE = ['enterprise', 'incubator', 'enterprise-or-institution', 'any'];
const INSTITUTION_KINDS: BeneficiaryKind[] = ['institution', 'bank', 'guarantor', 'insurer', 'fund'];

/** Measures the signed-in claimant could be a beneficiary of; the engine checks the exact kind. */
function claimable(user: User, measures: MeasureDescription[]): MeasureDescription[] {
  if (user.role === 'enterprise_user') return measures.filter((m) => ENTERPRISE_SIDE.includes(m.beneficiary));
  return measures.filter((m) => m.beneficiary !== 'enterprise' && m.beneficiary !== 'incubator');
}

interface Values {
  measure: string;
  eventDate: string;
  matter?: string;
  facts?: Record<string, unknown>;
  beneficiary: { kind?: BeneficiaryKind; uscc?: string; name?: string; registeredInYangpu?: boolean; registeredInShanghai?: boolean };
}

/** An enterprise or institution user applies (申请) for a measure: a draft, or submitted at once. */
export function NewClaimPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const institution = user.role === 'institution_user';
  const [form] = Form.useForm<Values>();
  const measures = useMeasures();
  const options = claimable(user, monetaryMeasures(measures.data));
  const measureId = Form.useWatch('measure', form);
  const measure = options.find((m) => m.id === measureId);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);

  async function create(submit: boolean) {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input: CreateClaimInput = {
      measure: values.measure,
      eventDate: values.eventDate,
      ...(values.matter ? { matter: values.matter } : {}),
      facts: cleanFacts(measure, values.facts),
      beneficiary: institution
        ? {
            kind: values.beneficiary.kind,
            uscc: values.beneficiary.uscc?.trim(),
            ...(values.beneficiary.name ? { name: values.beneficiary.name } : {}),
            registeredInYangpu: !!values.beneficiary.registeredInYangpu,
            registeredInShanghai: !!values.beneficiary.registeredInShanghai,
          }
        : { kind: values.beneficiary.kind ?? 'enterprise' },
      submit,
    };
    setBusy(submit ? 'submit' : 'draft');
    setError(null);
    try {
      const claim = await claimApi.create(input);
      navigate(`/subsidy/claims/${claim.id}`);
    } catch (err) {
      applyServerIssues(form, err);
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t('claim.new.title')} data-testid="new-claim-page" style={{ maxWidth: 880 }}>
      <Typography.Paragraph type="secondary">{t(institution ? 'claim.new.introInstitution' : 'claim.new.introEnterprise')}</Typography.Paragraph>
      <ErrorAlert error={error ?? measures.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          eventDate: todayInShanghai(),
          beneficiary: { kind: institution ? 'bank' : 'enterprise', registeredInYangpu: true, registeredInShanghai: true },
        }}
      >
        <Form.Item name="measure" label={t('claim.field.measure')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="new-claim-measure"
            loading={measures.loading}
            options={measureOptions(options, language)}
          />
        </Form.Item>
        <MeasureFacts measure={measure} />
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="eventDate" label={t('claim.field.eventDate')} extra={t('claim.field.eventDateHint')} rules={[{ required: true, message: t('common.required') }]}>
              <Input type="date" data-testid="new-claim-event-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="matter" label={t('claim.field.matter')} extra={t('claim.field.matterHint')}>
              <Input data-testid="new-claim-matter" />
            </Form.Item>
          </Col>
        </Row>
        {institution ? (
          <>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name={['beneficiary', 'uscc']} label={t('claim.field.uscc')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input data-testid="new-claim-uscc" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['beneficiary', 'name']} label={t('claim.field.beneficiaryName')}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Space size="large" wrap>
              <Form.Item name={['beneficiary', 'kind']} label={t('claim.field.kind')}>
                <Select style={{ width: 180 }} options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`policy.beneficiary.${k}`) }))} />
              </Form.Item>
              <Form.Item name={['beneficiary', 'registeredInYangpu']} label={t('claim.field.registeredInYangpu')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name={['beneficiary', 'registeredInShanghai']} label={t('claim.field.registeredInShanghai')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Form.Item name={['beneficiary', 'kind']} label={t('claim.field.kind')} extra={t('claim.field.kindHintEnterprise')}>
            <Select style={{ width: 220 }} options={(['enterprise', 'incubator'] as const).map((k) => ({ value: k, label: t(`policy.beneficiary.${k}`) }))} />
          </Form.Item>
        )}
        <FactFields measure={measure} prefix={[]} />
        <Space>
          <Button onClick={() => create(false)} loading={busy === 'draft'} data-testid="new-claim-save-draft">
            {t('claim.new.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => create(true)} loading={busy === 'submit'} data-testid="new-claim-submit">
            {t('claim.new.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
