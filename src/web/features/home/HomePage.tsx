import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { MENU_GROUPS, menuFor } from '../../app/menu';
import { useMeta } from '../../app/meta';

export function HomePage() {
  const user = useUser();
  const meta = useMeta();
  const { t } = useI18n();
  const links = menuFor(user).filter((entry) => entry.key !== 'home');
  // The menu's sections as headed rows of cards, in the menu's order.
  const sections = MENU_GROUPS.map((group) => ({ group, entries: links.filter((entry) => entry.group === group) })).filter(
    (section) => section.entries.length > 0,
  );
  return (
    <div data-testid="home-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.intro', { role: t(`role.${user.role}`), org: user.organization.name })}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('home.quickLinks')}</Typography.Title>
      {sections.map(({ group, entries }) => (
        <section key={group} data-testid={`home-section-${group}`} style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary" strong style={{ display: 'block', marginBottom: 8 }}>
            {t(`nav.group.${group}`)}
          </Typography.Text>
          <Row gutter={[16, 16]}>
            {entries.map((entry) => (
              <Col key={entry.key} xs={24} sm={12} md={8} lg={6}>
                <Link to={entry.path} data-testid={`home-link-${entry.key}`}>
                  <Card hoverable size="small">
                    <span style={{ marginInlineEnd: 8 }}>{entry.icon}</span>
                    {t(entry.label)}
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </section>
      ))}
      {meta && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 32, fontSize: 12 }}>
          {meta.name} · {t('home.version', { version: meta.version })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
