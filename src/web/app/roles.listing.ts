import type { Role } from '../api/types';

// 上市培育、股权融资与投贷联动、科技金融服务站 (issue #7) capabilities, after the role tables in docs/listing.md.
export type ListingCapability = 'listing.pool' | 'listing.manage' | 'listing.admin' | 'equity.needs' | 'equity.linkage' | 'stations.read' | 'stations.admin';

const STAFF_READ: readonly ListingCapability[] = ['listing.pool', 'equity.needs', 'equity.linkage', 'stations.read'];

export const listingCapabilities: Record<Role, readonly ListingCapability[]> = {
  admin: [...STAFF_READ, 'listing.manage', 'listing.admin', 'stations.admin'],
  officer: [...STAFF_READ, 'listing.manage'],
  auditor: STAFF_READ,
  reviewer: STAFF_READ,
  // Funds browse needs shown to them (the server refuses banks with a 403; the page says so).
  institution_user: ['equity.needs'],
  enterprise_user: ['equity.needs'],
};
