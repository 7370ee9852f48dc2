import { EditOutlined, LockOutlined } from '@ant-design/icons';
import { App, Button, Card, Result, Space, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { enterpriseApi } from '../../api/endpoints';
import type { EnterpriseDetail, EnterprisePatch } from '../../api/types';
import { useAuth } from '../../app/auth';
import { labelOr, useI18n } from '../../app/i18n';
import { canEditEnterprise } from '../../app/roles';
import { DemoTag } from '../../components/DemoBanner';
import { ErrorAlert } from '../../components/ErrorAlert';
import { blankToNull, ModalForm } from '../../components/ModalForm';
import { NotFound } from '../../components/NotFound';
import { useApi } from '../../components/useApi';
import { EnterpriseFields } from './EnterpriseFields';
import { FinancialsTab } from './FinancialsTab';
import { IpAssetsTab } from './IpAssetsTab';
import { ProfileTab } from './ProfileTab';
import { RoundsTab } from './RoundsTab';
import { EvaluationSection } from '../evaluation/EvaluationSection';

const TABS = ['profile', 'financials', 'ip', 'rounds', 'evaluation'] as const;
type TabKey = (typeof TABS)[number];

/** Institution users see the summary only, until the enterprise consents. */
function Restricted() {
  const { t } = useI18n();
  return (
    <Result
      icon={<LockOutlined />}
      title={t('enterprise.detail.restricted')}
      subTitle={t('enterprise.detail.restrictedHint')}
      data-testid="restricted"
    />
  );
}

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const { data, error, loading, reload } = useApi((signal) => enterpriseApi.get(id, signal), id);

  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Spin spinning={loading} style={{ display: 'block', marginTop: 64 }} />;

  const e: EnterpriseDetail = data;
  const editable = canEditEnterprise(user ?? null, e.id);
  const requested = params.get('tab');
  const tab: TabKey = TABS.includes(requested as TabKey) ? (requested as TabKey) : 'profile';

  return (
    <Card
      data-testid="enterprise-detail"
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="enterprise-name">
            {e.name}
          </Typography.Title>
          <DemoTag demo={e.demo} />
          <Typography.Text type="secondary">{labelOr(t, `sector.${e.sector}`, e.sector)}</Typography.Text>
        </Space>
      }
      extra={
        editable && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
            {t('enterprise.detail.edit')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'profile' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'profile',
            label: t('enterprise.detail.tab.profile'),
            children: <ProfileTab enterprise={e} editable={editable} onChanged={reload} />,
          },
          {
            key: 'financials',
            label: <span data-testid="tab-financials">{t('enterprise.detail.tab.financials')}</span>,
            children: e.financials ? (
              <FinancialsTab enterpriseId={e.id} financials={e.financials} editable={editable} onChanged={reload} />
            ) : (
              <Restricted />
            ),
          },
          {
            key: 'ip',
            label: <span data-testid="tab-ip">{t('enterprise.detail.tab.ip')}</span>,
            children: e.ipAssets ? (
              <IpAssetsTab enterpriseId={e.id} ipAssets={e.ipAssets} editable={editable} onChanged={reload} />
            ) : (
              <Restricted />
            ),
          },
          {
            key: 'rounds',
            label: <span data-testid="tab-rounds">{t('enterprise.detail.tab.rounds')}</span>,
            children: e.rounds ? (
              <RoundsTab enterpriseId={e.id} rounds={e.rounds} editable={editable} onChanged={reload} />
            ) : (
              <Restricted />
            ),
          },
          {
            key: 'evaluation',
            label: <span data-testid="tab-evaluation">{t('evaluation.tab')}</span>,
            // Evaluations are derived from financials: shown where financials are (office staff, the enterprise itself).
            children: e.financials ? <EvaluationSection enterpriseId={e.id} editable={editable} /> : <Restricted />,
          },
        ]}
      />
      <ModalForm<EnterprisePatch>
        open={editing}
        title={t('enterprise.detail.edit')}
        width={760}
        testId="enterprise-edit-modal"
        initialValues={{
          name: e.name,
          district: e.district,
          street: e.street ?? '',
          foundedOn: e.foundedOn ?? '',
          sector: e.sector,
          industryCode: e.industryCode ?? '',
          listingStatus: e.listingStatus,
        }}
        onCancel={() => setEditing(false)}
        onSubmit={async (values) => {
          await enterpriseApi.update(e.id, blankToNull(values) as EnterprisePatch);
          message.success(t('common.saved'));
          setEditing(false);
          reload();
        }}
      >
        <EnterpriseFields withUscc={false} />
      </ModalForm>
    </Card>
  );
}
