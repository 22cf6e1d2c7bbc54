import { Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation, useNavigate } from 'react-router-dom';
import { capabilities } from '../capabilities';

interface OpenPage {
  key: string; // path and query, as opened
  path: string;
}

const HOME = '/dashboard';

const routes = capabilities.flatMap((capability) => capability.routes);

/** The title of a page by its path, as its capability declares it; '' for a page without one. */
function useTitleOf(): (path: string) => string {
  const { t } = useTranslation();
  return (path) => {
    const route = routes.find((candidate) => candidate.title && matchPath(candidate.path, path));
    return route?.title ? t(route.title) : '';
  };
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
