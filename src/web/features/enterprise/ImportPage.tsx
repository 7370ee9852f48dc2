import { Card, Typography } from 'antd';
import { enterpriseApi } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { FileImport } from '../../components/FileImport';

/** 企业数据导入: the registry's CSV/XLSX import with its row-level error report. */
export function ImportPage() {
  const { t } = useI18n();
  return (
    <Card title={t('import.title')} data-testid="import-page">
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <FileImport testIdPrefix="import" run={(file, options) => enterpriseApi.import(file, options)} />
    </Card>
  );
}
