import { Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { evaluationApi } from '../../api/evaluation';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

// The facts the evaluations need beyond the registry's financials (enterprise_evaluation_facts), for one year.
const NUMBERS = ['techStaff', 'rdExpenseDomestic', 'operatingCashFlow', 'weightedRoePct', 'shareCapital', 'otherClassIIp', 'mainBusinessInventionPatents'] as const;
const FLAGS = ['residentEnterprise', 'prohibitedIndustry', 'seriousViolation', 'nationalAwardTop3', 'provincialRdInstitution', 'ledStandard'] as const;
const OFFICER_NUMBERS = ['hnteIpScore', 'hnteConversionScore', 'hnteRdManagementScore', 'marketValueEstimate'] as const;
const LABELS: Record<string, string> = {
  techStaff: '科技人员数 tech staff', rdExpenseDomestic: '境内研发费用（元）', operatingCashFlow: '经营活动现金流量净额（元）', weightedRoePct: '加权平均净资产收益率（%）',
  shareCapital: '股本（元）', otherClassIIp: '国家新药/一级中药保护品种（项）', mainBusinessInventionPatents: '应用于主营业务的发明专利（项）',
  residentEnterprise: '居民企业', prohibitedIndustry: '属禁止/限制/淘汰类', seriousViolation: '重大事故/严重违法失信', nationalAwardTop3: '近五年国家级科技奖励（前三）',
  provincialRdInstitution: '省部级以上研发机构', ledStandard: '近五年主导制定标准', hnteIpScore: '高企 知识产权（0–30）', hnteConversionScore: '高企 成果转化（0–30）',
  hnteRdManagementScore: '高企 研发管理（0–20）', marketValueEstimate: '专员估计市值（元）', marketValueEstimatedOn: '估值日期', star5Qualitative: '科创板标准五定性条件', neeqListedOn: '新三板挂牌日期',
};

type Values = Record<string, number | string | null | undefined>;

export function FactsModal({ enterpriseId, year, officer, open, onClose, onSaved }: { enterpriseId: string; year: number; officer: boolean; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    evaluationApi.facts(enterpriseId, year).then((r) => {
      const v: Values = {};
      for (const [k, x] of Object.entries(r.facts)) v[k] = typeof x === 'boolean' ? String(x) : x;
      form.resetFields();
      form.setFieldsValue(v);
    }, setError);
  }, [open, enterpriseId, year, form]);

  async function save() {
    const v = form.getFieldsValue();
    const body: Record<string, unknown> = {};
    for (const k of [...NUMBERS, ...(officer ? OFFICER_NUMBERS : [])]) body[k] = v[k] ?? null;
    for (const k of [...FLAGS, ...(officer ? ['star5Qualitative'] : [])]) body[k] = v[k] === 'true' ? true : v[k] === 'false' ? false : null;
    body.neeqListedOn = v.neeqListedOn || null;
    if (officer) body.marketValueEstimatedOn = v.marketValueEstimatedOn || null;
    setSaving(true);
    try {
      await evaluationApi.putFacts(enterpriseId, year, body);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const flag = (k: string) => (
    <Col xs={24} md={12} key={k}>
      <Form.Item name={k} label={LABELS[k]}>
        <Select allowClear data-testid={`fact-${k}`} options={[{ value: 'true', label: '是 yes' }, { value: 'false', label: '否 no' }]} placeholder={t('evaluation.met.null')} />
      </Form.Item>
    </Col>
  );
  const num = (k: string) => (
    <Col xs={24} md={12} key={k}>
      <Form.Item name={k} label={LABELS[k]}>
        <InputNumber style={{ width: '100%' }} data-testid={`fact-${k}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Modal open={open} title={t('evaluation.facts.title', { year })} onCancel={onClose} onOk={save} confirmLoading={saving} width={820} data-testid="facts-modal" okButtonProps={{ 'data-testid': 'facts-save' } as never}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          {NUMBERS.map(num)}
          {FLAGS.map(flag)}
          <Col xs={24} md={12}>
            <Form.Item name="neeqListedOn" label={LABELS.neeqListedOn}><Input type="date" /></Form.Item>
          </Col>
        </Row>
        {officer && (
          <>
            <Typography.Text type="secondary">{t('evaluation.facts.officerOnly')}</Typography.Text>
            <Row gutter={12}>
              {OFFICER_NUMBERS.map(num)}
              <Col xs={24} md={12}>
                <Form.Item name="marketValueEstimatedOn" label={LABELS.marketValueEstimatedOn}><Input type="date" data-testid="fact-marketValueEstimatedOn" /></Form.Item>
              </Col>
              {flag('star5Qualitative')}
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}
