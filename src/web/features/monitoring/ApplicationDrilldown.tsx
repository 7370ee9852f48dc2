import { Drawer, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { monitoringApi, type DrilldownApplication, type FunnelStage } from '../../api/monitoring';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { StatusTag } from '../application/StatusTag';
import { formatWan } from './format';

export interface ApplicationDrill {
  year: number;
  stage: FunnelStage;
}

const PAGE_SIZE = 20;

/** The applications behind a funnel stage (GET /monitoring/drilldown/applications), by the funnel's own definitions. */
export function ApplicationDrilldown({ drill, onClose }: { drill: ApplicationDrill | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={!!drill}
      onClose={onClose}
      width={960}
      destroyOnHidden
      title={drill && <span data-testid="app-drilldown-title">{t('mon.appDrill.title', { year: drill.year, stage: t(`mon.funnel.${drill.stage}`) })}</span>}
    >
      {drill && (
        <div data-testid="app-drilldown">
          <DrillTable drill={drill} />
        </div>
      )}
    </Drawer>
  );
}

function DrillTable({ drill }: { drill: ApplicationDrill }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi(
    (s) => monitoringApi.drilldownApplications({ ...drill, page, pageSize: PAGE_SIZE }, s),
    JSON.stringify({ drill, page }),
  );
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="app-drilldown-summary">
        {t('mon.appDrill.summary', { total: data?.total ?? '…' })}
      </Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<DrilldownApplication>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="app-drilldown-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'no', title: t('mon.appDrill.no'), render: (_, r) => <Link to={`/applications/${r.id}`}>{r.applicationNo}</Link> },
          { key: 'enterprise', title: t('mon.drill.enterprise'), render: (_, r) => r.enterprise.name },
          { key: 'district', title: t('mon.by.district'), dataIndex: 'district' },
          { key: 'product', title: t('mon.drill.product'), render: (_, r) => r.product ?? '—' },
          { key: 'submitted', title: t('mon.appDrill.submittedOn'), dataIndex: 'submittedOn' },
          { key: 'status', title: t('mon.appDrill.status'), render: (_, r) => <StatusTag status={r.status} /> },
          { key: 'bank', title: t('mon.appDrill.recommendedTo'), render: (_, r) => r.recommendedTo?.name ?? r.recommendedTo?.code ?? '—' },
          { key: 'requested', title: t('mon.appDrill.requested'), align: 'right', render: (_, r) => formatWan(r.requestedAmount, language) },
          { key: 'approved', title: t('mon.appDrill.approved'), align: 'right', render: (_, r) => formatWan(r.approvedAmount, language) },
        ]}
      />
    </>
  );
}
