import { ProFormSelect } from '@ant-design/pro-components';
import type { ProFormSelectProps } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { localName, useReferenceList } from './referenceData';

/** A form's org field (named "org"): a searchable choice among the orgs in the caller's scope, each "name (code)". */
export function OrgSelect(props: ProFormSelectProps) {
  const { i18n } = useTranslation();
  const orgs = useReferenceList('orgs');
  return (
    <ProFormSelect
      name="org"
      showSearch
      options={(orgs ?? []).map((org) => ({ value: org.code, label: `${localName(org, i18n.language)} (${org.code})` }))}
      {...props}
    />
  );
}
