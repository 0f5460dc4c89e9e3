import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, UnauthorizedError } from '../errors.js';
import type { UserRepository } from './user-repository.js';

/** Tokens carry 256 bits from the CSPRNG; only their SHA-256 is stored, so a leaked database grants nothing. */
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;

const newToken = () => `ic_${randomBytes(32).toString('base64url')}`;

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 120 bits from the CSPRNG as 24 base32 symbols in groups of four: `7K2M-…`. */
function newRecoveryCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let symbols = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      symbols += CROCKFORD.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  return symbols.match(/.{4}/g)?.join('-') ?? symbols;
}

/**
 * The canonical form of a typed code: case, spaces and dashes do not matter, and the letters Crockford's
 * alphabet leaves out are read as the digits they look like. Undefined for anything that cannot be a code.
 */
export function normaliseRecoveryCode(input: string): string | undefined {
  const symbols = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{24}$/.test(symbols) ? symbols : undefined;
}

export function createUserService(repo: UserRepository, now: () => number) {
  return {
    create(name: string | null): { id: string; token: string; name: string | null } {
      const id = newId('u');
      const token = newToken();
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
      const recovery = repo.recoveryCodeCreatedAt(id);
      return {
        id: user.id,
        name: user.name,
        createdAt: user.created_at,
        recoveryCodeCreatedAt: recovery === null ? null : new Date(recovery).toISOString(),
      };
    },
    /**
     * A new recovery code for the user, replacing any earlier one; returned this once, only its hash is kept.
     * Devices already signed in with an earlier code stay signed in.
     */
    createRecoveryCode(userId: string): { code: string; createdAt: string } {
      const code = newRecoveryCode();
      const at = now();
      repo.setRecoveryCode(userId, hashToken(normaliseRecoveryCode(code) ?? code), at);
      return { code, createdAt: new Date(at).toISOString() };
    },
    revokeRecoveryCode(userId: string): void {
      if (!repo.deleteRecoveryCode(userId)) throw new NotFoundError('recovery code');
    },
    /** Signs a new device in to the profile a recovery code belongs to: a token of its own for the same user. */
    redeemRecoveryCode(input: string): { id: string; token: string; name: string | null } {
      const code = normaliseRecoveryCode(input);
      const user = code === undefined ? undefined : repo.findByRecoveryHash(hashToken(code));
      if (!user) throw new UnauthorizedError('that recovery code is not valid');
      const token = newToken();
      repo.addDeviceToken(hashToken(token), user.id, now());
      return { id: user.id, token, name: user.name };
    },
    rename(id: string, name: string | null) {
      if (!repo.rename(id, name)) throw new NotFoundError('user');
      return this.get(id);
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
