import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { applicationApi } from '../../api/financing';
import type { SlaWarning } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { StatusTag } from './StatusTag';

const LINE_COLORS: Record<number, string> = { 30: 'gold', 60: 'orange', 90: 'red' };

/** 预警线: applications past 30/60/90 days without a bank decision, with the bank and the days; banks see their own. */
export function WarningsPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const [state, setState] = useState<'open' | 'resolved' | 'all'>('open');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => applicationApi.warnings({ state, page, pageSize: 20 }, signal), `${state}:${page}`);
  const settings = useApi((signal) => applicationApi.slaSettings(signal), 'sla-settings');
  return (
    <Card title={t('nav.finWarnings')} data-testid="warnings-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as typeof state);
            setPage(1);
          }}
          options={(['open', 'resolved', 'all'] as const).map((v) => ({ value: v, label: t(`warning.state.${v}`) }))}
        />
        {settings.data && (
          <Typography.Text type="secondary">{t('warning.lines', { lines: settings.data.lines.join(' / ') })}</Typography.Text>
        )}
        {(user.role === 'officer' || user.role === 'admin') && <Typography.Text type="secondary">{t('warning.reassignHint')}</Typography.Text>}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<SlaWarning>
        rowKey={(w) => `${w.application.id}:${w.assignmentSeq}:${w.lineDays}`}
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="warnings-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          {
            key: 'no',
            title: t('app.field.no'),
            render: (_, w) => <Link to={`/applications/${w.application.id}`}>{w.application.applicationNo}</Link>,
          },
          { key: 'enterprise', title: t('app.field.enterprise'), render: (_, w) => w.application.enterpriseName },
          { key: 'bank', title: t('app.form.bank'), render: (_, w) => w.bank.name },
          { key: 'line', title: t('warning.line'), render: (_, w) => <Tag color={LINE_COLORS[w.lineDays] ?? 'red'}>{t('fin.common.days', { n: w.lineDays })}</Tag> },
          { key: 'days', title: t('app.field.daysSinceRecommendation'), align: 'right', render: (_, w) => w.daysSinceRecommendation },
          { key: 'recommendedOn', title: t('app.field.recommendedOn'), dataIndex: 'recommendedOn' },
          { key: 'amount', title: t('app.form.amount'), align: 'right', render: (_, w) => formatWan(w.application.recommendedAmount, language) },
          { key: 'status', title: t('app.field.status'), render: (_, w) => <StatusTag status={w.application.status} /> },
          { key: 'resolved', title: t('warning.resolved'), render: (_, w) => (w.resolvedAt ? t('fin.common.yes') : t('fin.common.no')) },
        ]}
      />
    </Card>
  );
}
