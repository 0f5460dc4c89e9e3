/** One numbered migration, as `src/store/db.ts` applies it. */
export interface EmbeddedMigration {
  name: string;
  sql: string;
}

/** What `npm run build` embeds in the server bundle: the migrations, and the file name of the offline grading worker beside it. */
export interface BundleInfo {
  migrations: EmbeddedMigration[];
  offlineWorker: string;
}

// Replaced by its value when scripts/build-server.mjs bundles the server (esbuild `define`); never declared
// when the sources run directly (tests, `npm run dev`), where `typeof` tells so.
declare const __INTERVIEW_COACH_BUNDLE__: BundleInfo | undefined;

/** Set in the bundle (`npm start`), undefined when running from the sources: then files are read from src/. */
export const bundleInfo: BundleInfo | undefined = typeof __INTERVIEW_COACH_BUNDLE__ === 'undefined' ? undefined : __INTERVIEW_COACH_BUNDLE__;
