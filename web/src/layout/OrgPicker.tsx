import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Org } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { localName } from '../customers/referenceData';
import { useViewOrg } from './ViewOrg';

interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}

function toNodes(org: Org, language: string): TreeNode {
  return {
    value: org.code,
    title: localName(org, language),
    children: org.children?.map((child) => toNodes(child, language)),
  };
}

/** Narrows the console to an org below the user's own; shown only to users who have one. */
export default function OrgPicker() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { viewOrg, setViewOrg } = useViewOrg();
  const [tree, setTree] = useState<Org>();

  useEffect(() => {
    if (!can('orgs:read')) return;
    api<Org>('GET', '/api/v1/orgs/tree')
      .then(setTree)
      .catch(() => setTree(undefined));
  }, [can]);

  if (!tree?.children?.length) return null;
  return (
    <div style={{ display: 'flex', alignItems: 'center', lineHeight: 'normal' }} onClick={(event) => event.stopPropagation()}>
    <TreeSelect
      style={{ width: 200 }}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('header.narrow')}
      value={viewOrg}
      onChange={(value?: string) => setViewOrg(value || undefined)}
      treeData={[toNodes(tree, i18n.language)]}
      treeDefaultExpandedKeys={[tree.code]}
      data-testid="org-picker"
    />
    </div>
  );
}
