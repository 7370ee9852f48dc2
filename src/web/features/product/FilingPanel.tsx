import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { filingApi } from '../../api/financing';
import type { Filing, Product } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FilingActions } from './FilingActions';

const OPEN = ['submitted', 'reviewed'];

/** 备案 of one product: its filings newest first; the owner files and withdraws, officers decide. */
export function FilingPanel({ product, owner, onChange }: { product: Product; owner: boolean; onChange(): void }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const { data, error, loading, reload } = useApi((signal) => filingApi.list(product.id, signal), `${product.id}:${product.updatedAt}`);
  const filings = data?.items ?? [];
  const open = filings.find((f) => OPEN.includes(f.status));

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await run();
      reload();
      onChange();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }

  const done = () => {
    reload();
    onChange();
  };

  return (
    <div data-testid="filing-panel">
      <ErrorAlert error={error ?? actionError} />
      {owner && (
        <Space style={{ marginBottom: 12 }}>
          {!open && product.status !== 'withdrawn' && (
            <Button type="primary" loading={busy} onClick={() => act(() => filingApi.file(product.id))} data-testid="filing-file">
              {t('filing.file')}
            </Button>
          )}
          {open && (
            <Button loading={busy} onClick={() => act(() => filingApi.withdraw(product.id, open.id))} data-testid="filing-withdraw">
              {t('filing.withdraw')}
            </Button>
          )}
        </Space>
      )}
      <Table<Filing>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={filings}
        locale={{ emptyText: t('filing.none') }}
        columns={[
          { key: 'version', title: t('filing.field.version'), render: (_, f) => `v${f.version}` },
          {
            key: 'status',
            title: t('filing.field.status'),
            render: (_, f) => <Tag data-testid="filing-status">{t(`filing.status.${f.status}`)}</Tag>,
          },
          { key: 'submitted', title: t('filing.field.submittedAt'), render: (_, f) => formatDateTime(f.submittedAt, language) },
          {
            key: 'reviewed',
            title: t('filing.field.reviewedAt'),
            render: (_, f) => (
              <>
                {formatDateTime(f.reviewedAt, language)}
                {f.reviewedBy && <span data-testid="filing-reviewer"> · {f.reviewedBy.displayName}</span>}
                {f.proposePolicyProduct && <Tag color="red" style={{ marginLeft: 4 }}>{t('filing.field.proposal')}</Tag>}
                {f.reviewNote && <div>{f.reviewNote}</div>}
              </>
            ),
          },
          {
            key: 'decided',
            title: t('filing.field.decidedAt'),
            render: (_, f) => (
              <>
                {formatDateTime(f.decidedAt, language)}
                {f.decidedBy && <span> · {f.decidedBy.displayName}</span>}
                {f.decisionNote && <div>{f.decisionNote}</div>}
              </>
            ),
          },
          { key: 'actions', title: '', render: (_, f) => <FilingActions productId={product.id} filing={f} onDone={done} /> },
        ]}
      />
    </div>
  );
}
