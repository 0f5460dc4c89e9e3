import behaviouralData from '../../../data/grader/behavioural-model.json' with { type: 'json' };
import noReferenceData from '../../../data/grader/no-reference-model.json' with { type: 'json' };
import modelData from '../../../data/grader/technical-model.json' with { type: 'json' };
import { misconceptionBankVersion } from './misconception-bank.js';

/**
 * Version of the offline scoring logic (cue lists, thresholds, how the fitted model drives the
 * dimensions). Recorded with every feedback as `offline-<version>`; bump it whenever a change could move
 * a score, so old scores stay interpretable. Kept apart from the grader so that the server's main
 * thread can name the grader without loading the NLP model (see grading-service.ts).
 */
export const OFFLINE_GRADER_VERSION = '2026.12.2';

/** Version of the fitted technical weights (data/grader/technical-model.json). */
export const TECHNICAL_WEIGHTS_VERSION: string = modelData.version;

/** Version of the fitted behavioural weights (data/grader/behavioural-model.json). */
export const BEHAVIOURAL_WEIGHTS_VERSION: string = behaviouralData.version;

/** Version of the fitted weights for technical questions without any reference (data/grader/no-reference-model.json). */
export const NO_REFERENCE_WEIGHTS_VERSION: string = noReferenceData.version;

/** Version of the misconception bank (data/misconceptions/): a hash of its files, so an edited entry is a new grader. */
export const MISCONCEPTIONS_VERSION: string = misconceptionBankVersion();

/** Everything that decides an offline grade besides its input. */
export const OFFLINE_GRADER_IDENTITY = `offline-${OFFLINE_GRADER_VERSION}+weights-${TECHNICAL_WEIGHTS_VERSION}+${BEHAVIOURAL_WEIGHTS_VERSION}+${NO_REFERENCE_WEIGHTS_VERSION}+${MISCONCEPTIONS_VERSION}`;
