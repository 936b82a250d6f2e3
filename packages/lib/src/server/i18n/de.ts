import type { Messages } from "./en.js";

export const de = {
  eyebrow: "Support für den Matrix-Server",
  title: "Support für {server}",
  titleNoServer: "Support",
  intro:
    "So erreichen Sie die Betreiber des Matrix-Servers {server}, zum Beispiel wenn er nicht erreichbar ist oder Sie ein Problem melden möchten.",
  introNoServer: "So erreichen Sie die Betreiber dieses Matrix-Servers.",
  noneHeading: "Keine Support-Informationen",
  noneText: "Dieser Server veröffentlicht keine Support-Kontakte.",
  contactsHeading: "Ansprechpartner",
  notesHeading: "Hinweise",
  helpHeading: "Hilfeseite",
  policiesHeading: "Richtlinien",
  matrixLabel: "Matrix",
  emailLabel: "E-Mail",
  pgpKeyLabel: "PGP-Schlüssel",
  machineReadable: "Maschinenlesbar: {link} (Matrix-Spezifikation, MSC1929).",
  clientsLookAt: "Matrix-Clients suchen Support-Informationen unter {path}.",
  checkerLink: "Die Support-Datei eines anderen Servers prüfen",
  languageSwitch: "Sprache",
  roleAdmin: "Administration",
  roleAdminDescription: "Alle Fragen zu diesem Server.",
  roleSecurity: "Sicherheit",
  roleSecurityDescription:
    "Sicherheitsprobleme und Meldungen von Schwachstellen. Bitte vertraulich melden.",
  roleModerator: "Moderation",
  roleModeratorDescription: "Missbrauch, Spam und Meldungen zu Inhalten.",
  roleReportModerator: "Bearbeitung von Meldungen",
  roleReportModeratorDescription: "Meldungen zu Inhalten und Nutzern.",
  roleDpo: "Datenschutzbeauftragte(r)",
  roleDpoDescription: "Anfragen zu personenbezogenen Daten und zum Datenschutz.",
} as const satisfies Messages;
