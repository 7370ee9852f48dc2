import { describe, expect, it } from 'vitest';
import type { OrganizationKind, Role, User } from '../api/types';
import { MENU_GROUPS, menuFor, menuSections, selectedMenuKey } from './menu';

function user(role: Role, kind: OrganizationKind, enterpriseId: string | null = null): User {
  return { id: 'u', username: role, displayName: role, role, organization: { id: 'o', name: 'org', kind }, enterpriseId };
}

const USERS: User[] = [
  user('admin', 'office'),
  user('officer', 'office'),
  user('reviewer', 'office'),
  user('auditor', 'office'),
  user('institution_user', 'bank'),
  user('institution_user', 'guarantor'),
  user('institution_user', 'fund'),
  user('enterprise_user', 'enterprise', 'e1'),
];

describe('the side menu', () => {
  it('files every entry but home under a section, in the sections\' order, each key once', () => {
    for (const u of USERS) {
      const entries = menuFor(u);
      expect(entries[0]!.key).toBe('home');
      expect(entries.slice(1).every((e) => e.group !== undefined), `${u.role}/${u.organization.kind}`).toBe(true);
      const order = entries.slice(1).map((e) => MENU_GROUPS.indexOf(e.group!));
      expect(order, u.role).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    }
  });

  it("groups an officer's long menu into sections and keeps every entry reachable", () => {
    const entries = menuFor(user('officer', 'office'));
    const sections = menuSections(entries);
    expect(entries.length).toBeGreaterThan(25);
    expect(sections.length).toBeLessThanOrEqual(MENU_GROUPS.length + 1);
    expect(sections[0]).toEqual({ kind: 'entry', entry: entries[0] });
    const shown = sections.flatMap((s) => (s.kind === 'entry' ? [s.entry.key] : s.entries.map((e) => e.key)));
    expect(shown).toEqual(entries.map((e) => e.key));
    const financing = sections.find((s) => s.kind === 'group' && s.group === 'financing');
    expect(financing?.kind === 'group' && financing.entries.map((e) => e.key)).toContain('fin-applications');
  });

  it('shows a section with a single entry as that entry alone', () => {
    const entries = menuFor(user('enterprise_user', 'enterprise', 'e1'));
    const sections = menuSections(entries);
    for (const section of sections) if (section.kind === 'group') expect(section.entries.length).toBeGreaterThan(1);
    const admin = entries.filter((e) => e.group === 'admin');
    expect(admin.map((e) => e.key)).toEqual(['tokens']);
    expect(sections).toContainEqual({ kind: 'entry', entry: admin[0] });
  });

  it('selects the entry with the longest matching path', () => {
    const entries = menuFor(user('officer', 'office'));
    expect(selectedMenuKey(entries, '/')).toBe('home');
    expect(selectedMenuKey(entries, '/enterprises/import')).toBe('enterprise-import');
    expect(selectedMenuKey(entries, '/enterprises/123')).toBe('enterprises');
  });
});
