import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { FINANCING_IMPORTS, importFinancing, type FinancingImportKind } from '../../api/financing';
import { useI18n } from '../../app/i18n';
import { FileImport } from '../../components/FileImport';

const KINDS = Object.keys(FINANCING_IMPORTS) as FinancingImportKind[];
const SKIPPABLE: FinancingImportKind[] = ['institutions', 'products'];

/** One upload form for any of the financing imports, with the imports' row-level error report. */
function ImportForm({ kind }: { kind: FinancingImportKind }) {
  const { t } = useI18n();
  return (
    <div data-testid={`fin-import-${kind}`}>
      <Typography.Paragraph type="secondary">
        {t(`finImport.hint.${kind}`)}
        <br />
        <code data-testid="fin-import-columns">{t(`finImport.columns.${kind}`)}</code>
      </Typography.Paragraph>
      <FileImport
        testIdPrefix="fin-import"
        skippable={SKIPPABLE.includes(kind)}
        run={(file, options) => importFinancing(kind, file, options)}
        details={(result) =>
          result.created !== undefined && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('finImport.counts', { created: result.created ?? 0, updated: result.updated ?? 0, unchanged: result.unchanged ?? 0 })}
            </Typography.Paragraph>
          )
        }
      />
    </div>
  );
}

/** 融资数据导入: institutions, products, historical applications, tax filings, social insurance. */
export function FinancingImportsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const kind = (KINDS.includes(params.get('kind') as FinancingImportKind) ? params.get('kind') : 'institutions') as FinancingImportKind;
  return (
    <Card title={t('nav.finImports')} data-testid="fin-imports-page">
      <Tabs
        activeKey={kind}
        onChange={(key) => setParams({ kind: key }, { replace: true })}
        destroyOnHidden
        items={KINDS.map((k) => ({ key: k, label: <span data-testid={`fin-import-tab-${k}`}>{t(`finImport.kind.${k}`)}</span>, children: <ImportForm kind={k} /> }))}
      />
    </Card>
  );
}
