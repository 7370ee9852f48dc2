import { z } from 'zod';
import { ORGANIZATION_KINDS, ROLES, TOKEN_SCOPES } from '../../platform/principal';
import { PASSWORD_MIN_LENGTH } from '../../platform/secrets';

export const organizationRef = z.object({ id: z.string(), name: z.string(), kind: z.enum(ORGANIZATION_KINDS) });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organization: organizationRef,
  enterpriseId: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
});

export const createUserBody = z.strictObject({
  username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and hyphen only'),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
  role: z.enum(ROLES),
  organizationId: z.uuid(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const organizationView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  enterpriseId: z.string().nullable(),
});

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdBy: z.object({ username: z.string() }),
});

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'choose at least one scope'),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
