/**
 * The support page's fixed strings in English: the reference every other language must match
 * (the same keys, the same `{placeholders}`). Role names like `m.role.admin` stay identifiers;
 * their labels and descriptions are translated.
 */
export const en = {
  eyebrow: "Matrix server support",
  title: "Support for {server}",
  titleNoServer: "Support",
  intro:
    "How to reach the people who run the Matrix server {server}, for example when it is down or when you need to report a problem.",
  introNoServer: "How to reach the people who run this Matrix server.",
  noneHeading: "No support information",
  noneText: "This server does not publish any support contacts.",
  contactsHeading: "Who to contact",
  notesHeading: "Notes",
  helpHeading: "Help page",
  policiesHeading: "Policies",
  matrixLabel: "Matrix",
  emailLabel: "Email",
  pgpKeyLabel: "PGP key",
  machineReadable: "Machine-readable: {link} (Matrix spec, MSC1929).",
  clientsLookAt: "Matrix clients look for support information at {path}.",
  checkerLink: "Check another server's support file",
  languageSwitch: "Language",
  roleAdmin: "Administrator",
  roleAdminDescription: "Any question about this server.",
  roleSecurity: "Security",
  roleSecurityDescription: "Security issues and vulnerability reports. Please report privately.",
  roleModerator: "Moderator",
  roleModeratorDescription: "Abuse, spam and content reports.",
  roleReportModerator: "Report moderator",
  roleReportModeratorDescription: "Reports about content and users.",
  roleDpo: "Data protection officer",
  roleDpoDescription: "Personal data and privacy requests.",
} as const;

/** The strings of one language: every key of the English table, each a string. */
export type Messages = { readonly [K in keyof typeof en]: string };
