import { Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Space, Table, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { riskPoolApi, type RiskClaimAction, type RiskClaimDetail } from '../../api/risk-pool';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { pct, RiskClaimStatusTag, StandingTag, today, yuanText } from './labels';

type Modal = 'review' | 'reject' | 'withdraw' | 'record_recovery';

/** A claim: amounts, where it stands in the pool's queue, payouts, recoveries, history, and the caller's next moves. */
export function RiskClaimPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const loaded = useApi((signal) => riskPoolApi.claim(id, signal), `risk-claim:${id}`);
  const [claim, setClaim] = useState<RiskClaimDetail | null>(null);
  const c = claim?.id === id ? claim : loaded.data;
  const [modal, setModal] = useState<Modal | null>(null);
  const [approveKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Card loading />;
  const has = (a: RiskClaimAction) => c.actions.includes(a);
  const y = (v: number | null) => yuanText(v, language);
  const done = (next: RiskClaimDetail) => {
    setClaim(next);
    setModal(null);
    message.success(t('riskClaim.action.done'));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="risk-claim-page">
      <Card
        title={<>{t('riskClaim.title')} <Typography.Text code data-testid="risk-claim-no">{c.claimNo}</Typography.Text> <RiskClaimStatusTag status={c.status} /></>}
        extra={
          <Space wrap>
            {has('review') && <Button type="primary" onClick={() => setModal('review')} data-testid="risk-action-review">{t('riskClaim.action.review')}</Button>}
            {has('approve') && (
              <Popconfirm
                title={t('riskClaim.action.confirmApprove')}
                onConfirm={async () => {
                  setBusy(true);
                  setError(null);
                  try {
                    done(await riskPoolApi.approve(c.id, approveKey));
                  } catch (err) {
                    setError(err);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                <Button type="primary" loading={busy} data-testid="risk-action-approve">{t('riskClaim.action.approve')}</Button>
              </Popconfirm>
            )}
            {has('reject') && <Button danger onClick={() => setModal('reject')} data-testid="risk-action-reject">{t('riskClaim.action.reject')}</Button>}
            {has('withdraw') && <Button onClick={() => setModal('withdraw')} data-testid="risk-action-withdraw">{t('riskClaim.action.withdraw')}</Button>}
            {has('record_recovery') && <Button onClick={() => setModal('record_recovery')} data-testid="risk-action-record_recovery">{t('riskClaim.action.record_recovery')}</Button>}
          </Space>
        }
      >
        <ErrorAlert error={error} />
        {c.status === 'reviewed' && !has('approve') && c.reviewedBy && <Typography.Paragraph type="secondary">{t('riskClaim.fourEyes')}</Typography.Paragraph>}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('riskClaim.field.pool')}><Link to={`/risk-pools/${c.pool.id}`}>{c.pool.name}</Link> ({t(`riskPool.mode.${c.pool.mode}`)})</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.bank')}>{c.bank.name}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.loan')}><Typography.Text code>{c.loan.loanNo}</Typography.Text> · {c.loan.enterpriseName} · {t(`collateral.${c.loan.collateralMode}`)} · {y(c.loan.principal)}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.standing')}><StandingTag standing={c.loan.standing} /></Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.defaultedOn')}>{c.defaultedOn}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.principalAtDefault')}>{y(c.principalAtDefault)}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.recoveriesSoFar')}>{y(c.recoveriesBefore)}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.loss')}><span data-testid="risk-claim-loss">{y(c.loss)}</span></Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.assessedLoss')}>{y(c.assessedLoss)}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.share')}>{pct(c.share ?? c.pool.share)}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.payable')}><span data-testid="risk-claim-payable">{y(c.payable)}</span>{c.capNote ? ` (${t('riskClaim.field.capNote')}: ${c.capNote})` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.paid')}><span data-testid="risk-claim-paid">{y(c.paid)}</span></Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.owed')}>{y(c.owed)}{c.queuePosition ? ` · ${t('riskClaim.field.queue')} ${c.queuePosition}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.recoveredShare')}>{y(c.recoveredShare)}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.filedBy')}>{c.filedBy?.displayName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.reviewedBy')}>{c.reviewedBy?.displayName ?? '—'}{c.reviewNote ? ` · ${c.reviewNote}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('riskClaim.field.approvedBy')}>{c.approvedBy ? `${c.approvedBy.displayName} · ${c.approvedOn}` : '—'}</Descriptions.Item>
          {c.closingReason && <Descriptions.Item label={t('riskClaim.field.reason')}>{c.closingReason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      {(c.ledger.length > 0 || c.recoveries.length > 0) && (
        <Card title={`${t('riskClaim.payouts')} / ${t('riskClaim.recoveries')}`}>
          <Table
            rowKey="seq" size="small" pagination={false} dataSource={c.ledger} data-testid="risk-claim-ledger"
            columns={[
              { key: 'date', title: t('riskPool.ledger.date'), dataIndex: 'entryDate' },
              { key: 'kind', title: '', dataIndex: 'kind', render: (v: string) => t(`riskPool.ledger.kind.${v as 'payout'}`) },
              { key: 'amount', title: t('riskPool.ledger.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => y(v) },
            ]}
          />
          {c.recoveries.length > 0 && (
            <Table
              rowKey="reference" size="small" pagination={false} dataSource={c.recoveries} style={{ marginTop: 12 }}
              columns={[
                { key: 'on', title: t('riskClaim.recovery.on'), dataIndex: 'recoveredOn' },
                { key: 'ref', title: t('riskClaim.recovery.reference'), dataIndex: 'reference' },
                { key: 'amount', title: t('riskClaim.recovery.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => y(v) },
                { key: 'part', title: t('riskClaim.recovery.poolPart'), dataIndex: 'poolPart', align: 'right', render: (v: number) => y(v) },
              ]}
            />
          )}
        </Card>
      )}

      <Card title={t('riskClaim.history')}>
        <Timeline
          data-testid="risk-claim-history"
          items={c.history.map((h) => ({
            content: (
              <>
                <b>{t(`riskClaim.action.${h.action as 'file'}`)}</b> · {h.actor} · {formatDateTime(h.at, language)}
                {h.note ? <div><Typography.Text type="secondary">{h.note}</Typography.Text></div> : null}
              </>
            ),
          }))}
        />
      </Card>

      <ModalForm<{ assessedLoss?: number; note?: string }>
        open={modal === 'review'}
        testId="risk-review-modal"
        title={t('riskClaim.action.review')}
        initialValues={{ assessedLoss: c.loss }}
        onCancel={() => setModal(null)}
        onSubmit={async (v) => done(await riskPoolApi.review(c.id, { ...(v.assessedLoss !== undefined ? { assessedLoss: v.assessedLoss } : {}), ...(v.note ? { note: v.note } : {}) }))}
      >
        <Form.Item name="assessedLoss" label={t('riskClaim.field.assessedLoss')}><InputNumber min={0.01} max={c.loss} precision={2} style={{ width: '100%' }} data-testid="risk-review-assessed" /></Form.Item>
        <Form.Item name="note" label={t('riskClaim.field.note')}><Input.TextArea rows={2} data-testid="risk-review-note" /></Form.Item>
      </ModalForm>

      <ModalForm<{ reason: string }>
        open={modal === 'reject' || modal === 'withdraw'}
        testId="risk-reason-modal"
        title={t(modal === 'withdraw' ? 'riskClaim.action.withdraw' : 'riskClaim.action.reject')}
        onCancel={() => setModal(null)}
        onSubmit={async (v) => done(modal === 'withdraw' ? await riskPoolApi.withdraw(c.id, v.reason) : await riskPoolApi.reject(c.id, v.reason))}
      >
        <Form.Item name="reason" label={t('riskClaim.field.reason')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={2} data-testid="risk-reason" /></Form.Item>
      </ModalForm>

      <ModalForm<{ amount: number; recoveredOn: string; reference: string }>
        open={modal === 'record_recovery'}
        testId="risk-recovery-modal"
        title={t('riskClaim.action.record_recovery')}
        initialValues={{ recoveredOn: today() }}
        onCancel={() => setModal(null)}
        onSubmit={async (v) => done((await riskPoolApi.recover(c.id, v)).claim)}
      >
        <Form.Item name="amount" label={t('riskClaim.recovery.amount')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="recoveredOn" label={t('riskClaim.recovery.on')} rules={[{ required: true, message: t('common.required') }]}><Input type="date" /></Form.Item>
        <Form.Item name="reference" label={t('riskClaim.recovery.reference')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
      </ModalForm>
    </Space>
  );
}
