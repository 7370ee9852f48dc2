import { Alert, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { COLLATERAL_MODES, PRODUCT_TYPES, STAGES, type Criteria, type Product, type ProductInput } from '../../api/financing-types';
import { CERTIFICATION_TYPES, SECTORS } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ModalForm } from '../../components/ModalForm';
import { collateralLabel, productTypeLabel } from './labels';

interface Values extends Omit<ProductInput, 'criteria'> {
  criteria?: Criteria;
}

/** Drops empty criteria (the server wants a non-empty list or no key at all). */
function cleanCriteria(c: Criteria | undefined): Criteria {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c ?? {})) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || v === false) continue;
    out[k] = v;
  }
  if (!out.certifications) delete out.certificationsMatch;
  return out as Criteria;
}

interface Props {
  open: boolean;
  /** Absent: create. */
  product?: Product;
  /** Officers create platform programmes with partner banks. */
  programme: boolean;
  onCancel(): void;
  onSaved(product: Product): void;
  save(input: ProductInput): Promise<Product>;
}

export function ProductFormModal({ open, product, programme, onCancel, onSaved, save }: Props) {
  const { t } = useI18n();
  const initial: Partial<Values> | undefined = product
    ? {
        name: product.name,
        status: product.status,
        partnerCodes: product.partners.map((p) => p.code),
        amountMin: product.terms.amountMin,
        amountMax: product.terms.amountMax,
        termMinMonths: product.terms.termMinMonths,
        termMaxMonths: product.terms.termMaxMonths,
        rateMin: product.terms.rateMin,
        rateMax: product.terms.rateMax,
        collateralMode: product.terms.collateralMode,
        description: product.terms.description,
        criteria: product.terms.criteria,
      }
    : { status: 'active', criteria: { certificationsMatch: 'all' } };

  async function submit(values: Values) {
    const input: ProductInput = { ...values, criteria: cleanCriteria(values.criteria) };
    for (const key of ['amountMin', 'amountMax', 'termMinMonths', 'termMaxMonths', 'rateMin', 'rateMax', 'collateralMode', 'description'] as const)
      if (input[key] === undefined || input[key] === '') (input as Record<string, unknown>)[key] = null;
    if (!programme) delete input.partnerCodes;
    onSaved(await save(input));
  }

  return (
    <ModalForm<Values>
      open={open}
      title={product ? t('product.edit') : t('product.new')}
      okText={t('fin.common.save')}
      initialValues={initial}
      testId="product-form"
      width={760}
      onCancel={onCancel}
      onSubmit={submit}
    >
      {product && <Alert type="info" showIcon title={t('product.edit.hint')} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        {!product && (
          <Col span={8}>
            <Form.Item name="code" label={t('product.field.code')} rules={[{ required: true }]}>
              <Input data-testid="product-code" />
            </Form.Item>
          </Col>
        )}
        <Col span={product ? 12 : 8}>
          <Form.Item name="name" label={t('product.field.name')} rules={[{ required: true }]}>
            <Input data-testid="product-name" />
          </Form.Item>
        </Col>
        {!product && (
          <Col span={8}>
            <Form.Item name="type" label={t('product.field.type')} rules={[{ required: true }]}>
              <Select data-testid="product-type" options={PRODUCT_TYPES.map((v) => ({ value: v, label: productTypeLabel(t, v) }))} />
            </Form.Item>
          </Col>
        )}
        <Col span={product ? 12 : 8}>
          <Form.Item name="status" label={t('product.field.status')}>
            <Select
              options={(product ? ['draft', 'active', 'withdrawn'] : ['draft', 'active']).map((v) => ({ value: v, label: t(`productStatus.${v}` as never) }))}
            />
          </Form.Item>
        </Col>
        {programme && (
          <Col span={16}>
            <Form.Item name="partnerCodes" label={t('product.field.partnerCodes')}>
              <Select mode="tags" tokenSeparators={[',', ';', ' ']} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={12}>
        {(['amountMin', 'amountMax', 'termMinMonths', 'termMaxMonths'] as const).map((key) => (
          <Col span={6} key={key}>
            <Form.Item name={key} label={t(`product.field.${key}`)}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid={`product-${key}`} />
            </Form.Item>
          </Col>
        ))}
        {(['rateMin', 'rateMax'] as const).map((key) => (
          <Col span={6} key={key}>
            <Form.Item name={key} label={t(`product.field.${key}`)}>
              <Input data-testid={`product-${key}`} />
            </Form.Item>
          </Col>
        ))}
        <Col span={12}>
          <Form.Item name="collateralMode" label={t('product.field.collateralMode')}>
            <Select allowClear options={COLLATERAL_MODES.map((v) => ({ value: v, label: collateralLabel(t, v) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('product.field.description')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Divider titlePlacement="start">{t('product.criteria')}</Divider>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['criteria', 'stages']} label={t('product.criteria.stages')}>
            <Checkbox.Group options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['criteria', 'sectors']} label={t('product.criteria.sectors')}>
            <Select mode="multiple" options={SECTORS.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['criteria', 'certifications']} label={t('product.criteria.certifications')}>
            <Select mode="tags" options={CERTIFICATION_TYPES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['criteria', 'certificationsMatch']} label={t('product.criteria.certificationsMatch')}>
            <Radio.Group options={[{ value: 'all', label: t('product.criteria.match.all') }, { value: 'any', label: t('product.criteria.match.any') }]} />
          </Form.Item>
        </Col>
        {(['minYearsSinceFounding', 'minRevenue', 'maxNplCount'] as const).map((key) => (
          <Col span={8} key={key}>
            <Form.Item name={['criteria', key]} label={t(`product.criteria.${key}`)}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid={`product-criteria-${key}`} />
            </Form.Item>
          </Col>
        ))}
        <Col span={24}>
          <Form.Item name={['criteria', 'yangpuRegistered']} valuePropName="checked">
            <Checkbox>{t('product.criteria.yangpuRegistered')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </ModalForm>
  );
}
