import { ReloadOutlined, FormOutlined } from '@ant-design/icons';
import { App, Button, Empty, Select, Space, Spin } from 'antd';
import { useState } from 'react';
import { evaluationApi } from '../../api/evaluation';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { FactsModal } from './FactsModal';
import { HnteCard, InnovationCard, LifecycleCard, ListingCard, TechSmeCard } from './ResultCards';

const lastYear = () => new Date().getFullYear() - 1;

/** The enterprise page's evaluation section: the stored results of a year, explained, with a radar chart. */
export function EvaluationSection({ enterpriseId, editable }: { enterpriseId: string; editable: boolean }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>();
  const [factsOpen, setFactsOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const { data, error, loading, reload } = useApi((signal) => evaluationApi.get(enterpriseId, year, signal), `${enterpriseId}|${year ?? ''}`);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Spin spinning={loading} />;
  const shown = data.year;
  const years = [...new Set([...data.years, shown, lastYear()])].sort((a, b) => b - a);
  const of = (kind: string) => data.results.find((r) => r.kind === kind);
  const officer = user?.role === 'admin' || user?.role === 'officer';

  async function refresh() {
    setBusy(true);
    try {
      await evaluationApi.refresh(enterpriseId, shown);
      message.success(t('common.saved'));
      reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="evaluation-section">
      <Space wrap>
        <span>{t('evaluation.year')}</span>
        <Select value={shown} onChange={setYear} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} data-testid="evaluation-year" />
        {editable && <Button icon={<ReloadOutlined />} loading={busy} onClick={refresh} data-testid="evaluation-refresh">{t('evaluation.refresh')}</Button>}
        {editable && <Button icon={<FormOutlined />} onClick={() => setFactsOpen(true)} data-testid="evaluation-facts">{t('evaluation.editFacts')}</Button>}
      </Space>
      {data.results.length === 0 && <Empty description={t('evaluation.none')} />}
      {of('tech_sme') && <TechSmeCard r={of('tech_sme')!} />}
      {of('innovation_points') && <InnovationCard r={of('innovation_points')!} />}
      {of('lifecycle') && <LifecycleCard r={of('lifecycle')!} />}
      {of('hnte') && <HnteCard r={of('hnte')!} />}
      {of('listing_readiness') && <ListingCard r={of('listing_readiness')!} />}
      <FactsModal
        enterpriseId={enterpriseId} year={shown} officer={officer} open={factsOpen} onClose={() => setFactsOpen(false)}
        onSaved={() => { setFactsOpen(false); message.success(t('common.saved')); reload(); }}
      />
    </Space>
  );
}
