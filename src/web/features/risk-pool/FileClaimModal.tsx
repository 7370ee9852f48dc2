import { Form, Input, InputNumber, Select, Typography, message } from 'antd';
import { useNavigate } from 'react-router-dom';
import { riskPoolApi, type Enrolment } from '../../api/risk-pool';
import { useI18n } from '../../app/i18n';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { today } from './labels';

interface Values {
  loanId: string;
  defaultedOn: string;
  principalAtDefault: number;
  recoveriesSoFar: number;
}

/**
 * 申请代偿: a bank files on one of its enrolled loans that is non-performing and has no open claim. Opened for one
 * enrolment (from the pool page) or with a picker (from the claims list, `enrolment` undefined).
 */
export function FileClaimModal({ enrolment, open, onClose }: { enrolment: Enrolment | null; open?: boolean; onClose(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const shown = open ?? enrolment !== null;
  const candidates = useApi(
    (signal) => (shown && !enrolment ? riskPoolApi.enrolments({ pageSize: 200 }, signal) : Promise.resolve({ items: [] as Enrolment[], total: 0, page: 1, pageSize: 200 })),
    `file-candidates:${shown}:${enrolment?.id ?? ''}`,
  );
  const eligible = enrolment ? [enrolment] : (candidates.data?.items ?? []).filter((e) => e.standing?.nonPerforming && !e.openClaimId);

  return (
    <ModalForm<Values>
      open={shown}
      testId="file-claim-modal"
      title={t('riskClaim.file')}
      initialValues={{
        loanId: enrolment?.loan.id,
        defaultedOn: today(),
        principalAtDefault: enrolment?.standing?.outstanding,
        recoveriesSoFar: 0,
      }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const claim = await riskPoolApi.file(v);
        message.success(t('riskClaim.action.done'));
        onClose();
        navigate(`/risk-pool-claims/${claim.id}`);
      }}
    >
      {(form) => (
        <>
          <Form.Item name="loanId" label={t('riskClaim.pickLoan')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              data-testid="file-claim-loan"
              disabled={!!enrolment}
              notFoundContent={t('riskClaim.noEligible')}
              options={eligible.map((e) => ({ value: e.loan.id, label: `${e.loan.loanNo} · ${e.enterpriseName} · ${e.pool.name}` }))}
              onChange={(loanId: string) => {
                const e = eligible.find((x) => x.loan.id === loanId);
                if (e?.standing) form.setFieldsValue({ principalAtDefault: e.standing.outstanding });
              }}
            />
          </Form.Item>
          <Form.Item name="defaultedOn" label={t('riskClaim.field.defaultedOn')} rules={[{ required: true, message: t('common.required') }]}>
            <Input type="date" data-testid="file-claim-defaulted-on" />
          </Form.Item>
          <Form.Item name="principalAtDefault" label={t('riskClaim.field.principalAtDefault')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="file-claim-principal" />
          </Form.Item>
          <Form.Item name="recoveriesSoFar" label={t('riskClaim.field.recoveriesSoFar')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="file-claim-recoveries" />
          </Form.Item>
          <Typography.Text type="secondary">{t('riskClaim.field.loss')} = {t('riskClaim.field.principalAtDefault')} − {t('riskClaim.field.recoveriesSoFar')}</Typography.Text>
        </>
      )}
    </ModalForm>
  );
}
