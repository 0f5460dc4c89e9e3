import type { Db } from '../store/db.js';

export function createUserRepository(db: Db) {
  const insert = db.prepare<[string, string | null, string, string]>(
    'INSERT INTO users (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const byTokenHash = db.prepare<[string], { id: string; name: string | null }>(
    'SELECT id, name FROM users WHERE token_hash = ?',
  );
  const byId = db.prepare<[string], { id: string; name: string | null; created_at: string }>(
    'SELECT id, name, created_at FROM users WHERE id = ?',
  );
  const rename = db.prepare<[string | null, string]>('UPDATE users SET name = ? WHERE id = ?');
  return {
    insert: (id: string, name: string | null, tokenHash: string, createdAt: string) =>
      void insert.run(id, name, tokenHash, createdAt),
    findByTokenHash: (tokenHash: string) => byTokenHash.get(tokenHash),
    findById: (id: string) => byId.get(id),
    rename: (id: string, name: string | null) => rename.run(name, id).changes > 0,
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
