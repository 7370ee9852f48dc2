import { Col, Form, Input, Row, Select } from 'antd';
import { LISTING_STATUSES, SECTORS, SHANGHAI_DISTRICTS } from '../../api/types';
import { checkUscc } from '../../../shared/uscc';
import { useI18n } from '../../app/i18n';

/** The profile fields shared by "create" and "edit"; the USCC is fixed once an enterprise exists. */
export function EnterpriseFields({ withUscc }: { withUscc: boolean }) {
  const { t } = useI18n();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Row gutter={16}>
      {withUscc && (
        <Col xs={24} md={12}>
          <Form.Item
            name="uscc"
            label={t('enterprise.field.uscc')}
            rules={[
              ...required,
              {
                // The same GB 32100 check the server runs, so a typo is caught before the round trip.
                validator: async (_, value: string | undefined) => {
                  if (!value) return;
                  const result = checkUscc(value);
                  if (!result.ok) throw new Error(t(`uscc.${result.rule}`));
                },
              },
            ]}
          >
            <Input maxLength={18} data-testid="field-uscc" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item name="name" label={t('enterprise.field.name')} rules={required}>
          <Input data-testid="field-name" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="sector" label={t('enterprise.field.sector')} rules={required}>
          <Select
            data-testid="field-sector"
            options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="district" label={t('enterprise.field.district')} rules={required}>
          <Select
            showSearch
            data-testid="field-district"
            options={SHANGHAI_DISTRICTS.map((d) => ({ value: d, label: d }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="street" label={t('enterprise.field.street')}>
          <Input data-testid="field-street" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="foundedOn" label={t('enterprise.field.foundedOn')}>
          <Input type="date" data-testid="field-foundedOn" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="industryCode" label={t('enterprise.field.industryCode')}>
          <Input data-testid="field-industryCode" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="listingStatus" label={t('enterprise.field.listingStatus')}>
          <Select
            data-testid="field-listingStatus"
            options={LISTING_STATUSES.map((s) => ({ value: s, label: t(`listing.${s}`) }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
