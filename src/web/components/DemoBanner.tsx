import { Alert, Tag } from 'antd';
import { useI18n } from '../app/i18n';
import { useMeta } from '../app/meta';

export function DemoBanner() {
  const meta = useMeta();
  const { t } = useI18n();
  if (!meta?.demo) return null;
  return <Alert type="warning" banner showIcon data-testid="demo-banner" title={t('demo.banner')} />;
}

export function DemoTag({ demo }: { demo: boolean }) {
  const { t } = useI18n();
  if (!demo) return null;
  return (
    <Tag color="orange" data-testid="demo-tag" style={{ marginInlineStart: 8 }}>
      {t('demo.tag')}
    </Tag>
  );
}
