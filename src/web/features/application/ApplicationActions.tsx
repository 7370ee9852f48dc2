import { Button, Form, Input, InputNumber, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { applicationApi, meetingApi, productApi } from '../../api/financing';
import { COLLATERAL_MODES, type ApplicationAction, type ApplicationDetail } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { collateralLabel, institutionsOf } from '../product/labels';
import { actionLabel, todayShanghai } from './labels';

/** Actions that need no input: one click (with a confirmation). */
const DIRECT: ApplicationAction[] = ['submit', 'screen', 'accept'];
const DANGER: ApplicationAction[] = ['withdraw', 'reject', 'decline', 'reassign'];
const REPAYMENT = ['equal_instalment', 'equal_principal', 'interest_only'] as const;

type Values = Record<string, unknown>;

/** The buttons of `nextActions` (the server's answer to "what may I do now"), each with its form. */
export function ApplicationActions({ application, onDone }: { application: ApplicationDetail; onDone(a: ApplicationDetail): void }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<ApplicationAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const actions = application.nextActions;
  const needsMeeting = application.status === 'review';
  const wantsMeetings = actions.some((a) => ['score', 'recommend', 'defer', 'reject'].includes(a));
  const meetings = useApi(
    (signal) => (wantsMeetings ? meetingApi.list({ by: 'meeting' }, signal) : Promise.resolve(null)),
    `${wantsMeetings}`,
  );
  const wantsBanks = actions.includes('recommend');
  const catalog = useApi((signal) => (wantsBanks ? productApi.list({ status: 'active', pageSize: 200 }, signal) : Promise.resolve(null)), `${wantsBanks}`);

  if (actions.length === 0) return null;

  async function direct(action: ApplicationAction) {
    setBusy(true);
    setError(null);
    try {
      onDone(await applicationApi.act(application.id, action));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function submit(values: Values) {
    const body: Values = {};
    for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') body[k] = v;
    onDone(await applicationApi.act(application.id, dialog!, body));
    setDialog(null);
  }

  const meetingOptions = (meetings.data?.meetings ?? []).map((m) => ({ value: m.id, label: `${m.heldOn} ${m.title}` }));
  const meetingField = (
    <Form.Item name="meetingId" label={t('app.form.meeting')} rules={needsMeeting && dialog !== 'score' ? [{ required: true }] : []}>
      <Select allowClear showSearch optionFilterProp="label" options={meetingOptions} data-testid="action-meeting" />
    </Form.Item>
  );
  const reasonField = (required: boolean) => (
    <Form.Item name="reason" label={t('fin.common.reason')} rules={required ? [{ required: true }] : []}>
      <Input.TextArea rows={3} data-testid="action-reason" />
    </Form.Item>
  );

  // Banks that offer the product: its owner when a bank, or a programme's partner banks; otherwise any bank.
  const product = catalog.data?.items.find((p) => p.code === (application.product?.code ?? ''));
  const banks = product ? institutionsOf([product], ['bank']) : institutionsOf(catalog.data?.items ?? [], ['bank']);
  const productOptions = (catalog.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }));

  const initial: Record<string, Values> = {
    recommend: { productCode: application.product?.code, amount: application.requestedAmount },
    approve: { amount: application.recommendation?.amount ?? application.requestedAmount, termMonths: application.requestedTermMonths, decidedOn: todayShanghai() },
    decline: { decidedOn: todayShanghai() },
    disburse: { startDate: todayShanghai(), repaymentMethod: 'equal_instalment', collateralMode: 'credit' },
  };

  return (
    <div data-testid="application-actions" style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <Space wrap>
        {actions.map((action) =>
          DIRECT.includes(action) ? (
            <Popconfirm key={action} title={actionLabel(t, action)} onConfirm={() => direct(action)} okButtonProps={{ 'data-testid': 'action-confirm' } as never}>
              <Button type="primary" loading={busy} data-testid={`action-${action}`}>
                {actionLabel(t, action)}
              </Button>
            </Popconfirm>
          ) : (
            <Button key={action} type={DANGER.includes(action) ? 'default' : 'primary'} danger={DANGER.includes(action)} onClick={() => setDialog(action)} data-testid={`action-${action}`}>
              {actionLabel(t, action)}
            </Button>
          ),
        )}
      </Space>
      <ModalForm<Values>
        open={dialog !== null}
        title={dialog ? actionLabel(t, dialog) : ''}
        testId="action-dialog"
        width={640}
        initialValues={dialog ? initial[dialog] : undefined}
        onCancel={() => setDialog(null)}
        onSubmit={submit}
      >
        {dialog === 'withdraw' && reasonField(false)}
        {dialog === 'send_to_review' && reasonField(false)}
        {(dialog === 'defer' || dialog === 'reject') && (
          <>
            {needsMeeting && meetingField}
            {reasonField(true)}
          </>
        )}
        {dialog === 'reassign' && reasonField(true)}
        {dialog === 'score' && (
          <>
            <Form.Item name="score" label={t('app.form.score')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="action-score" />
            </Form.Item>
            <Form.Item name="decision" label={t('app.form.decision')}>
              <Select allowClear options={['recommend', 'defer', 'reject'].map((d) => ({ value: d, label: actionLabel(t, d) }))} />
            </Form.Item>
            <Form.Item name="opinion" label={t('app.form.opinion')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            {meetingField}
          </>
        )}
        {dialog === 'recommend' && (
          <>
            <Form.Item name="bankCode" label={t('app.form.bank')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={banks.map((b) => ({ value: b.code, label: `${b.name} (${b.code})` }))} data-testid="action-bank" />
            </Form.Item>
            <Form.Item name="productCode" label={t('app.field.product')}>
              <Select allowClear showSearch optionFilterProp="label" options={productOptions} />
            </Form.Item>
            <Form.Item name="amount" label={t('app.form.amountYuan')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} data-testid="action-amount" />
            </Form.Item>
            {needsMeeting && meetingField}
            {reasonField(false)}
          </>
        )}
        {dialog === 'approve' && (
          <>
            <Form.Item name="amount" label={t('app.form.amountYuan')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} data-testid="action-amount" />
            </Form.Item>
            <Form.Item name="rate" label={t('app.form.rate')} rules={[{ required: true }]}>
              <Input placeholder="0.0385" data-testid="action-rate" />
            </Form.Item>
            <Form.Item name="termMonths" label={t('app.field.termMonths')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} data-testid="action-term" />
            </Form.Item>
            <Form.Item name="decidedOn" label={t('app.form.decidedOn')}>
              <Input type="date" data-testid="action-date" />
            </Form.Item>
          </>
        )}
        {dialog === 'decline' && (
          <>
            {reasonField(true)}
            <Form.Item name="decidedOn" label={t('app.form.decidedOn')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
        {dialog === 'disburse' && (
          <>
            <Form.Item name="loanNo" label={t('app.form.loanNo')} rules={[{ required: true }]}>
              <Input data-testid="action-loan-no" />
            </Form.Item>
            <Form.Item name="collateralMode" label={t('product.field.collateralMode')} rules={[{ required: true }]}>
              <Select options={COLLATERAL_MODES.map((v) => ({ value: v, label: collateralLabel(t, v) }))} />
            </Form.Item>
            <Form.Item name="repaymentMethod" label={t('app.form.repaymentMethod')} rules={[{ required: true }]}>
              <Select options={REPAYMENT.map((v) => ({ value: v, label: t(`repayment.${v}`) }))} />
            </Form.Item>
            <Form.Item name="startDate" label={t('app.form.startDate')} rules={[{ required: true }]}>
              <Input type="date" data-testid="action-start-date" />
            </Form.Item>
            <Form.Item name="principal" label={t('app.form.principalOptional')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="maturityDate" label={t('app.form.maturityOptional')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </ModalForm>
    </div>
  );
}
