import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserRole } from '@partner-hub/domain';
import { hashPassword } from '../../common/auth/password.js';
import type { Organization } from '../organization/organization.entity.js';
import { User } from './user.entity.js';

const hashes = new Map<string, Promise<string>>();
/** scrypt is slow on purpose; seeds and tests reuse one hash per password. */
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
}

let sequence = 0;

/** A user of `organization` (persisted on flush); used by the demo seeder and tests. */
export async function makeUser(
  em: EntityManager,
  organization: Organization,
  fields: { role: UserRole; email?: string; name?: string; password?: string; active?: boolean },
): Promise<User> {
  sequence += 1;
  const user = em.create(User, {
    organization,
    role: fields.role,
    email: fields.email ?? `user${sequence}.${Date.now().toString(36)}@people.example`,
    name: fields.name ?? `User ${sequence}`,
    passwordHash: await cachedHash(fields.password ?? 'correct-horse-battery'),
    active: fields.active ?? true,
  });
  em.persist(user);
  return user;
}
