import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import type { UserRepository } from './user-repository.js';

/** Tokens carry 256 bits from the CSPRNG; only their SHA-256 is stored, so a leaked database grants nothing. */
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;

export function createUserService(repo: UserRepository, now: () => number) {
  return {
    create(name: string | null): { id: string; token: string; name: string | null } {
      const id = newId('u');
      const token = `ic_${randomBytes(32).toString('base64url')}`;
      repo.insert(id, name, hashToken(token), new Date(now()).toISOString());
      return { id, token, name };
    },
    /** The user a bearer token belongs to, or undefined for an unknown or malformed token. */
    authenticate(token: string): { id: string; name: string | null } | undefined {
      if (!/^ic_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      return repo.findByTokenHash(hashToken(token));
    },
    get(id: string) {
      const user = repo.findById(id);
      if (!user) throw new NotFoundError('user');
      return { id: user.id, name: user.name, createdAt: user.created_at };
    },
    rename(id: string, name: string | null) {
      if (!repo.rename(id, name)) throw new NotFoundError('user');
      return this.get(id);
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
