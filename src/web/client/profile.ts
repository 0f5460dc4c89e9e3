import { z } from 'zod';
import { api, ApiError, setToken, type Profile } from './api.js';

const STORAGE_KEY = 'interview-coach.profile';
const StoredSchema = z.object({ id: z.string(), token: z.string() });

export interface Identity extends Profile {
  token: string;
}

function readStored(): z.infer<typeof StoredSchema> | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const parsed = StoredSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function createProfile(): Promise<Identity> {
  const created = await api.createUser();
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: created.id, token: created.token }));
  setToken(created.token);
  const profile = await api.me();
  return { ...profile, token: created.token };
}

/**
 * The profile this browser uses: the one kept in localStorage, or a new one on the first visit (or when
 * the server no longer knows the stored token, e.g. after its database was reset).
 */
export async function ensureProfile(): Promise<{ identity: Identity; created: boolean }> {
  const stored = readStored();
  if (stored) {
    setToken(stored.token);
    try {
      const profile = await api.me();
      return { identity: { ...profile, token: stored.token }, created: false };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      setToken(null);
    }
  }
  return { identity: await createProfile(), created: true };
}

/** Makes this browser use another profile (one a recovery code opened); the page reloads into it. */
export function adoptProfile(created: { id: string; token: string }): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: created.id, token: created.token }));
}

export function displayName(profile: Pick<Profile, 'name'>): string {
  return profile.name ?? 'Guest candidate';
}
