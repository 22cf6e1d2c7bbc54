import { Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';

interface OpenPage {
  key: string; // path and query, as opened
  path: string;
}

const HOME = '/dashboard';

/** The title of a page by its path, from the menu's words. */
function useTitleOf(): (path: string) => string {
  const { t } = useTranslation();
  const titles: Record<string, string> = {
    '/dashboard': t('menu.dashboard'),
    '/customers': t('menu.customerList'),
    '/contacts': t('menu.contacts'),
    '/visits': t('menu.visits'),
    '/imports': t('menu.imports'),
    '/system/users': t('menu.users'),
    '/system/roles': t('menu.roles'),
    '/system/audit': t('menu.audit'),
    '/system/sync': t('menu.sync'),
    '/system/monitor': t('menu.monitor'),
    '/profile': t('menu.profile'),
  };
  return (path) => titles[path] ?? (path.startsWith('/customers/') ? t('overview.title') : '');
}

/**
 * The strip of open pages (tags view) Chinese consoles have: every page visited stays one
 * click away until closed; the dashboard cannot be closed.
 */
export default function PageTabs() {
  const location = useLocation();
  const navigate = useNavigate();
  const titleOf = useTitleOf();
  const [pages, setPages] = useState<OpenPage[]>([{ key: HOME, path: HOME }]);
  const current = location.pathname + location.search;

  useEffect(() => {
    if (!titleOf(location.pathname)) return; // "/" redirects; it is no page of its own
    setPages((open) => {
      const at = open.findIndex((page) => page.path === location.pathname);
      const page = { key: current, path: location.pathname };
      if (at < 0) return [...open, page];
      const next = [...open];
      next[at] = page; // the same page with other filters replaces itself
      return next;
    });
  }, [current, location.pathname]);

  const close = (key: string) => {
    const left = pages.filter((page) => page.key !== key);
    setPages(left);
    if (key === current) navigate(left[left.length - 1]?.key ?? HOME);
  };

  return (
    <Tabs
      type="editable-card"
      hideAdd
      size="small"
      activeKey={pages.find((page) => page.path === location.pathname)?.key ?? current}
      onChange={(key) => navigate(key)}
      onEdit={(key, action) => {
        if (action === 'remove' && typeof key === 'string') close(key);
      }}
      items={pages.map((page) => ({ key: page.key, label: titleOf(page.path), closable: page.path !== HOME }))}
      style={{ marginBottom: 0, padding: '8px 24px 0' }}
      data-testid="page-tabs"
    />
  );
}
