import { Button, Form, Input, InputNumber, Popconfirm, Space, Switch, Typography, message } from 'antd';
import { useState, type ReactNode } from 'react';
import { claimApi } from '../../api/subsidy';
import type { ClaimActionName, ClaimDetail } from '../../api/subsidy-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { formatYuanExact } from '../policy/money';

type ModalKind = 'determine' | 'reject' | 'adjust' | 'pay' | 'withdraw' | 'objection';

interface Props {
  claim: ClaimDetail;
  /** A preliminary engine amount (not yet determined), shown as the determination's default. */
  engineAmount: number | null;
  onChange(claim: ClaimDetail): void;
}

/**
 * The buttons for what the caller may do next: exactly the server's `actions`, which already weigh the
 * four-eyes rule, a second approval still outstanding, the notice still running and open objections.
 */
export function ClaimActions({ claim, engineAmount, onChange }: Props) {
  const { t, language } = useI18n();
  const [modal, setModal] = useState<ModalKind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // One key per opened pay dialog: a double click or a retry pays once.
  const [payKey, setPayKey] = useState('');
  const has = (a: ClaimActionName) => claim.actions.includes(a);

  async function run(name: string, call: () => Promise<ClaimDetail>) {
    setBusy(name);
    setError(null);
    try {
      onChange(await call());
      message.success(t('claim.action.done'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const direct = (name: ClaimActionName, label: ReactNode, call: () => Promise<ClaimDetail>, primary = false) => (
    <span key={name}>
      <Popconfirm title={t('claim.action.confirm', { action: String(label) })} onConfirm={() => run(name, call)}>
        <Button type={primary ? 'primary' : 'default'} loading={busy === name} data-testid={`action-${name}`}>
          {label}
        </Button>
      </Popconfirm>
    </span>
  );
  const opener = (name: string, kind: ModalKind, label: string, danger = false, primary = false) => (
    <Button
      key={name}
      danger={danger}
      type={primary ? 'primary' : 'default'}
      data-testid={`action-${name}`}
      onClick={() => {
        if (kind === 'pay') setPayKey(crypto.randomUUID());
        setModal(kind);
      }}
    >
      {label}
    </Button>
  );

  const buttons: ReactNode[] = [];
  if (has('submit')) buttons.push(direct('submit', t('claim.action.submit'), () => claimApi.submit(claim.id), true));
  if (has('start_review')) buttons.push(direct('start_review', t('claim.action.start_review'), () => claimApi.review(claim.id), true));
  if (has('determine')) buttons.push(opener('determine', 'determine', t('claim.action.determine'), false, true));
  if (has('reject')) buttons.push(opener('reject', 'reject', t('claim.action.reject'), true));
  if (has('approve_determination')) {
    buttons.push(direct('approve_determination', t('claim.action.approve_determination'), () => claimApi.approveDetermination(claim.id), true));
  }
  if (has('adjust')) buttons.push(opener('adjust', 'adjust', t('claim.action.adjust')));
  if (has('publish')) buttons.push(direct('publish', t('claim.action.publish'), () => claimApi.publish(claim.id), true));
  if (has('record_objection')) buttons.push(opener('record_objection', 'objection', t('claim.action.objection')));
  if (has('approve_payment')) {
    buttons.push(direct('approve_payment', t('claim.action.approve_payment'), () => claimApi.approvePayment(claim.id), true));
  }
  if (has('pay')) buttons.push(opener('pay', 'pay', t('claim.action.pay'), false, true));
  if (has('withdraw')) buttons.push(opener('withdraw', 'withdraw', t('claim.action.withdraw'), true));

  const close = () => setModal(null);
  const submitModal = async (call: () => Promise<ClaimDetail>) => {
    onChange(await call());
    message.success(t('claim.action.done'));
    close();
  };

  return (
    <div data-testid="claim-actions">
      <ErrorAlert error={error} />
      {buttons.length > 0 ? <Space wrap>{buttons}</Space> : <Typography.Text type="secondary">{t('claim.action.none')}</Typography.Text>}
      {claim.status === 'in_public_notice' && claim.notice && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('claim.notice.hint', { to: claim.notice.to })}
        </Typography.Paragraph>
      )}

      <ModalForm<{ amount?: number; reason?: string }>
        open={modal === 'determine'}
        testId="determine-modal"
        title={t('claim.action.determine')}
        onCancel={close}
        onSubmit={(v) => submitModal(() => claimApi.determine(claim.id, { ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}), ...(v.reason ? { reason: v.reason } : {}) }))}
      >
        <Typography.Paragraph>
          {engineAmount !== null
            ? t('claim.determine.engine', { amount: formatYuanExact(engineAmount, language) })
            : t('claim.determine.engineUnknown')}
        </Typography.Paragraph>
        <Form.Item name="amount" label={t('claim.determine.amount')} extra={t('claim.determine.amountHint')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="determine-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('claim.determine.reason')}>
          <Input.TextArea rows={2} data-testid="determine-reason" />
        </Form.Item>
      </ModalForm>

      <ModalForm<{ amount: number; reason: string }>
        open={modal === 'adjust'}
        testId="adjust-modal"
        title={t('claim.action.adjust')}
        onCancel={close}
        onSubmit={(v) => submitModal(() => claimApi.adjust(claim.id, v))}
      >
        <Typography.Paragraph>{t('claim.adjust.current', { amount: formatYuanExact(claim.amount, language) })}</Typography.Paragraph>
        <Form.Item name="amount" label={t('claim.determine.amount')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="adjust-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('claim.determine.reason')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={2} data-testid="adjust-reason" />
        </Form.Item>
      </ModalForm>

      <ModalForm<{ reason: string }>
        open={modal === 'reject' || modal === 'withdraw'}
        testId="reason-modal"
        title={modal === 'withdraw' ? t('claim.action.withdraw') : t('claim.action.reject')}
        onCancel={close}
        onSubmit={(v) => submitModal(() => (modal === 'withdraw' ? claimApi.withdraw(claim.id, v.reason) : claimApi.reject(claim.id, v.reason)))}
      >
        <Form.Item name="reason" label={t('claim.field.reason')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} data-testid="action-reason" />
        </Form.Item>
      </ModalForm>

      <ModalForm<{ paymentReference: string }>
        open={modal === 'pay'}
        testId="pay-modal"
        title={t('claim.action.pay')}
        onCancel={close}
        onSubmit={(v) => submitModal(() => claimApi.pay(claim.id, v.paymentReference, payKey))}
      >
        <Typography.Paragraph>{t('claim.pay.amount', { amount: formatYuanExact(claim.amount, language) })}</Typography.Paragraph>
        <Form.Item name="paymentReference" label={t('claim.field.paymentReference')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="pay-reference" />
        </Form.Item>
      </ModalForm>

      <ModalForm<{ raisedBy: string; content: string }>
        open={modal === 'objection'}
        testId="objection-modal"
        title={t('claim.action.objection')}
        onCancel={close}
        onSubmit={(v) => submitModal(() => claimApi.recordObjection(claim.id, v))}
      >
        <Form.Item name="raisedBy" label={t('claim.objection.raisedBy')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="objection-raised-by" />
        </Form.Item>
        <Form.Item name="content" label={t('claim.objection.content')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} data-testid="objection-content" />
        </Form.Item>
      </ModalForm>
    </div>
  );
}

/** Resolving one objection: upheld sends the claim back to review, dismissed lets the notice run out. */
export function ResolveObjection({ claim, objectionId, onChange }: { claim: ClaimDetail; objectionId: string; onChange(c: ClaimDetail): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" data-testid="objection-resolve" onClick={() => setOpen(true)}>
        {t('claim.objection.resolve')}
      </Button>
      <ModalForm<{ upheld: boolean; resolution: string }>
        open={open}
        testId="resolve-modal"
        title={t('claim.objection.resolve')}
        initialValues={{ upheld: false }}
        onCancel={() => setOpen(false)}
        onSubmit={async (v) => {
          onChange(await claimApi.resolveObjection(claim.id, objectionId, { upheld: !!v.upheld, resolution: v.resolution }));
          setOpen(false);
        }}
      >
        <Form.Item name="upheld" label={t('claim.objection.upheld')} valuePropName="checked" extra={t('claim.objection.upheldHint')}>
          <Switch data-testid="resolve-upheld" />
        </Form.Item>
        <Form.Item name="resolution" label={t('claim.objection.resolution')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} data-testid="resolve-resolution" />
        </Form.Item>
      </ModalForm>
    </>
  );
}
