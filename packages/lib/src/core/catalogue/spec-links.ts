/** Spec sections the catalogue cites. */
const SPEC = "https://spec.matrix.org/latest";
/** The spec sections (and proposals) the catalogue links to. */
export const LINKS = {
  endpoint: `${SPEC}/client-server-api/#getwell-knownmatrixsupport`,
  wellKnown: `${SPEC}/client-server-api/#well-known-uris`,
  cors: `${SPEC}/client-server-api/#web-browser-clients`,
  userId: `${SPEC}/appendices/#user-identifiers`,
  historicalUserId: `${SPEC}/appendices/#historical-user-ids`,
  serverName: `${SPEC}/appendices/#server-name`,
  namespaced: `${SPEC}/appendices/#common-namespaced-identifier-grammar`,
  msc: (n: number) => `https://github.com/matrix-org/matrix-spec-proposals/pull/${n}`,
} as const;
