import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { menuFor } from '../../app/menu';
import { useMeta } from '../../app/meta';

export function HomePage() {
  const user = useUser();
  const meta = useMeta();
  const { t } = useI18n();
  const links = menuFor(user).filter((entry) => entry.key !== 'home');
  return (
    <div data-testid="home-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.intro', { role: t(`role.${user.role}`), org: user.organization.name })}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('home.quickLinks')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((entry) => (
          <Col key={entry.key} xs={24} sm={12} md={8} lg={6}>
            <Link to={entry.path}>
              <Card hoverable size="small">
                <span style={{ marginInlineEnd: 8 }}>{entry.icon}</span>
                {t(entry.label)}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {meta && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 32, fontSize: 12 }}>
          {meta.name} · {t('home.version', { version: meta.version })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
