import { PageContainer } from '@ant-design/pro-components';
import { Card, Col, Row } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { capabilities } from '../capabilities';
import { buildMenu, menuLeaves } from '../platform/menu';

/** For roles that see no card (administrators, auditors): where their work is. */
function Shortcuts() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const links = [
    ...menuLeaves(buildMenu(capabilities, can, t)).filter((item) => item.path !== '/dashboard'),
    { path: '/profile', name: t('menu.profile') },
  ];
  return (
    <Card title={t('dashboard.welcome', { name: me?.displayName || me?.username })}>
      <Row gutter={[16, 16]}>
        {links.map((link) => (
          <Col key={link.path} xs={24} sm={12} md={6}>
            <Link to={link.path}>
              <Card hoverable size="small">
                {link.name}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The home page: the dashboard cards of every capability the user may see, in order. */
export default function Dashboard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const cards = capabilities
    .flatMap((capability) => capability.dashboardCards ?? [])
    .filter((card) => !card.permission || can(card.permission))
    .sort((a, b) => Number(!!b.todo) - Number(!!a.todo) || a.order - b.order);
  const onlyTodo = cards.every((card) => card.todo);
  return (
    <PageContainer title={t('dashboard.title')}>
      {cards.map(({ key, card: Content }) => (
        <div key={key} style={{ marginBottom: 16 }}>
          <Suspense fallback={<Card loading />}>
            <Content />
          </Suspense>
        </div>
      ))}
      {onlyTodo && <Shortcuts />}
    </PageContainer>
  );
}
