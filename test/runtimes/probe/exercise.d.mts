export declare const SUPPORT_PATH: string;

export interface Summary {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Exercised {
  get: Summary;
  head: Summary;
  options: Summary;
  notModified: Summary;
  weakMatch: Summary;
  changed: Summary;
  missing: Summary;
}

export declare function exercise(
  send: (path: string, init: RequestInit) => Promise<Response>,
): Promise<Exercised>;
