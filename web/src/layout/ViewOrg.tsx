import { createContext, useContext, useState } from 'react';
import type { ReactNode } from 'react';

// The org a group or provincial user has narrowed the console to (a province, a local
// network). Pages pass it to the API as `org`; the server still enforces the user's scope.
interface ViewOrgState {
  viewOrg?: string;
  setViewOrg(org?: string): void;
}

const KEY = 'mams.viewOrg';
const ViewOrgContext = createContext<ViewOrgState>({ setViewOrg: () => {} });

export function ViewOrgProvider({ children }: { children: ReactNode }) {
  const [viewOrg, setState] = useState<string | undefined>(() => sessionStorage.getItem(KEY) ?? undefined);
  const setViewOrg = (org?: string) => {
    if (org) sessionStorage.setItem(KEY, org);
    else sessionStorage.removeItem(KEY);
    setState(org);
  };
  return <ViewOrgContext.Provider value={{ viewOrg, setViewOrg }}>{children}</ViewOrgContext.Provider>;
}

export function useViewOrg(): ViewOrgState {
  return useContext(ViewOrgContext);
}
