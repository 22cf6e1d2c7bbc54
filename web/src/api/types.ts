// Shapes of the node's answers the console uses (docs/api.md).

export interface Me {
  id: string;
  username: string;
  displayName: string;
  org: string;
  roles: string[];
  permissions: string[];
  ownCustomersOnly: boolean;
  mfaPending: boolean;
  csrfToken?: string;
}

export interface LoginAnswer {
  user: Me;
  csrfToken: string;
  mfaRequired: boolean;
  totpEnrolled: boolean;
}

export type CustomerState = 'potential' | 'active' | 'suspended' | 'churned';
export type CustomerLevel = 'group' | 'province' | 'local';
export type RelationshipGrade = 'partner' | 'functional' | 'emotional' | 'drifting';

export interface Customer {
  id: string;
  customerNo: string;
  name: string;
  creditCode: string | null;
  industry: string;
  industryName?: string;
  level: CustomerLevel;
  org: string;
  state: CustomerState;
  stateChangedAt?: string;
  valueGrade: 'A' | 'B' | 'C' | 'D';
  relationshipGrade: RelationshipGrade | null;
  revenue12m: number; // fen
  parentId: string | null;
  address: string;
  tags: string[];
  remarks: string;
  managers: string[];
  mergedInto?: string | null;
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
  version: number;
}

export interface Industry {
  code: string;
  name: string;
  nameEn?: string;
}

export interface Org {
  code: string;
  name: string;
  nameEn?: string;
  level: CustomerLevel;
  parent?: string | null;
  children?: Org[];
}

export interface Contact {
  id: string;
  customerId?: string;
  version?: number;
  masked?: boolean; // personal data shown masked (no pii:view): never send it back
  name: string;
  role: string;
  title?: string;
  mobile?: string;
  phone?: string;
  email?: string;
  birthday?: string;
  preferredChannel?: string;
}

export interface Visit {
  id: string;
  customerId: string;
  date: string;
  type: string;
  staffUserId?: string;
  staffName?: string;
  content: string;
  followUp?: string;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  /** The kind of line in the reader's language, from the module that declared it. */
  title: string;
  summary: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

export interface RevenueMonth {
  month: string;
  amount: number; // fen
  arrears: number; // fen
}

export interface CustomerBrief {
  id: string;
  customerNo: string;
  name: string;
  org: string;
  state: CustomerState;
}

export interface Overview {
  customer: Customer;
  parent: CustomerBrief | null;
  branches: { total: number; items: CustomerBrief[] };
  contacts: Contact[];
  products: { product: string; revenue12m: number; lastMonth: string }[];
  revenue: { from: string; to: string; total: number; arrears: number; months: RevenueMonth[] };
  counts: Record<string, number>;
  /** The counts other modules add (open tickets, opportunities, …), titled by their module. */
  facets: { key: string; title: string; count: number }[];
  notYetAvailable: string[];
  recentVisits: Visit[];
  history: { total: number; items: HistoryEntry[] };
}
