export declare const SERVER_NAMES: readonly string[];
export declare const INVALID_DOCUMENT: { contacts: Record<string, unknown>[] };
