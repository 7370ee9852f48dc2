import { Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { filingApi } from '../../api/financing';
import type { Filing } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ModalForm } from '../../components/ModalForm';

type Dialog = 'review' | 'approve' | 'reject' | null;

/**
 * The officers' buttons on one open filing: review (the maker, who may propose the 区政策性金融产品 designation),
 * then approve or reject by another officer (the checker). The reviewer does not see approve or reject.
 */
export function FilingActions({ productId, filing, onDone }: { productId: string; filing: Filing; onDone(): void }) {
  const { t } = useI18n();
  const user = useUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (user.role !== 'officer' && user.role !== 'admin') return null;
  const reviewedByMe = filing.reviewedBy?.id === user.id;

  async function run(values: { note?: string; proposePolicyProduct?: boolean }) {
    if (dialog === 'review') await filingApi.review(productId, filing.id, { note: values.note || undefined, proposePolicyProduct: !!values.proposePolicyProduct });
    if (dialog === 'approve') await filingApi.approve(productId, filing.id, values.note || undefined);
    if (dialog === 'reject') await filingApi.reject(productId, filing.id, values.note ?? '');
    setDialog(null);
    onDone();
  }

  return (
    <Space wrap>
      {filing.status === 'submitted' && (
        <Button type="primary" onClick={() => setDialog('review')} data-testid="filing-review">
          {t('filing.review')}
        </Button>
      )}
      {filing.status === 'reviewed' && !reviewedByMe && (
        <Button type="primary" onClick={() => setDialog('approve')} data-testid="filing-approve">
          {t('filing.approve')}
        </Button>
      )}
      {(filing.status === 'submitted' || filing.status === 'reviewed') && !reviewedByMe && (
        <Button danger onClick={() => setDialog('reject')} data-testid="filing-reject">
          {t('filing.reject')}
        </Button>
      )}
      {filing.status === 'reviewed' && reviewedByMe && (
        <Typography.Text type="secondary" data-testid="filing-four-eyes">
          {t('filing.fourEyes')}
        </Typography.Text>
      )}
      <ModalForm<{ note?: string; proposePolicyProduct?: boolean }>
        open={dialog !== null}
        title={dialog ? t(`filing.${dialog}`) : ''}
        testId="filing-dialog"
        onCancel={() => setDialog(null)}
        onSubmit={run}
      >
        <Form.Item name="note" label={t('filing.note')} rules={dialog === 'reject' ? [{ required: true }] : []}>
          <Input.TextArea rows={3} data-testid="filing-note" />
        </Form.Item>
        {dialog === 'review' && (
          <Form.Item name="proposePolicyProduct" valuePropName="checked">
            <Checkbox data-testid="filing-propose">{t('filing.propose')}</Checkbox>
          </Form.Item>
        )}
      </ModalForm>
    </Space>
  );
}
