import type { Db } from '../store/db.js';

export function createUserRepository(db: Db) {
  const insert = db.prepare<[string, string | null, string, string]>(
    'INSERT INTO users (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  // A token is either the one the profile was created with or one issued to another device by a recovery code.
  const byTokenHash = db.prepare<[string, string], { id: string; name: string | null }>(
    `SELECT id, name FROM users WHERE token_hash = ?
     UNION ALL
     SELECT u.id, u.name FROM device_tokens d JOIN users u ON u.id = d.user_id WHERE d.token_hash = ?`,
  );
  const byId = db.prepare<[string], { id: string; name: string | null; created_at: string }>(
    'SELECT id, name, created_at FROM users WHERE id = ?',
  );
  const rename = db.prepare<[string | null, string]>('UPDATE users SET name = ? WHERE id = ?');
  const setRecovery = db.prepare<[string, string, number]>(
    `INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at`,
  );
  const deleteRecovery = db.prepare<[string]>('DELETE FROM recovery_codes WHERE user_id = ?');
  const recoveryOf = db.prepare<[string], { created_at: number }>('SELECT created_at FROM recovery_codes WHERE user_id = ?');
  const byRecoveryHash = db.prepare<[string], { id: string; name: string | null }>(
    'SELECT u.id, u.name FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE r.code_hash = ?',
  );
  const insertDevice = db.prepare<[string, string, number]>('INSERT INTO device_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)');
  return {
    insert: (id: string, name: string | null, tokenHash: string, createdAt: string) =>
      void insert.run(id, name, tokenHash, createdAt),
    findByTokenHash: (tokenHash: string) => byTokenHash.get(tokenHash, tokenHash),
    findById: (id: string) => byId.get(id),
    rename: (id: string, name: string | null) => rename.run(name, id).changes > 0,
    /** Sets (or replaces) the user's recovery code. */
    setRecoveryCode: (userId: string, codeHash: string, at: number) => void setRecovery.run(userId, codeHash, at),
    deleteRecoveryCode: (userId: string) => deleteRecovery.run(userId).changes > 0,
    recoveryCodeCreatedAt: (userId: string) => recoveryOf.get(userId)?.created_at ?? null,
    findByRecoveryHash: (codeHash: string) => byRecoveryHash.get(codeHash),
    addDeviceToken: (tokenHash: string, userId: string, at: number) => void insertDevice.run(tokenHash, userId, at),
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
